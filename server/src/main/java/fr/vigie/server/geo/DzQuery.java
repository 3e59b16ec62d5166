package fr.vigie.server.geo;

import java.util.Objects;
import java.util.Set;

/**
 * Parameters of a nearest-DZ query, mirroring those of {@code $nearest-dz}.
 *
 * @param latitude geodetic latitude of the query point, decimal degrees WGS84, in [-90, 90]
 * @param longitude longitude of the query point, decimal degrees WGS84, in [-180, 180]
 * @param count how many DZs to return at most (k), at least 1 (the operation limits it to 100)
 * @param maxDistance only DZs at most this far, in metres; {@link Double#POSITIVE_INFINITY} for no limit
 * @param dzTypes only DZs of these dz-type codes; empty for all types
 * @param nightOnly only DZs usable at night
 * @param includeInactive also return inactive DZs (default false)
 */
public record DzQuery(
        double latitude,
        double longitude,
        int count,
        double maxDistance,
        Set<String> dzTypes,
        boolean nightOnly,
        boolean includeInactive) {

    public DzQuery {
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            throw new IllegalArgumentException("latitude outside [-90, 90]: " + latitude);
        }
        if (!(longitude >= -180.0 && longitude <= 180.0)) {
            throw new IllegalArgumentException("longitude outside [-180, 180]: " + longitude);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (!(maxDistance >= 0.0)) {
            throw new IllegalArgumentException("maxDistance must be a non-negative number of metres: " + maxDistance);
        }
        dzTypes = Set.copyOf(Objects.requireNonNull(dzTypes, "dzTypes"));
    }

    /** The {@code count} nearest active DZs of any type, at any distance. */
    public static DzQuery nearest(double latitude, double longitude, int count) {
        return new DzQuery(latitude, longitude, count, Double.POSITIVE_INFINITY, Set.of(), false, false);
    }

    public DzQuery withMaxDistance(double metres) {
        return new DzQuery(latitude, longitude, count, metres, dzTypes, nightOnly, includeInactive);
    }

    public DzQuery withDzTypes(Set<String> types) {
        return new DzQuery(latitude, longitude, count, maxDistance, types, nightOnly, includeInactive);
    }

    public DzQuery withNightOnly(boolean value) {
        return new DzQuery(latitude, longitude, count, maxDistance, dzTypes, value, includeInactive);
    }

    public DzQuery withIncludeInactive(boolean value) {
        return new DzQuery(latitude, longitude, count, maxDistance, dzTypes, nightOnly, value);
    }

    /** Whether {@code point} passes the filters (type, night use, status); distance is checked elsewhere. */
    public boolean accepts(DzPoint point) {
        return (includeInactive || point.active())
                && (!nightOnly || point.nightUse())
                && (dzTypes.isEmpty() || dzTypes.contains(point.dzType()));
    }
}
