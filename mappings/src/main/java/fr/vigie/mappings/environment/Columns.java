package fr.vigie.mappings.environment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Column names as the mappers match them: trimmed, lower case, without a byte order mark. */
final class Columns {

    private Columns() {}

    static String name(String raw) {
        String name = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        return name.strip().toLowerCase(Locale.ROOT);
    }

    static Map<String, String> normalise(Map<String, String> raw) {
        Map<String, String> values = new HashMap<>();
        raw.forEach((column, value) -> {
            if (column != null) {
                values.putIfAbsent(name(column), value == null ? null : value.strip());
            }
        });
        return values;
    }

    /** Required columns (each a name, or alternatives written {@code a or b}) the header lacks. */
    static List<String> missing(Collection<String> header, List<String> required) {
        Set<String> names = header.stream().map(Columns::name).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (String requirement : required) {
            boolean found = false;
            for (String alternative : requirement.split(" or ")) {
                found |= names.contains(name(alternative));
            }
            if (!found) {
                missing.add(requirement);
            }
        }
        return missing;
    }
}
