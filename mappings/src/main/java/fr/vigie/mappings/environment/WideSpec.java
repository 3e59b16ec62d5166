package fr.vigie.mappings.environment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to read a wide daily file: one row per day (and per station), one column per parameter. Specs are JSON files
 * under {@code mappings/environment/} on the classpath ({@link #load}); their fields are those of this record.
 *
 * @param name short name of the source ({@code nmmaps}, {@code cams}), also the feed format
 * @param description what the file is and where it comes from
 * @param dateColumn column holding the day
 * @param dateFormat {@link DateTimeFormatter} pattern of that column ({@code yyyy-MM-dd})
 * @param stationColumn column holding the station code, or {@code null} for a single fixed {@link #station}
 * @param station fixed station code when {@code stationColumn} is {@code null}
 * @param stationPrefix prepended to the station code to keep sources apart ({@code cams-} → {@code cams-AQ022})
 * @param stationName fixed name of the station or area, or {@code null}
 * @param nameColumn column holding its name, or {@code null}
 * @param latitude fixed latitude (WGS84), or {@code null}
 * @param longitude fixed longitude (WGS84), or {@code null}
 * @param latitudeColumn column holding the latitude, or {@code null}
 * @param longitudeColumn column holding the longitude, or {@code null}
 * @param missing cell values meaning "no value" (compared after trimming; the empty cell always is)
 * @param columns parameter columns to import; other columns are ignored
 * @param notes caveats about the source kept with the spec (detrending, units, columns left out and why)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record WideSpec(
        String name,
        String description,
        String dateColumn,
        String dateFormat,
        String stationColumn,
        String station,
        String stationPrefix,
        String stationName,
        String nameColumn,
        BigDecimal latitude,
        BigDecimal longitude,
        String latitudeColumn,
        String longitudeColumn,
        List<String> missing,
        List<ParameterColumn> columns,
        List<String> notes) {

    /** Classpath folder of the specs shipped with vigie-mappings. */
    public static final String ROOT = "mappings/environment/";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * One parameter column.
     *
     * @param column header of the column
     * @param parameter code of CodeSystem {@code environmental-parameter}
     * @param unit unit of the values in the file, converted by {@link UnitConverter}
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ParameterColumn(String column, String parameter, String unit) {

        public ParameterColumn {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(parameter, "parameter");
            Objects.requireNonNull(unit, "unit");
        }
    }

    public WideSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a wide spec needs a lower-case name, got " + name);
        }
        Objects.requireNonNull(dateColumn, "dateColumn");
        dateFormat = dateFormat == null ? "yyyy-MM-dd" : dateFormat;
        DateTimeFormatter.ofPattern(dateFormat);
        if ((stationColumn == null) == (station == null)) {
            throw new IllegalArgumentException("spec " + name + ": give either stationColumn or station");
        }
        if ((latitude == null) != (longitude == null) || (latitudeColumn == null) != (longitudeColumn == null)) {
            throw new IllegalArgumentException("spec " + name + ": give both coordinates or neither");
        }
        stationPrefix = stationPrefix == null ? "" : stationPrefix;
        missing = missing == null ? List.of() : List.copyOf(missing);
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("spec " + name + " maps no column");
        }
    }

    /** Whether rows carry (or the spec fixes) a position, so the station Location can be written with them. */
    public boolean hasPosition() {
        return latitude != null || latitudeColumn != null;
    }

    /** Reads a spec from JSON. */
    public static WideSpec read(InputStream json) throws IOException {
        return new ObjectMapper()
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
                .readValue(json, WideSpec.class);
    }

    /** Loads {@code mappings/environment/<name>.json} from the classpath. */
    public static WideSpec load(String name) {
        String path = ROOT + name + ".json";
        try (InputStream in = WideSpec.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no wide spec on the classpath at " + path);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read wide spec " + path, e);
        }
    }
}
