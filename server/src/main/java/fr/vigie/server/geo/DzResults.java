package fr.vigie.server.geo;

import java.util.ArrayList;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;

/**
 * The best answers found so far by one query: at most k DZs sorted by exact geodesic distance then id, all within the
 * maximum distance. Not thread-safe: one per query.
 */
final class DzResults {

    private final int count;
    private final double maxDistance;
    private final DzPoint[] points;
    private final double[] distances;
    private final double[] azimuths;
    private int size;

    /**
     * @param count k
     * @param maxDistance metres, or {@link Double#POSITIVE_INFINITY}
     * @param candidates how many distinct points may be offered at most (the index size), to size the arrays
     */
    DzResults(int count, double maxDistance, int candidates) {
        this.count = count;
        this.maxDistance = maxDistance;
        int capacity = Math.min(count, candidates);
        points = new DzPoint[capacity];
        distances = new double[capacity];
        azimuths = new double[capacity];
    }

    /**
     * The distance in metres a point must not exceed to enter the answer: the k-th best exact distance once k points
     * are held (a point at exactly that distance may still enter on a smaller id), else the maximum distance.
     */
    double bound() {
        return size < count ? maxDistance : distances[count - 1];
    }

    /**
     * Computes the exact geodesic from the query point to {@code point} and keeps the point if it ranks. Each point
     * must be offered at most once.
     */
    void offer(DzPoint point, double latitude, double longitude) {
        GeodesicData g = Geodesic.WGS84.Inverse(latitude, longitude, point.latitude(), point.longitude());
        double s12 = g.s12;
        if (s12 > maxDistance || (size == count && !before(s12, point.id(), count - 1))) {
            return;
        }
        int i = size < count ? size++ : count - 1;
        while (i > 0 && before(s12, point.id(), i - 1)) {
            points[i] = points[i - 1];
            distances[i] = distances[i - 1];
            azimuths[i] = azimuths[i - 1];
            i--;
        }
        points[i] = point;
        distances[i] = s12;
        azimuths[i] = g.azi1;
    }

    private boolean before(double distance, String id, int slot) {
        return distance < distances[slot] || (distance == distances[slot] && id.compareTo(points[slot].id()) < 0);
    }

    List<DzMatch> toMatches(double metresPerMinute) {
        List<DzMatch> matches = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            matches.add(
                    new DzMatch(points[i], distances[i], DzIndex.bearing(azimuths[i]), distances[i] / metresPerMinute));
        }
        return matches;
    }
}
