package fr.vigie.routes.registry;

import fr.vigie.mappings.registry.MissionNumbers;
import fr.vigie.routes.common.UnreadableImportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mission numbers of one import in a temporary on-disk map (H2's MVStore, already the server's embedded
 * database engine), so the heap an import needs does not grow with its row count: the map's page cache and its
 * write buffer are capped ({@value #CACHE_MB} MB, {@value #WRITE_BUFFER_KB} KB), the rest lives in the file, which
 * is deleted when the import ends. About 2 µs a row on a laptop; 100,000 numbers take a few MB of disk.
 */
final class DiskMissionNumbers implements MissionNumbers {

    private static final Logger log = LoggerFactory.getLogger(DiskMissionNumbers.class);
    static final int CACHE_MB = 2;
    static final int WRITE_BUFFER_KB = 512;

    private final Path dir;
    private final MVStore store;
    private final MVMap<String, String> cells;

    private DiskMissionNumbers(Path dir, MVStore store) {
        this.dir = dir;
        this.store = store;
        this.cells = store.openMap("missions");
    }

    /** A fresh, empty map in a new temporary folder. */
    static DiskMissionNumbers open() {
        Path dir;
        try {
            dir = Files.createTempDirectory("vigie-registry-missions-");
        } catch (IOException e) {
            throw new UnreadableImportException("cannot create the temporary file of mission numbers: " + e, e);
        }
        MVStore store = new MVStore.Builder()
                .fileName(dir.resolve("missions.mv").toString())
                .cacheSize(CACHE_MB)
                .autoCommitBufferSize(WRITE_BUFFER_KB)
                .open();
        return new DiskMissionNumbers(dir, store);
    }

    @Override
    public String putIfAbsent(String id, String cell) {
        return cells.putIfAbsent(id, cell);
    }

    @Override
    public void close() {
        store.closeImmediately();
        try {
            Files.deleteIfExists(dir.resolve("missions.mv"));
            Files.deleteIfExists(dir);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot delete the temporary mission numbers under {}: {}", dir, e.toString());
        }
    }
}
