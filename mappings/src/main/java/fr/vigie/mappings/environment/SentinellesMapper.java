package fr.vigie.mappings.environment;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.mappings.environment.EnvironmentalParameters.Parameter;
import fr.vigie.mappings.location.MappingResult;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;

/**
 * Réseau Sentinelles (sentiweb.fr) weekly incidence CSV → one weekly {@code Observation} plus the {@code Location} of
 * its area, per row.
 *
 * <p>Layout of the published files: a first {@code #} comment line (skipped by the feed), then
 * {@code week, indicator, inc, inc_low, inc_up, inc100, inc100_low, inc100_up, geo_insee, geo_name}, {@code week}
 * as {@code YYYYWW} (ISO 8601 week), missing values written {@code -} or empty.
 *
 * <ul>
 *   <li>{@code indicator}: only {@code 3} (syndromes grippaux, influenza-like illness) is mapped, to
 *       {@code ili-incidence}; other Sentinelles indicators (acute diarrhoea, chickenpox, acute respiratory
 *       infection...) have no code in {@code environmental-parameter} yet and are rejected;
 *   <li>{@code effectivePeriod}: the ISO week, Monday to Sunday, as dates;
 *   <li>{@code valueQuantity}: {@code inc100}, the estimated incidence rate, in {@code /100000};
 *   <li>{@code referenceRange.low/high}: {@code inc100_low}/{@code inc100_up}, which carry the 95 % confidence
 *       interval of the estimate (not a normal range: {@code referenceRange.text} says so); omitted when the bounds
 *       are missing. The absolute counts {@code inc, inc_low, inc_up} are not imported;
 *   <li>{@code subject}: conditional reference to the area {@code Location}, identifier
 *       {@code https://vigie.example.org/fhir/sid/insee-region|<geo_insee>} ({@code FR} for the country), emitted
 *       first in the same row with {@code geo_name} as its name and physical type {@code area};
 *   <li>identifier {@code sentinelles-<geo_insee>|ili-incidence|<YYYY-Www>}.
 * </ul>
 */
public final class SentinellesMapper extends AbstractEnvironmentCsvMapper {

    /** Indicator code of the Sentinelles files → code of {@code environmental-parameter}. */
    public static final Map<String, String> INDICATORS = Map.of("3", "ili-incidence");

    static final String CONFIDENCE_INTERVAL = "95 % confidence interval of the estimated incidence rate";

    static final List<String> REQUIRED =
            List.of("week", "indicator", "inc100", "inc100_low", "inc100_up", "geo_insee", "geo_name");

    private static final Pattern WEEK = Pattern.compile("(\\d{4})(\\d{2})");
    private static final Pattern AREA = Pattern.compile("FR|\\d{1,3}|[0-9][0-9AB]");

    private final EnvironmentalParameters parameters;

    public SentinellesMapper() {
        this(EnvironmentalParameters.standard());
    }

    public SentinellesMapper(EnvironmentalParameters parameters) {
        super(REQUIRED);
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    MappingResult mapRow(Map<String, String> row) {
        LocalDate monday = monday(row.get("week"));
        String indicator = row.get("indicator");
        String code = INDICATORS.get(indicator);
        if (code == null) {
            throw new RejectedValueException(
                    "Sentinelles indicator '" + indicator + "' is not mapped (accepted: 3 = influenza-like illness)");
        }
        Parameter parameter = parameters.require(code);
        String area = row.get("geo_insee");
        if (area == null || !AREA.matcher(area).matches()) {
            throw new RejectedValueException("geo_insee '" + area + "' is not an INSEE region code or FR");
        }
        String name = row.get("geo_name");
        Location location = EnvironmentResources.location(
                EnvironmentResources.INSEE_REGION_SYSTEM, area, name == null || name.isEmpty() ? area : name, "area");
        BigDecimal value = EnvironmentResources.checkRange(parameter, number("inc100", row.get("inc100")));
        String week = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        Observation observation = EnvironmentResources.observation(
                parameter,
                new Reference(ConditionalUrls.byIdentifier("Location", EnvironmentResources.INSEE_REGION_SYSTEM, area)),
                "sentinelles-" + area + "|" + parameter.code() + "|" + week);
        observation.setEffective(new Period()
                .setStartElement(new DateTimeType(monday.toString()))
                .setEndElement(new DateTimeType(monday.plusDays(6).toString())));
        observation.setValue(EnvironmentResources.quantity(parameter, value));
        BigDecimal low = optional("inc100_low", row.get("inc100_low"));
        BigDecimal high = optional("inc100_up", row.get("inc100_up"));
        if (low != null || high != null) {
            Observation.ObservationReferenceRangeComponent range = observation.addReferenceRange();
            if (low != null) {
                range.setLow(simple(parameter, low));
            }
            if (high != null) {
                range.setHigh(simple(parameter, high));
            }
            range.setText(CONFIDENCE_INTERVAL);
        }
        return new MappingResult.MappedRow(List.of(location, observation), List.of());
    }

    /** The Monday of ISO week {@code YYYYWW}. */
    static LocalDate monday(String week) {
        Matcher matcher = WEEK.matcher(week == null ? "" : week);
        if (!matcher.matches()) {
            throw new RejectedValueException("week '" + week + "' is not YYYYWW");
        }
        int year = Integer.parseInt(matcher.group(1));
        int number = Integer.parseInt(matcher.group(2));
        LocalDate thursday = LocalDate.of(year, 1, 4);
        long weeks = thursday.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (number < 1 || number > weeks) {
            throw new RejectedValueException("week '" + week + "': " + year + " has ISO weeks 1 to " + weeks);
        }
        return thursday.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static BigDecimal number(String label, String value) {
        if (value == null || value.isEmpty() || value.equals("-")) {
            throw new RejectedValueException("empty " + label);
        }
        return EnvironmentResources.decimal(label, value);
    }

    private static BigDecimal optional(String label, String value) {
        return value == null || value.isEmpty() || value.equals("-") ? null : number(label, value);
    }

    private static SimpleQuantity simple(Parameter parameter, BigDecimal value) {
        SimpleQuantity quantity = new SimpleQuantity();
        quantity.setValue(value)
                .setUnit(parameter.unit())
                .setSystem(EnvironmentResources.UCUM)
                .setCode(parameter.unit());
        return quantity;
    }
}
