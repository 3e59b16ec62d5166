package fr.vigie.mappings.registry;

import java.util.HashMap;
import java.util.Map;

/**
 * The mission numbers read so far in one workbook, with the cell of each: a number used twice rejects the second
 * row (naming the first cell) instead of silently updating the first mission. One instance per workbook.
 *
 * <p>{@link #inMemory()} keeps them on the heap (about 120 bytes a number): right for tests and small files. A feed
 * reading files of any size passes a store whose memory does not grow with the row count (the registry feed keeps
 * them in a temporary on-disk map).
 */
public interface MissionNumbers extends AutoCloseable {

    /** Remembers {@code id} as first read at {@code cell}; returns the cell that had it first, or {@code null}. */
    String putIfAbsent(String id, String cell);

    /** Releases what the store holds (a temporary file). */
    @Override
    void close();

    /** A heap-backed store. */
    static MissionNumbers inMemory() {
        Map<String, String> cells = new HashMap<>();
        return new MissionNumbers() {
            @Override
            public String putIfAbsent(String id, String cell) {
                return cells.putIfAbsent(id, cell);
            }

            @Override
            public void close() {
                cells.clear();
            }
        };
    }
}
