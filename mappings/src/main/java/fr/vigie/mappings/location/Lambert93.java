package fr.vigie.mappings.location;

import org.locationtech.proj4j.BasicCoordinateTransform;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Lambert-93 (EPSG:2154, RGF93 v1 on GRS80, the official projection of metropolitan France) to and from WGS84
 * latitude/longitude (EPSG:4326), through proj4j.
 *
 * <p>Units: metres east ({@code x}) and north ({@code y}) in Lambert-93; decimal degrees in WGS84. RGF93 and WGS84
 * differ by a few centimetres at most, so no datum shift is applied (EPSG's {@code +towgs84=0,0,0}).
 *
 * <p>Lambert-93 is only valid over metropolitan France and Corsica: {@link #toWgs84} refuses points whose result
 * falls outside EPSG:2154's area of use (latitude 41.15 to 51.56, longitude −9.86 to 10.38), which catches swapped
 * or mistyped coordinates (a {@code y} of {@code 686 172} instead of {@code 6 861 720}) and overseas registers.
 * Thread-safe: a transform is built per call (cheap; the parsed CRS are shared and immutable).
 */
public final class Lambert93 {

    /** EPSG:2154 area of use, degrees. */
    public static final double MIN_LATITUDE = 41.15;

    public static final double MAX_LATITUDE = 51.56;
    public static final double MIN_LONGITUDE = -9.86;
    public static final double MAX_LONGITUDE = 10.38;

    private static final CoordinateReferenceSystem LAMBERT_93;
    private static final CoordinateReferenceSystem WGS_84;

    static {
        CRSFactory factory = new CRSFactory();
        LAMBERT_93 = factory.createFromName("EPSG:2154");
        WGS_84 = factory.createFromName("EPSG:4326");
    }

    private Lambert93() {}

    /** A WGS84 position in decimal degrees. */
    public record GeoPoint(double latitude, double longitude) {}

    /** A Lambert-93 position in metres. */
    public record Point(double x, double y) {}

    /**
     * Converts Lambert-93 metres to WGS84 degrees.
     *
     * @throws IllegalArgumentException when the coordinates are not finite or fall outside Lambert-93's area of use
     */
    public static GeoPoint toWgs84(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("Lambert-93 coordinates must be finite numbers");
        }
        ProjCoordinate out = new ProjCoordinate();
        new BasicCoordinateTransform(LAMBERT_93, WGS_84).transform(new ProjCoordinate(x, y), out);
        GeoPoint point = new GeoPoint(out.y, out.x);
        if (!withinArea(point.latitude(), point.longitude())) {
            throw new IllegalArgumentException("Lambert-93 x " + format(x) + ", y " + format(y)
                    + " is outside the area of Lambert-93 (metropolitan France and Corsica)");
        }
        return point;
    }

    /**
     * Converts WGS84 degrees to Lambert-93 metres.
     *
     * @throws IllegalArgumentException when the position is outside Lambert-93's area of use
     */
    public static Point fromWgs84(double latitude, double longitude) {
        if (!withinArea(latitude, longitude)) {
            throw new IllegalArgumentException("latitude " + latitude + ", longitude " + longitude
                    + " is outside the area of Lambert-93 (metropolitan France and Corsica)");
        }
        ProjCoordinate out = new ProjCoordinate();
        new BasicCoordinateTransform(WGS_84, LAMBERT_93).transform(new ProjCoordinate(longitude, latitude), out);
        return new Point(out.x, out.y);
    }

    private static boolean withinArea(double latitude, double longitude) {
        return Double.isFinite(latitude)
                && Double.isFinite(longitude)
                && latitude >= MIN_LATITUDE
                && latitude <= MAX_LATITUDE
                && longitude >= MIN_LONGITUDE
                && longitude <= MAX_LONGITUDE;
    }

    private static String format(double metres) {
        return metres == Math.rint(metres) && Math.abs(metres) < 1e15
                ? Long.toString((long) metres)
                : Double.toString(metres);
    }
}
