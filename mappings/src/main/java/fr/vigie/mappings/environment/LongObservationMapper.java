package fr.vigie.mappings.environment;

import fr.vigie.mappings.environment.EnvironmentalParameters.Parameter;
import fr.vigie.mappings.location.MappingResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.Observation;

/**
 * Long environment file ({@code station, date} or {@code datetime}{@code , parameter, value, unit}) → one
 * {@code Observation} per row.
 *
 * <ul>
 *   <li>{@code parameter}: a code of CodeSystem {@code environmental-parameter}; category = its {@code category}
 *       property (CodeSystem {@code environment}); unknown codes are rejected with the list of accepted ones;
 *   <li>{@code value} in {@code unit}, converted to the parameter's canonical UCUM unit by {@link UnitConverter};
 *       empty, NaN, non-numeric values and unknown units are rejected, so are negative concentrations, pollen
 *       counts and incidences, and humidity outside [0, 100];
 *   <li>{@code subject}: conditional reference {@code Location?identifier=<station system>|<station>} (the
 *       station should come from a stations file; the import writer resolves the reference);
 *   <li>{@code effectiveDateTime}: the day, or the date-time (see {@link ObservationTime} for the time zone);
 *       when both columns are filled, {@code datetime} wins;
 *   <li>identifier {@code <station>|<parameter>|<time>} (see {@link EnvironmentResources}), stable across
 *       re-imports.
 * </ul>
 */
public final class LongObservationMapper extends AbstractEnvironmentCsvMapper {

    static final List<String> REQUIRED = List.of("station", "date or datetime", "parameter", "value", "unit");

    private final EnvironmentalParameters parameters;

    public LongObservationMapper() {
        this(EnvironmentalParameters.standard());
    }

    public LongObservationMapper(EnvironmentalParameters parameters) {
        super(REQUIRED);
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    MappingResult mapRow(Map<String, String> row) {
        String station = EnvironmentResources.station(row.get("station"));
        String datetime = row.get("datetime");
        ObservationTime time = datetime != null && !datetime.isEmpty()
                ? ObservationTime.parseDateTime(datetime)
                : ObservationTime.parseDate(row.get("date"));
        String code = row.get("parameter");
        if (code == null || code.isEmpty()) {
            throw new RejectedValueException("empty parameter");
        }
        Parameter parameter = parameters.require(code);
        BigDecimal value = EnvironmentResources.decimal("value", row.get("value"));
        Observation observation = observation(station, parameter, time, value, row.get("unit"));
        return new MappingResult.MappedRow(List.of(observation), List.of());
    }

    /** One station Observation; shared with {@link WideObservationMapper}. */
    static Observation observation(
            String station, Parameter parameter, ObservationTime time, BigDecimal value, String unit) {
        BigDecimal canonical =
                EnvironmentResources.checkRange(parameter, UnitConverter.toCanonical(parameter, value, unit));
        Observation observation = EnvironmentResources.observation(
                parameter,
                EnvironmentResources.conditional(EnvironmentResources.STATION_SYSTEM, station),
                station + "|" + parameter.code() + "|" + time.key());
        observation.setEffective(time.effective());
        observation.setValue(EnvironmentResources.quantity(parameter, canonical));
        return observation;
    }
}
