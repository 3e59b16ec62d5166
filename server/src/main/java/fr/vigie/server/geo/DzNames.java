package fr.vigie.server.geo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Names of the indexed DZ Locations, by id, for the {@code display} of {@code $nearest-dz} references without a
 * database read per answer. Kept beside {@link DzIndex} (whose points carry no name) by {@link DzIndexSync}.
 */
@Component
public class DzNames {

    private final Map<String, String> names = new ConcurrentHashMap<>();

    /** The name of this DZ, or null if it has none. */
    public String get(String id) {
        return names.get(id);
    }

    void put(String id, String name) {
        if (name == null || name.isBlank()) {
            names.remove(id);
        } else {
            names.put(id, name);
        }
    }

    void remove(String id) {
        names.remove(id);
    }

    void replaceAll(Map<String, String> all) {
        names.keySet().retainAll(all.keySet());
        names.putAll(all);
    }
}
