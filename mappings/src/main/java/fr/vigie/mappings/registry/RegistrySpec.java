package fr.vigie.mappings.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to read one registry layout: which sheets it has, where their headers are and what their row labels and
 * columns mean. Specs are JSON files under {@code mappings/registry/} on the classpath ({@link #load}); a new layout
 * is a new file. The fields are those of this record and its nested records.
 *
 * <p>Labels (row labels, column headers, codes) are compared after {@link Labels normalisation} with the spec's
 * {@link #abbreviations}, so the spec lists each meaning once, in normalised words.
 *
 * @param name short name, lower case ({@code smur-registre}); also the first part of the MeasureReport identifiers
 *     written from this layout, so a corrected workbook updates the reports of the first one
 * @param description what registry this layout comes from
 * @param allAircraftLabel group text of tables that do not say which aircraft ({@code Tous appareils})
 * @param abbreviations normalised word → the word it stands for ({@code prim → primaire})
 * @param codes per code system ({@code mission-type}, {@code population-group}, {@code day-night},
 *     {@code smur-pathology}), normalised label → code
 * @param sheets the sheet layouts, tried in order on each sheet's first non-empty row
 * @param notes caveats about the layout
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RegistrySpec(
        String name,
        String description,
        String allAircraftLabel,
        Map<String, String> abbreviations,
        Map<String, Map<String, String>> codes,
        List<SheetSpec> sheets,
        List<String> notes) {

    /** Classpath folder of the specs shipped with vigie-mappings. */
    public static final String ROOT = "mappings/registry/";

    /** Code systems a spec may give labels for. */
    public static final Set<String> CODE_SYSTEMS =
            Set.of(Measures.MISSION_TYPE, Measures.POPULATION_GROUP, Measures.DAY_NIGHT, Measures.PATHOLOGY);

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** Kinds of sheet. */
    public enum Kind {
        /** Indicator rows × year columns, in blocks under year header rows. */
        summary,
        /** One count per row: month or pathology × mission type. */
        table,
        /** One mission per row. */
        missions
    }

    /**
     * One sheet layout.
     *
     * @param kind what the sheet holds
     * @param sheetNames normalised sheet names that prefer this layout when several match the header
     * @param labelColumn summary: column letter of the row labels ({@code A})
     * @param rows summary: the indicator rows
     * @param measure table: Measure id the rows count ({@code smur-missions-monthly}, {@code smur-pathologies})
     * @param columns table and missions: column role → normalised header labels
     * @param required table and missions: roles whose column must be in the header
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SheetSpec(
            Kind kind,
            List<String> sheetNames,
            String labelColumn,
            List<RowRule> rows,
            String measure,
            Map<String, List<String>> columns,
            List<String> required) {

        public SheetSpec {
            Objects.requireNonNull(kind, "kind");
            sheetNames = sheetNames == null ? List.of() : List.copyOf(sheetNames);
            rows = rows == null ? List.of() : List.copyOf(rows);
            columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
            required = required == null ? List.of() : List.copyOf(required);
            if (kind == Kind.summary && rows.isEmpty()) {
                throw new IllegalArgumentException("a summary sheet spec needs rows");
            }
            if (kind == Kind.summary) {
                labelColumn = labelColumn == null ? "A" : labelColumn;
            }
            if (kind == Kind.table && !Measures.TABLE_MEASURES.contains(measure)) {
                throw new IllegalArgumentException(
                        "a table sheet spec needs a measure among " + Measures.TABLE_MEASURES + ", got " + measure);
            }
            if (kind != Kind.summary && required.isEmpty()) {
                throw new IllegalArgumentException("a " + kind + " sheet spec needs required columns");
            }
            for (String role : required) {
                if (!columns.containsKey(role)) {
                    throw new IllegalArgumentException("required column " + role + " has no header labels");
                }
            }
        }
    }

    /**
     * One kind of indicator row of a summary sheet.
     *
     * @param pattern regular expression over the whole normalised label; a named group {@code aircraft} captures the
     *     aircraft, kept as written in the registry
     * @param measure Measure id ({@code smur-missions}); {@code null} on a total row means the measure of the rows
     *     just above it in its block
     * @param role {@code stratum} (a part), {@code total} or {@code percent}
     * @param stratifier stratum rows: stratifier name ({@code mission-type}, {@code population-group},
     *     {@code transfer-destination})
     * @param stratum stratum rows: the stratum code
     * @param numerator percent rows: strata whose sum, over the total, the percentage should be
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record RowRule(
            String pattern, String measure, String role, String stratifier, String stratum, List<String> numerator) {

        public RowRule {
            Objects.requireNonNull(pattern, "pattern");
            Pattern.compile(pattern);
            role = role == null ? "stratum" : role;
            numerator = numerator == null ? List.of() : List.copyOf(numerator);
            switch (role) {
                case "stratum" -> {
                    Objects.requireNonNull(measure, "measure of stratum row " + pattern);
                    Objects.requireNonNull(stratifier, "stratifier of row " + pattern);
                    Objects.requireNonNull(stratum, "stratum of row " + pattern);
                }
                case "total" -> {}
                case "percent" -> {
                    if (numerator.isEmpty()) {
                        throw new IllegalArgumentException("percent row " + pattern + " needs a numerator");
                    }
                }
                default -> throw new IllegalArgumentException("unknown row role " + role);
            }
        }
    }

    public RegistrySpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a registry spec needs a lower-case name, got " + name);
        }
        allAircraftLabel = allAircraftLabel == null ? "Tous appareils" : allAircraftLabel;
        abbreviations = abbreviations == null ? Map.of() : Map.copyOf(abbreviations);
        codes = codes == null ? Map.of() : Map.copyOf(codes);
        for (String system : codes.keySet()) {
            if (!CODE_SYSTEMS.contains(system)) {
                throw new IllegalArgumentException("spec " + name + ": unknown code system " + system);
            }
        }
        sheets = List.copyOf(Objects.requireNonNull(sheets, "sheets"));
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("spec " + name + " has no sheet");
        }
    }

    /** The label normaliser of this spec. */
    public Labels labels() {
        return new Labels(abbreviations);
    }

    /** Reads a spec from JSON. */
    public static RegistrySpec read(InputStream json) throws IOException {
        return new ObjectMapper().readValue(json, RegistrySpec.class);
    }

    /** Loads {@code mappings/registry/<name>.json} from the classpath. */
    public static RegistrySpec load(String name) {
        String path = ROOT + name + ".json";
        try (InputStream in = RegistrySpec.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no registry spec on the classpath at " + path);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry spec " + path, e);
        }
    }
}
