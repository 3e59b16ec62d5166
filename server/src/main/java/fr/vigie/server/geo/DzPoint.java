package fr.vigie.server.geo;

import java.util.Objects;

/**
 * A helicopter landing point ("dropping zone", DZ) as the index sees it: the id of its FHIR Location, its WGS84
 * position and the attributes queries filter on.
 *
 * @param id the Location id (unique in the index; ties in distance are broken by it, in {@link String#compareTo}
 *     order)
 * @param latitude geodetic latitude in decimal degrees, WGS84, in [-90, 90]
 * @param longitude longitude in decimal degrees, WGS84, in [-180, 180]
 * @param dzType code of the dz-type CodeSystem ({@code hospital-helipad}, {@code heliport}, {@code airport}…)
 * @param nightUse whether the point is usable at night
 * @param active whether the point is in service; inactive points are only returned on request
 */
public record DzPoint(String id, double latitude, double longitude, String dzType, boolean nightUse, boolean active) {

    public DzPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dzType, "dzType");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            throw new IllegalArgumentException("latitude of " + id + " outside [-90, 90]: " + latitude);
        }
        if (!(longitude >= -180.0 && longitude <= 180.0)) {
            throw new IllegalArgumentException("longitude of " + id + " outside [-180, 180]: " + longitude);
        }
    }
}
