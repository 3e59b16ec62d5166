package fr.vigie.mappings.environment;

import fr.vigie.mappings.environment.EnvironmentalParameters.Parameter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;

/**
 * Wide daily file → several {@code Observation}s per row, one per parameter column of the {@link WideSpec} whose cell
 * is neither empty nor a missing-value marker.
 *
 * <p>Each Observation is built as {@link LongObservationMapper} builds one (category, code, canonical UCUM unit,
 * station subject, day, identifier {@code <prefix><station>|<parameter>|<day>}). A bad date or station rejects the
 * whole row; a bad cell (not a number, negative concentration...) rejects that cell only, the others are kept. When
 * the spec gives a position (fixed or by column), the row also yields the station {@code Location} (physical type
 * {@code area}: wide files describe cities or model grid cells, not fenced stations) so the subject reference
 * resolves without a separate stations file.
 */
public final class WideObservationMapper {

    /** What one wide row gave. */
    public sealed interface Result {}

    /**
     * The row's date and station were read.
     *
     * @param location the station or area Location, or {@code null} when the spec gives no position
     * @param observations one per imported cell, in spec order (possibly none)
     * @param rejectedCells reason per rejected cell, by column name as in the spec
     */
    public record Mapped(Location location, List<Observation> observations, Map<String, String> rejectedCells)
            implements Result {

        public Mapped {
            observations = List.copyOf(observations);
            rejectedCells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rejectedCells));
        }
    }

    /** The whole row is unusable (no date, no station). */
    public record Rejected(String reason) implements Result {}

    private final WideSpec spec;
    private final DateTimeFormatter dateFormat;
    private final List<Parameter> parameters = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when the spec names an unknown parameter or a unit that cannot be converted
     */
    public WideObservationMapper(WideSpec spec, EnvironmentalParameters catalogue) {
        this.spec = Objects.requireNonNull(spec, "spec");
        // strict: 1998-02-30 is an error, not 1998-02-28 ('u' is the proleptic year strict resolving needs)
        this.dateFormat = DateTimeFormatter.ofPattern(spec.dateFormat().replace('y', 'u'))
                .withResolverStyle(ResolverStyle.STRICT);
        for (WideSpec.ParameterColumn column : spec.columns()) {
            try {
                Parameter parameter = catalogue.require(column.parameter());
                UnitConverter.toCanonical(parameter, BigDecimal.ONE, column.unit());
                parameters.add(parameter);
            } catch (RejectedValueException e) {
                throw new IllegalArgumentException(
                        "spec " + spec.name() + ", column " + column.column() + ": " + e.getMessage(), e);
            }
        }
    }

    public WideObservationMapper(WideSpec spec) {
        this(spec, EnvironmentalParameters.standard());
    }

    public WideSpec spec() {
        return spec;
    }

    /** Columns of the spec the header lacks. */
    public List<String> missingColumns(Collection<String> header) {
        List<String> required = new ArrayList<>();
        required.add(spec.dateColumn());
        addIfSet(required, spec.stationColumn());
        addIfSet(required, spec.nameColumn());
        addIfSet(required, spec.latitudeColumn());
        addIfSet(required, spec.longitudeColumn());
        spec.columns().forEach(column -> required.add(column.column()));
        return Columns.missing(header, required.stream().distinct().toList());
    }

    public Result map(Map<String, String> raw) {
        Map<String, String> row = Columns.normalise(raw);
        ObservationTime day;
        String station;
        Location location = null;
        try {
            day = ObservationTime.ofDate(date(row.get(Columns.name(spec.dateColumn()))));
            String code = spec.stationColumn() == null ? spec.station() : row.get(Columns.name(spec.stationColumn()));
            station = EnvironmentResources.station(code == null || code.isEmpty() ? null : spec.stationPrefix() + code);
            if (spec.hasPosition()) {
                location = location(row, station);
            }
        } catch (RejectedValueException e) {
            return new Rejected(e.getMessage());
        }
        List<Observation> observations = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            WideSpec.ParameterColumn column = spec.columns().get(i);
            String cell = row.get(Columns.name(column.column()));
            if (cell == null || cell.isEmpty() || spec.missing().contains(cell)) {
                continue;
            }
            try {
                BigDecimal value = EnvironmentResources.decimal(column.column(), cell);
                observations.add(
                        LongObservationMapper.observation(station, parameters.get(i), day, value, column.unit()));
            } catch (RejectedValueException e) {
                rejected.put(column.column(), e.getMessage());
            }
        }
        return new Mapped(location, observations, rejected);
    }

    private LocalDate date(String value) {
        if (value == null || value.isEmpty()) {
            throw new RejectedValueException("empty " + spec.dateColumn());
        }
        try {
            return LocalDate.parse(value, dateFormat);
        } catch (DateTimeParseException e) {
            throw new RejectedValueException(
                    spec.dateColumn() + " '" + value + "' does not match " + spec.dateFormat());
        }
    }

    private Location location(Map<String, String> row, String station) {
        String name = spec.nameColumn() == null ? null : row.get(Columns.name(spec.nameColumn()));
        if (name == null || name.isEmpty()) {
            name = spec.stationName() == null ? station : spec.stationName();
        }
        Location location = EnvironmentResources.location(EnvironmentResources.STATION_SYSTEM, station, name, "area");
        if (spec.latitude() != null) {
            location.getPosition().setLatitude(spec.latitude()).setLongitude(spec.longitude());
        } else {
            EnvironmentResources.position(
                    location,
                    row.get(Columns.name(spec.latitudeColumn())),
                    row.get(Columns.name(spec.longitudeColumn())));
        }
        return location;
    }

    private static void addIfSet(List<String> list, String column) {
        if (column != null) {
            list.add(column);
        }
    }
}
