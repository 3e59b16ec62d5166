package fr.vigie.server.geo;

/**
 * One answer of a nearest-DZ query.
 *
 * @param point the dropping zone
 * @param distanceMetres length in metres of the geodesic on the WGS84 ellipsoid from the query point to the DZ
 *     (GeographicLib {@code Geodesic.WGS84.Inverse}, accurate to about 15 nm)
 * @param initialBearingDegrees initial azimuth of that geodesic at the query point, degrees clockwise from true
 *     north, in [0, 360)
 * @param flightMinutes {@code distanceMetres} flown in a straight line at the index's cruise speed, in minutes (no
 *     allowance for take-off, landing, wind or routing)
 */
public record DzMatch(DzPoint point, double distanceMetres, double initialBearingDegrees, double flightMinutes) {}
