package fr.vigie.server.geo;

import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * The hospital ↔ dropping-zone association as it is written on a hospital {@code Location}: extension {@value
 * #EXTENSION} (complex, at most one) with
 *
 * <ul>
 *   <li>{@value #DROP_ZONE}: {@code valueReference} to the DZ Location ({@code Location/<id>}, display = its name);
 *   <li>{@value #DISTANCE}: {@code valueQuantity}, length of the geodesic from the hospital's position to the DZ on
 *       the WGS84 ellipsoid (GeographicLib), metres, UCUM {@code m}, 2 decimals.
 * </ul>
 *
 * A hospital is a Location with a type coding {@code http://terminology.hl7.org/CodeSystem/v3-RoleCode|HOSP} (what
 * the {@code finess} import writes). Its verification state is the {@code meta.tag} of CodeSystem
 * location-verification ({@link TerminologyCatalog#CS_LOCATION_VERIFICATION}).
 */
public final class DzAssociations {

    /** The association extension on hospital Locations. */
    public static final String EXTENSION = TerminologyCatalog.EXT_DROPPING_ZONE;

    /** Sub-extension: the associated DZ (valueReference). */
    public static final String DROP_ZONE = "dropZone";

    /** Sub-extension: the geodesic distance in metres (valueQuantity). */
    public static final String DISTANCE = "distance";

    static final String ROLE_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    static final String HOSPITAL = "HOSP";

    public static final String UNVERIFIED = "unverified";
    public static final String VERIFIED = "verified";
    public static final String OBSOLETE = "obsolete";

    private static final String UCUM = "http://unitsofmeasure.org";

    private DzAssociations() {}

    /** An association as read from or written to the extension. */
    public record Association(String dropZoneId, String display, BigDecimal distanceMetres) {

        public Association {
            Objects.requireNonNull(dropZoneId, "dropZoneId");
            Objects.requireNonNull(distanceMetres, "distanceMetres");
        }

        /** From an exact index match: distance rounded to the centimetre. */
        static Association of(DzMatch match, String display) {
            return new Association(
                    match.point().id(),
                    display,
                    BigDecimal.valueOf(match.distanceMetres()).setScale(2, RoundingMode.HALF_EVEN));
        }

        /** Same DZ, same distance (to the centimetre) and same display. */
        boolean sameAs(Association other) {
            return other != null
                    && dropZoneId.equals(other.dropZoneId)
                    && distanceMetres.compareTo(other.distanceMetres) == 0
                    && Objects.equals(display, other.display);
        }
    }

    /** Whether the Location is a hospital (type v3-RoleCode HOSP). */
    public static boolean isHospital(Location location) {
        for (CodeableConcept type : location.getType()) {
            for (Coding coding : type.getCoding()) {
                if (ROLE_CODE_SYSTEM.equals(coding.getSystem()) && HOSPITAL.equals(coding.getCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The verification state of the Location ({@value #UNVERIFIED}, {@value #VERIFIED} or {@value #OBSOLETE}), empty
     * when it carries no such tag. Should several be present (data written before the one-tag rule), the strongest
     * wins: obsolete, then verified, then unverified.
     */
    public static Optional<String> verification(Location location) {
        String found = null;
        for (Coding tag : location.getMeta().getTag()) {
            if (TerminologyCatalog.CS_LOCATION_VERIFICATION.equals(tag.getSystem()) && tag.hasCode()) {
                if (rank(tag.getCode()) > rank(found)) {
                    found = tag.getCode();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    static int rank(String state) {
        if (state == null) {
            return 0;
        }
        return switch (state) {
            case OBSOLETE -> 3;
            case VERIFIED -> 2;
            case UNVERIFIED -> 1;
            default -> 0;
        };
    }

    /** Whether the hospital is in service: status active (or absent) and not tagged obsolete. */
    public static boolean isActive(Location location) {
        Location.LocationStatus status = location.getStatus();
        return (status == null || status == Location.LocationStatus.ACTIVE)
                && !verification(location).filter(OBSOLETE::equals).isPresent();
    }

    /** The association written on the Location, if any (a malformed extension counts as none). */
    public static Optional<Association> read(Location location) {
        Extension extension = location.getExtensionByUrl(EXTENSION);
        if (extension == null) {
            return Optional.empty();
        }
        Extension dz = extension.getExtensionByUrl(DROP_ZONE);
        Extension distance = extension.getExtensionByUrl(DISTANCE);
        if (dz == null
                || !(dz.getValue() instanceof Reference reference)
                || !reference.getReferenceElement().hasIdPart()
                || distance == null
                || !(distance.getValue() instanceof Quantity quantity)
                || quantity.getValue() == null) {
            return Optional.empty();
        }
        return Optional.of(new Association(
                reference.getReferenceElement().getIdPart(), reference.getDisplay(), quantity.getValue()));
    }

    /** Replaces the association of the Location by {@code association}, or removes it when null. */
    public static void write(Location location, Association association) {
        location.getExtension().removeIf(extension -> EXTENSION.equals(extension.getUrl()));
        if (association == null) {
            return;
        }
        Extension extension = location.addExtension().setUrl(EXTENSION);
        extension
                .addExtension()
                .setUrl(DROP_ZONE)
                .setValue(new Reference("Location/" + association.dropZoneId()).setDisplay(association.display()));
        extension
                .addExtension()
                .setUrl(DISTANCE)
                .setValue(new Quantity()
                        .setValue(association.distanceMetres())
                        .setUnit("m")
                        .setSystem(UCUM)
                        .setCode("m"));
    }
}
