package fr.vigie.server.geo;

import fr.vigie.terminology.TerminologyCatalog;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;

/**
 * How a FHIR Location is read as a dropping zone, the way the {@code locations} feed writes them: a type coding of
 * CodeSystem dz-type ({@link TerminologyCatalog#CS_DZ_TYPE}), a WGS84 position, status {@code inactive} or {@code
 * suspended} meaning out of service, and night use in extension {@value #NIGHT_USE_EXTENSION} (valueBoolean, absent
 * meaning no).
 */
public final class DzLocations {

    /** Night use of a DZ (valueBoolean). */
    public static final String NIGHT_USE_EXTENSION = TerminologyCatalog.EXT_DZ_NIGHT_USE;

    /** Every code of CodeSystem dz-type. */
    public static final List<String> DZ_TYPES =
            List.of("hospital-helipad", "heliport", "airport", "stadium", "fire-station", "other");

    private DzLocations() {}

    /** The dz-type code of this Location, if it has one. */
    public static Optional<String> dzType(Location location) {
        for (CodeableConcept type : location.getType()) {
            for (Coding coding : type.getCoding()) {
                if (TerminologyCatalog.CS_DZ_TYPE.equals(coding.getSystem()) && coding.hasCode()) {
                    return Optional.of(coding.getCode());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the Location has both a latitude and a longitude. */
    public static boolean hasPosition(Location location) {
        return location.hasPosition()
                && location.getPosition().hasLatitude()
                && location.getPosition().hasLongitude();
    }

    /**
     * The index point of a Location: present when it has a dz-type coding and a valid position, empty otherwise (a
     * Location that is not, or no longer, a DZ).
     */
    public static Optional<DzPoint> toPoint(Location location) {
        Optional<String> dzType = dzType(location);
        if (dzType.isEmpty()
                || !hasPosition(location)
                || !location.getIdElement().hasIdPart()) {
            return Optional.empty();
        }
        double latitude = location.getPosition().getLatitude().doubleValue();
        double longitude = location.getPosition().getLongitude().doubleValue();
        if (!(Math.abs(latitude) <= 90.0) || !(Math.abs(longitude) <= 180.0)) {
            return Optional.empty();
        }
        Location.LocationStatus status = location.getStatus();
        boolean active = status != Location.LocationStatus.INACTIVE && status != Location.LocationStatus.SUSPENDED;
        return Optional.of(new DzPoint(
                location.getIdElement().getIdPart(), latitude, longitude, dzType.get(), nightUse(location), active));
    }

    private static boolean nightUse(Location location) {
        Extension extension = location.getExtensionByUrl(NIGHT_USE_EXTENSION);
        return extension != null
                && extension.getValue() instanceof BooleanType value
                && Boolean.TRUE.equals(value.getValue());
    }
}
