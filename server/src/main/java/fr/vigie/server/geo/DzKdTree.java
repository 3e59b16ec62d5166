package fr.vigie.server.geo;

import java.util.Arrays;
import java.util.List;

/**
 * Immutable 3-D KD-tree over the Earth-centred, Earth-fixed (ECEF) WGS84 positions of a set of DZs, searched best
 * first by Euclidean (chord) distance, with exact GeographicLib distances computed only for the points that can still
 * enter the answer. See {@link DzIndex} for why the chord is a lower bound of the geodesic distance.
 *
 * <p>Layout: points are stored in tree order in flat arrays (positions in metres); node {@code n} covers points
 * {@code [nodeLo[n], nodeHi[n])} and holds the axis-aligned bounding box of their positions. Children are split at
 * the median of the widest axis; leaves hold at most {@value #LEAF_SIZE} points. The split only has to partition
 * the points: the boxes are computed from the actual contents, so any split is correct.
 */
final class DzKdTree {

    static final int LEAF_SIZE = 8;

    /** WGS84 semi-major axis, metres. */
    static final double WGS84_A = 6378137.0;

    /** WGS84 first eccentricity squared, e² = f(2 − f) with f = 1/298.257223563. */
    static final double WGS84_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);

    final DzPoint[] points;
    final double[] xs;
    final double[] ys;
    final double[] zs;
    private final int[] nodeLo;
    private final int[] nodeHi;
    private final int[] nodeLeft;
    private final int[] nodeRight;
    /** Six values per node: minX, maxX, minY, maxY, minZ, maxZ. */
    private final double[] boxes;

    private int nodeCount;

    DzKdTree(List<DzPoint> input) {
        int n = input.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] order = new int[n];
        double[] xyz = new double[3];
        for (int i = 0; i < n; i++) {
            DzPoint p = input.get(i);
            ecef(p.latitude(), p.longitude(), xyz);
            x[i] = xyz[0];
            y[i] = xyz[1];
            z[i] = xyz[2];
            order[i] = i;
        }
        // Leaves hold at least LEAF_SIZE / 2 points (a node of m > LEAF_SIZE points splits into floor(m/2) and
        // ceil(m/2)), so there are at most n / (LEAF_SIZE / 2) + 1 leaves and twice as many nodes.
        int maxNodes = 2 * (n / (LEAF_SIZE / 2) + 1);
        nodeLo = new int[maxNodes];
        nodeHi = new int[maxNodes];
        nodeLeft = new int[maxNodes];
        nodeRight = new int[maxNodes];
        boxes = new double[6 * maxNodes];
        if (n > 0) {
            build(order, x, y, z, 0, n);
        }
        points = new DzPoint[n];
        xs = new double[n];
        ys = new double[n];
        zs = new double[n];
        for (int i = 0; i < n; i++) {
            points[i] = input.get(order[i]);
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
            zs[i] = z[order[i]];
        }
    }

    int size() {
        return points.length;
    }

    /**
     * Offers to {@code results} every point not marked {@code dead} that passes the query's filters and can still be
     * among its answers, visiting nodes and points in increasing order of their chord lower bound and stopping as
     * soon as that bound exceeds the current k-th exact distance (or the maximum distance) by more than the rounding
     * margin.
     */
    void search(DzQuery query, double[] q, boolean[] dead, DzResults results) {
        if (points.length == 0) {
            return;
        }
        BoundHeap heap = new BoundHeap(64);
        heap.push(boxBound(0, q), 0);
        while (!heap.isEmpty()) {
            if (heap.peekKey() - DzIndex.ROUNDING_MARGIN_METRES > results.bound()) {
                // every remaining item has an even larger lower bound
                return;
            }
            int item = heap.popItem();
            if (item < 0) {
                results.offer(points[~item], query.latitude(), query.longitude());
            } else if (nodeLeft[item] < 0) {
                for (int i = nodeLo[item]; i < nodeHi[item]; i++) {
                    if (!dead[i] && query.accepts(points[i])) {
                        double c = chord(q, xs[i], ys[i], zs[i]);
                        if (c - DzIndex.ROUNDING_MARGIN_METRES <= results.bound()) {
                            heap.push(c, ~i);
                        }
                    }
                }
            } else {
                pushNode(heap, nodeLeft[item], q, results);
                pushNode(heap, nodeRight[item], q, results);
            }
        }
    }

    private void pushNode(BoundHeap heap, int node, double[] q, DzResults results) {
        double bound = boxBound(node, q);
        if (bound - DzIndex.ROUNDING_MARGIN_METRES <= results.bound()) {
            heap.push(bound, node);
        }
    }

    /** Euclidean distance in metres from {@code q} to the node's box (0 inside). */
    private double boxBound(int node, double[] q) {
        int b = 6 * node;
        double dx = Math.max(0.0, Math.max(boxes[b] - q[0], q[0] - boxes[b + 1]));
        double dy = Math.max(0.0, Math.max(boxes[b + 2] - q[1], q[1] - boxes[b + 3]));
        double dz = Math.max(0.0, Math.max(boxes[b + 4] - q[2], q[2] - boxes[b + 5]));
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    static double chord(double[] q, double x, double y, double z) {
        double dx = q[0] - x;
        double dy = q[1] - y;
        double dz = q[2] - z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** ECEF position in metres of a point on the WGS84 ellipsoid (height 0), written into {@code out}. */
    static void ecef(double latitude, double longitude, double[] out) {
        double phi = Math.toRadians(latitude);
        double lambda = Math.toRadians(longitude);
        double sinPhi = Math.sin(phi);
        double cosPhi = Math.cos(phi);
        double n = WGS84_A / Math.sqrt(1.0 - WGS84_E2 * sinPhi * sinPhi);
        out[0] = n * cosPhi * Math.cos(lambda);
        out[1] = n * cosPhi * Math.sin(lambda);
        out[2] = n * (1.0 - WGS84_E2) * sinPhi;
    }

    private int build(int[] order, double[] x, double[] y, double[] z, int lo, int hi) {
        int node = nodeCount++;
        nodeLo[node] = lo;
        nodeHi[node] = hi;
        int b = 6 * node;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double minZ = Double.POSITIVE_INFINITY;
        double maxZ = Double.NEGATIVE_INFINITY;
        for (int i = lo; i < hi; i++) {
            int p = order[i];
            minX = Math.min(minX, x[p]);
            maxX = Math.max(maxX, x[p]);
            minY = Math.min(minY, y[p]);
            maxY = Math.max(maxY, y[p]);
            minZ = Math.min(minZ, z[p]);
            maxZ = Math.max(maxZ, z[p]);
        }
        boxes[b] = minX;
        boxes[b + 1] = maxX;
        boxes[b + 2] = minY;
        boxes[b + 3] = maxY;
        boxes[b + 4] = minZ;
        boxes[b + 5] = maxZ;
        if (hi - lo <= LEAF_SIZE) {
            nodeLeft[node] = -1;
            nodeRight[node] = -1;
            return node;
        }
        double spanX = maxX - minX;
        double spanY = maxY - minY;
        double spanZ = maxZ - minZ;
        double[] key = spanX >= spanY && spanX >= spanZ ? x : spanY >= spanZ ? y : z;
        int mid = (lo + hi) >>> 1;
        select(order, key, lo, hi, mid);
        nodeLeft[node] = build(order, x, y, z, lo, mid);
        nodeRight[node] = build(order, x, y, z, mid, hi);
        return node;
    }

    /** Quickselect: reorders {@code order[lo, hi)} so that keys left of {@code k} are ≤ and right of it ≥ its key. */
    private static void select(int[] order, double[] key, int lo, int hi, int k) {
        int left = lo;
        int right = hi - 1;
        while (right > left) {
            double pivot = key[order[(left + right) >>> 1]];
            int i = left;
            int j = right;
            while (i <= j) {
                while (key[order[i]] < pivot) {
                    i++;
                }
                while (key[order[j]] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    /** Binary min-heap of (lower bound, item) pairs on primitive arrays, to avoid boxing on the query path. */
    private static final class BoundHeap {
        private double[] keys;
        private int[] items;
        private int size;

        BoundHeap(int capacity) {
            keys = new double[capacity];
            items = new int[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        double peekKey() {
            return keys[0];
        }

        void push(double key, int item) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                items = Arrays.copyOf(items, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] <= key) {
                    break;
                }
                keys[i] = keys[parent];
                items[i] = items[parent];
                i = parent;
            }
            keys[i] = key;
            items[i] = item;
        }

        int popItem() {
            int top = items[0];
            size--;
            double key = keys[size];
            int item = items[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                items[i] = items[child];
                i = child;
            }
            keys[i] = key;
            items[i] = item;
            return top;
        }
    }
}
