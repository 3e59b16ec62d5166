package fr.vigie.mappings.location;

import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;

/**
 * Pieces shared by the location mappers: code systems, identifier systems, the dz-type codes, positions and the
 * verification tag.
 *
 * <p>Position checks: latitude in [−90, 90] and longitude in [−180, 180] decimal degrees (WGS84); both or neither.
 */
final class Locations {

    /** HL7 {@code location-physical-type}: {@code bu} building, {@code si} site, {@code area} area. */
    static final String PHYSICAL_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/location-physical-type";

    /** HL7 v3 RoleCode, whose {@code HOSP} marks hospitals. */
    static final String ROLE_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    /** FR Core identifier types: {@code FINEG} (établissement, geographic) and {@code FINEJ} (entité juridique). */
    static final String FR_CORE_IDENTIFIER_TYPE_SYSTEM = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203";

    /** Night use of a DZ (valueBoolean). */
    static final String NIGHT_USE_EXTENSION = TerminologyCatalog.EXT_DZ_NIGHT_USE;

    static final String HOSPITAL_HELIPAD = "hospital-helipad";
    static final String HELIPORT = "heliport";
    static final String AIRPORT = "airport";
    static final String STADIUM = "stadium";
    static final String FIRE_STATION = "fire-station";
    static final String OTHER = "other";

    /** Every code of CodeSystem dz-type, in its order. */
    static final List<String> DZ_TYPES = List.of(HOSPITAL_HELIPAD, HELIPORT, AIRPORT, STADIUM, FIRE_STATION, OTHER);

    private static final Set<String> DZ_TYPE_SET = new TreeSet<>(DZ_TYPES);

    static final String UNVERIFIED = "unverified";
    static final String OBSOLETE = "obsolete";

    private Locations() {}

    static boolean isDzType(String code) {
        return DZ_TYPE_SET.contains(code);
    }

    /**
     * A dropping-zone Location: mode instance, type from dz-type, physical type {@code si} for airports (a site of
     * several buildings and runways) and {@code area} for every other landing zone, verification tag.
     */
    static Location dropZone(String name, String dzType, Location.LocationStatus status, String verification) {
        Location location = new Location();
        location.getMeta().addTag(TerminologyCatalog.CS_LOCATION_VERIFICATION, verification, display(verification));
        location.setName(name);
        location.setMode(Location.LocationMode.INSTANCE);
        location.setStatus(status);
        location.addType(new CodeableConcept(new Coding(TerminologyCatalog.CS_DZ_TYPE, dzType, dzDisplay(dzType))));
        String physical = AIRPORT.equals(dzType) ? "si" : "area";
        location.setPhysicalType(new CodeableConcept(
                new Coding(PHYSICAL_TYPE_SYSTEM, physical, "si".equals(physical) ? "Site" : "Area")));
        return location;
    }

    static String display(String verification) {
        return switch (verification) {
            case UNVERIFIED -> "Unverified";
            case OBSOLETE -> "Obsolete";
            default -> "Verified";
        };
    }

    static String dzDisplay(String dzType) {
        return switch (dzType) {
            case HOSPITAL_HELIPAD -> "Hospital helipad";
            case HELIPORT -> "Heliport (non-hospital)";
            case AIRPORT -> "Airport or aerodrome";
            case STADIUM -> "Stadium or sports ground";
            case FIRE_STATION -> "Fire station";
            default -> "Other landing zone";
        };
    }

    /**
     * Checks and sets a WGS84 position given as decimals read from the source (their precision is kept).
     *
     * @throws RejectedRowException when a coordinate is missing or out of range
     */
    static void position(Location location, BigDecimal latitude, BigDecimal longitude) {
        if (latitude == null && longitude == null) {
            throw new RejectedRowException("missing coordinates: latitude and longitude are empty");
        }
        if (latitude == null) {
            throw new RejectedRowException("missing latitude");
        }
        if (longitude == null) {
            throw new RejectedRowException("missing longitude");
        }
        if (latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
            throw new RejectedRowException("latitude " + latitude.toPlainString() + " is outside [-90, 90]");
        }
        if (longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
            throw new RejectedRowException("longitude " + longitude.toPlainString() + " is outside [-180, 180]");
        }
        location.getPosition().setLatitude(latitude).setLongitude(longitude);
    }

    /** Degrees computed by a conversion, rounded to 7 decimals (about 1 cm). */
    static BigDecimal degrees(double value) {
        return BigDecimal.valueOf(value).setScale(7, RoundingMode.HALF_EVEN);
    }

    static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
