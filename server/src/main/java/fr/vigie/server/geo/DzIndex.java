package fr.vigie.server.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact k-nearest-neighbour index of dropping zones on the WGS84 ellipsoid, held in memory, behind {@code
 * $nearest-dz}.
 *
 * <h2>What it answers</h2>
 *
 * {@link #nearest(DzQuery)} returns the {@code count} DZs passing the query's filters that are nearest to the query
 * point, by length of the geodesic on the WGS84 ellipsoid as computed by GeographicLib {@code
 * Geodesic.WGS84.Inverse(queryLat, queryLon, dzLat, dzLon)} (metres, accurate to about 15 nm), ascending, ties broken
 * by id. The answer is identical (same DZs, same order, same distances) to a brute-force scan that calls that same
 * function for every DZ: the index prunes, it never approximates. This holds everywhere, overseas departments, near
 * the poles and across the antimeridian included, because pruning works on 3-D positions, where neither has any
 * special case.
 *
 * <h2>The pruning bound and why it is safe</h2>
 *
 * Each DZ is stored at its Earth-centred, Earth-fixed (ECEF) position on the ellipsoid (metres, height 0) in a 3-D
 * KD-tree ({@link DzKdTree}). For a query point Q and a DZ P, both on the ellipsoid,
 *
 * <pre>  |P − Q| (straight-line chord in space)  ≤  s(Q, P) (geodesic length on the ellipsoid)</pre>
 *
 * because the geodesic is a curve in space joining Q and P, and no curve joining two points is shorter than the
 * straight segment between them. The bound needs no constant or margin for the shape of the ellipsoid (unlike a
 * spherical angle scaled by the semi-minor axis), and it is tight where it matters: s − chord ≈ s³ / (24 R²), about
 * 0.1 m at 50 km and 1 m at 100 km. The distance from Q to a node's bounding box is in turn at most the chord to any
 * point in it, so it bounds every geodesic in the subtree.
 *
 * <p>Nodes and points are visited best first, by increasing lower bound; each point whose bound does not exceed the
 * current k-th best exact distance gets its exact GeographicLib distance. The search stops when the next lower bound
 * exceeds the k-th best exact distance (or {@code maxDistance}): every point not yet seen is then strictly farther
 * than the k answers held, so they are final. Comparisons subtract {@link #ROUNDING_MARGIN_METRES} (1 mm) from each
 * bound, which covers the rounding of the double-precision ECEF coordinates and chord (a few 10⁻⁹ m at Earth radius)
 * and of GeographicLib (15 nm) by five orders of magnitude, so a bound a rounding error too high never prunes a point
 * that the brute force would keep; it only costs the odd extra exact computation. {@code DzIndexTest} checks the
 * bound on 10⁶ random pairs and the answers against a brute-force scan.
 *
 * <h2>Updates and threads</h2>
 *
 * Queries never lock: they read one immutable snapshot through a volatile field (copy-on-write). Writers ({@link
 * #upsert}, {@link #remove}, {@link #replaceAll}) are serialised on this object and publish a new snapshot, so a query
 * sees either the whole of an update or none of it, and the next query after an update returns sees it. To keep
 * updates cheap, a snapshot is a KD-tree plus a "dead" flag per tree point (removed or superseded) and a small list of
 * points added or changed since the tree was built, scanned linearly; the tree is rebuilt (O(n log n), a few tens of
 * milliseconds at 100,000 DZs) once that list exceeds {@value #MAX_PENDING} points or a quarter of the tree is dead.
 *
 * <h2>Flight time</h2>
 *
 * {@link DzMatch#flightMinutes()} is the geodesic distance flown in a straight line at the cruise speed given to the
 * constructor (default {@value #DEFAULT_CRUISE_SPEED_KMH} km/h, a typical EC135/H135 medical helicopter), with no
 * allowance for start-up, climb, landing, wind or routing.
 */
public final class DzIndex {

    /** Default cruise speed, km/h. */
    public static final double DEFAULT_CRUISE_SPEED_KMH = 230.0;

    /** Safety margin in metres subtracted from every lower bound before it is compared with an exact distance. */
    static final double ROUNDING_MARGIN_METRES = 1e-3;

    /** Points added or changed since the last tree build beyond which the tree is rebuilt. */
    static final int MAX_PENDING = 256;

    private final double cruiseSpeedKmh;
    private final double metresPerMinute;

    private volatile Snapshot snapshot = Snapshot.of(new DzKdTree(List.of()), List.of());

    /** Writer state, guarded by {@code this}: tree position of each point of the current tree, by id. */
    private Map<String, Integer> treePositions = Map.of();

    /** Writer state, guarded by {@code this}: points added or changed since the tree was built, by id. */
    private final Map<String, DzPoint> pending = new LinkedHashMap<>();

    /** Writer state, guarded by {@code this}: how many tree points are dead. */
    private int deadCount;

    /** An empty index with the default cruise speed of {@value #DEFAULT_CRUISE_SPEED_KMH} km/h. */
    public DzIndex() {
        this(DEFAULT_CRUISE_SPEED_KMH);
    }

    /**
     * An empty index.
     *
     * @param cruiseSpeedKmh helicopter cruise speed in km/h used for {@link DzMatch#flightMinutes()}, positive
     */
    public DzIndex(double cruiseSpeedKmh) {
        if (!(cruiseSpeedKmh > 0.0) || Double.isInfinite(cruiseSpeedKmh)) {
            throw new IllegalArgumentException("cruise speed must be a positive number of km/h: " + cruiseSpeedKmh);
        }
        this.cruiseSpeedKmh = cruiseSpeedKmh;
        this.metresPerMinute = cruiseSpeedKmh * 1000.0 / 60.0;
    }

    public double cruiseSpeedKmh() {
        return cruiseSpeedKmh;
    }

    /** Number of DZs in the index, active or not. */
    public int size() {
        return snapshot.size;
    }

    /**
     * The DZs nearest to the query point that pass its filters, at most {@code count}, ascending by geodesic distance
     * then id; empty if none. Thread-safe and lock-free.
     */
    public List<DzMatch> nearest(DzQuery query) {
        Snapshot s = snapshot;
        double[] q = new double[3];
        DzKdTree.ecef(query.latitude(), query.longitude(), q);
        DzResults results = new DzResults(query.count(), query.maxDistance(), s.size);
        s.tree.search(query, q, s.dead, results);
        for (int i = 0; i < s.pending.length; i++) {
            DzPoint p = s.pending[i];
            if (query.accepts(p)
                    && DzKdTree.chord(q, s.pendingXyz[3 * i], s.pendingXyz[3 * i + 1], s.pendingXyz[3 * i + 2])
                                    - ROUNDING_MARGIN_METRES
                            <= results.bound()) {
                results.offer(p, query.latitude(), query.longitude());
            }
        }
        return results.toMatches(metresPerMinute);
    }

    /**
     * Adds a DZ or replaces the one with the same id; visible to every query that starts after this returns.
     *
     * @return whether the index changed (false when the same point was already there)
     */
    public synchronized boolean upsert(DzPoint point) {
        Snapshot s = snapshot;
        Integer position = treePositions.get(point.id());
        boolean[] dead = s.dead;
        if (position != null && !dead[position]) {
            if (s.tree.points[position].equals(point)) {
                // unchanged (re-import): nothing to publish
                return false;
            }
            dead = dead.clone();
            dead[position] = true;
            deadCount++;
        }
        DzPoint previous = pending.put(point.id(), point);
        if (point.equals(previous)) {
            return false;
        }
        publish(s.tree, dead);
        return true;
    }

    /**
     * Removes the DZ with this id, if present; visible to every query that starts after this returns.
     *
     * @return whether a DZ was removed
     */
    public synchronized boolean remove(String id) {
        Snapshot s = snapshot;
        if (pending.remove(id) != null) {
            // a tree point with this id, if any, is already dead
            publish(s.tree, s.dead);
            return true;
        }
        Integer position = treePositions.get(id);
        if (position == null || s.dead[position]) {
            return false;
        }
        boolean[] dead = s.dead.clone();
        dead[position] = true;
        deadCount++;
        publish(s.tree, dead);
        return true;
    }

    /**
     * Replaces the whole content (start-up load, full resynchronisation).
     *
     * @throws IllegalArgumentException if two points share an id
     */
    public synchronized void replaceAll(Collection<DzPoint> points) {
        Set<String> ids = new HashSet<>();
        for (DzPoint p : points) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("duplicate DZ id: " + p.id());
            }
        }
        pending.clear();
        rebuild(new ArrayList<>(points));
    }

    private void publish(DzKdTree tree, boolean[] dead) {
        if (pending.size() > MAX_PENDING || deadCount > Math.max(MAX_PENDING, tree.size() / 4)) {
            List<DzPoint> live = new ArrayList<>(tree.size() - deadCount + pending.size());
            for (int i = 0; i < tree.size(); i++) {
                if (!dead[i]) {
                    live.add(tree.points[i]);
                }
            }
            live.addAll(pending.values());
            pending.clear();
            rebuild(live);
        } else {
            snapshot = Snapshot.of(tree, dead, List.copyOf(pending.values()), tree.size() - deadCount);
        }
    }

    private void rebuild(List<DzPoint> points) {
        DzKdTree tree = new DzKdTree(points);
        Map<String, Integer> positions = new HashMap<>(tree.size() * 2);
        for (int i = 0; i < tree.size(); i++) {
            positions.put(tree.points[i].id(), i);
        }
        treePositions = positions;
        deadCount = 0;
        snapshot = Snapshot.of(tree, List.of());
    }

    /** Initial azimuth from GeographicLib, (−180, 180], as degrees clockwise from north in [0, 360). */
    static double bearing(double azimuth) {
        double degrees = azimuth < 0.0 ? azimuth + 360.0 : azimuth;
        return degrees >= 360.0 ? degrees - 360.0 : degrees;
    }

    /** One immutable state of the index, as queries see it. */
    private static final class Snapshot {
        final DzKdTree tree;
        final boolean[] dead;
        final DzPoint[] pending;
        final double[] pendingXyz;
        final int size;

        private Snapshot(DzKdTree tree, boolean[] dead, DzPoint[] pending, int size) {
            this.tree = tree;
            this.dead = dead;
            this.pending = pending;
            this.pendingXyz = new double[3 * pending.length];
            double[] xyz = new double[3];
            for (int i = 0; i < pending.length; i++) {
                DzKdTree.ecef(pending[i].latitude(), pending[i].longitude(), xyz);
                System.arraycopy(xyz, 0, pendingXyz, 3 * i, 3);
            }
            this.size = size + pending.length;
        }

        static Snapshot of(DzKdTree tree, List<DzPoint> pending) {
            return of(tree, new boolean[tree.size()], pending, tree.size());
        }

        static Snapshot of(DzKdTree tree, boolean[] dead, List<DzPoint> pending, int liveTreePoints) {
            return new Snapshot(tree, dead, pending.toArray(new DzPoint[0]), liveTreePoints);
        }
    }
}
