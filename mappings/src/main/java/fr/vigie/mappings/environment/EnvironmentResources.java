package fr.vigie.mappings.environment;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.mappings.environment.EnvironmentalParameters.Parameter;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Pieces shared by the environment mappers: identifier systems, the Observation skeleton, station references,
 * value checks.
 *
 * <p>Observation identifiers are {@code <station>|<parameter>|<time>} under {@link #OBSERVATION_SYSTEM}: the station
 * code stands for the source (wide specs prefix theirs, e.g. {@code cams-AQ022}; Sentinelles areas are
 * {@code sentinelles-<insee>}), and the time is the day ({@code 2020-02-01}), the instant in UTC
 * ({@code 2020-02-01T09:00:00Z}) or the ISO week ({@code 2020-W03}). The same row always gives the same identifier,
 * so a re-import updates instead of duplicating.
 */
final class EnvironmentResources {

    /** Identifier system of measurement stations (and of the areas of wide files). */
    static final String STATION_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/environment-station";

    /** Identifier system of environmental Observations. */
    static final String OBSERVATION_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/environment-observation";

    /** Identifier system of French regions (and {@code FR} for the whole country) by INSEE code. */
    static final String INSEE_REGION_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/insee-region";

    static final String UCUM = "http://unitsofmeasure.org";

    static final String PHYSICAL_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/location-physical-type";

    /** Station codes: letters, digits, dot, dash, underscore (they go into identifiers and search URLs). */
    private static final Pattern STATION_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private EnvironmentResources() {}

    static String station(String code) {
        if (code == null || code.isBlank()) {
            throw new RejectedValueException("empty station");
        }
        String trimmed = code.strip();
        if (!STATION_CODE.matcher(trimmed).matches()) {
            throw new RejectedValueException(
                    "station '" + code + "' must be 1-64 letters, digits, '.', '-' or '_' (it becomes an identifier)");
        }
        return trimmed;
    }

    static Reference conditional(String system, String value) {
        return new Reference(ConditionalUrls.byIdentifier("Location", system, value));
    }

    /** An Observation with identifier, status, category, code and subject; effective and value left to the caller. */
    static Observation observation(Parameter parameter, Reference subject, String identifierValue) {
        Observation observation = new Observation();
        observation.addIdentifier().setSystem(OBSERVATION_SYSTEM).setValue(identifierValue);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(
                new Coding(TerminologyCatalog.CS_ENVIRONMENT, parameter.category(), parameter.categoryDisplay())));
        observation.setCode(new CodeableConcept(new Coding(
                        TerminologyCatalog.CS_ENVIRONMENTAL_PARAMETER, parameter.code(), parameter.display()))
                .setText(parameter.display()));
        observation.setSubject(subject);
        return observation;
    }

    static Quantity quantity(Parameter parameter, BigDecimal value) {
        Quantity quantity = new Quantity();
        quantity.setValue(value).setUnit(parameter.unit()).setSystem(UCUM).setCode(parameter.unit());
        return quantity;
    }

    /**
     * Checks a value already in the canonical unit: concentrations, pollen counts and incidences cannot be negative,
     * relative humidity lies in [0, 100].
     */
    static BigDecimal checkRange(Parameter parameter, BigDecimal value) {
        boolean nonNegative = !"weather".equals(parameter.category()) || "humidity".equals(parameter.code());
        if (nonNegative && value.signum() < 0) {
            throw new RejectedValueException(
                    "negative " + parameter.code() + " " + value.toPlainString() + " " + parameter.unit());
        }
        if ("humidity".equals(parameter.code()) && value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new RejectedValueException("humidity " + value.toPlainString() + " % is above 100");
        }
        return value;
    }

    /** A decimal written with a point or a decimal comma; empty, NaN and infinities are rejected. */
    static BigDecimal decimal(String label, String value) {
        if (value == null || value.isBlank()) {
            throw new RejectedValueException("empty " + label);
        }
        String cleaned = value.strip().replace("\u2212", "-");
        if (cleaned.indexOf('.') < 0 && cleaned.indexOf(',') == cleaned.lastIndexOf(',')) {
            cleaned = cleaned.replace(',', '.');
        }
        try {
            return new BigDecimal(cleaned);
        } catch (NumberFormatException e) {
            throw new RejectedValueException(label + " '" + value.strip() + "' is not a number");
        }
    }

    /** A Location for a station or an area: mode instance, physical type {@code si} or {@code area}. */
    static Location location(String system, String code, String name, String physicalType) {
        Location location = new Location();
        location.addIdentifier().setSystem(system).setValue(code);
        location.setName(name);
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setMode(Location.LocationMode.INSTANCE);
        location.setPhysicalType(new CodeableConcept(
                new Coding(PHYSICAL_TYPE_SYSTEM, physicalType, "si".equals(physicalType) ? "Site" : "Area")));
        return location;
    }

    /** Sets a WGS84 position after checking both coordinates are present and in range. */
    static void position(Location location, String latitude, String longitude) {
        if ((latitude == null || latitude.isBlank()) && (longitude == null || longitude.isBlank())) {
            throw new RejectedValueException("missing coordinates: latitude and longitude are empty");
        }
        BigDecimal lat = decimal("latitude", latitude);
        BigDecimal lon = decimal("longitude", longitude);
        if (lat.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
            throw new RejectedValueException("latitude " + lat.toPlainString() + " is outside [-90, 90]");
        }
        if (lon.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
            throw new RejectedValueException("longitude " + lon.toPlainString() + " is outside [-180, 180]");
        }
        location.getPosition().setLatitude(lat).setLongitude(lon);
    }
}
