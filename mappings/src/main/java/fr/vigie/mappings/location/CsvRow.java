package fr.vigie.mappings.location;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One CSV record with normalised column names (lower case, trimmed, no byte order mark) and helpers to read its
 * values: text (trimmed, empty = absent) and decimals written either way ({@code 48.85} or {@code 48,85}, with
 * thousands separated by spaces as in {@code 652 469}).
 */
final class CsvRow {

    private final Map<String, String> values;

    private CsvRow(Map<String, String> values) {
        this.values = values;
    }

    static CsvRow of(Map<String, String> raw) {
        Map<String, String> normalised = new HashMap<>();
        raw.forEach((column, value) -> {
            if (column != null) {
                normalised.putIfAbsent(column(column), value);
            }
        });
        return new CsvRow(normalised);
    }

    /** A column name as mappers spell it. */
    static String column(String raw) {
        String name = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        return name.strip().toLowerCase(Locale.ROOT);
    }

    static Set<String> columns(Collection<String> header) {
        Set<String> names = new LinkedHashSet<>();
        header.forEach(name -> names.add(column(name)));
        return names;
    }

    /** The {@code required} columns absent from {@code columns} (see {@link #columns}), in order; a mutable list. */
    static List<String> missing(Set<String> columns, String... required) {
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            if (!columns.contains(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    /** The first non-blank value among {@code names}, trimmed, or {@code null}. */
    String text(String... names) {
        for (String name : names) {
            String value = values.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** Like {@link #text} but rejects the row when every column is empty. */
    String required(String label, String... names) {
        String value = text(names);
        if (value == null) {
            throw new RejectedRowException("empty " + label);
        }
        return value;
    }

    /**
     * A decimal number, or {@code null} when empty.
     *
     * @throws RejectedRowException when the value is not a finite number
     */
    BigDecimal decimal(String label, String... names) {
        String value = text(names);
        return value == null ? null : parseDecimal(label, value);
    }

    static BigDecimal parseDecimal(String label, String value) {
        String cleaned = value.replace("\u00A0", "")
                .replace("\u202F", "")
                .replace(" ", "")
                .replace("\u2212", "-");
        if (cleaned.indexOf('.') < 0 && cleaned.indexOf(',') == cleaned.lastIndexOf(',')) {
            cleaned = cleaned.replace(',', '.');
        }
        try {
            return new BigDecimal(cleaned);
        } catch (NumberFormatException e) {
            throw new RejectedRowException(label + " '" + value + "' is not a number");
        }
    }
}
