package fr.vigie.server.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;

/**
 * Reference answer for {@link DzIndex}: calls GeographicLib {@code Geodesic.WGS84.Inverse} for every DZ passing the
 * filters, sorts by distance then id and keeps the first {@code count}. Used by the tests as the oracle and by the
 * bench as the baseline.
 */
public final class BruteForceDzScan {

    private final List<DzPoint> points;
    private final double metresPerMinute;

    public BruteForceDzScan(Collection<DzPoint> points, double cruiseSpeedKmh) {
        this.points = List.copyOf(points);
        this.metresPerMinute = cruiseSpeedKmh * 1000.0 / 60.0;
    }

    public List<DzMatch> nearest(DzQuery query) {
        List<DzMatch> all = new ArrayList<>();
        for (DzPoint p : points) {
            if (!query.accepts(p)) {
                continue;
            }
            GeodesicData g = Geodesic.WGS84.Inverse(query.latitude(), query.longitude(), p.latitude(), p.longitude());
            if (g.s12 <= query.maxDistance()) {
                double bearing = ((g.azi1 % 360.0) + 360.0) % 360.0;
                all.add(new DzMatch(p, g.s12, bearing, g.s12 / metresPerMinute));
            }
        }
        all.sort(Comparator.comparingDouble(DzMatch::distanceMetres)
                .thenComparing(m -> m.point().id()));
        return all.size() > query.count() ? all.subList(0, query.count()) : all;
    }
}
