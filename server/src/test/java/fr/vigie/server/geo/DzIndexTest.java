package fr.vigie.server.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.api.Test;

class DzIndexTest {

    private static final List<String> TYPES = List.of("hospital-helipad", "heliport", "airport", "stadium");

    /** Overseas boxes: Réunion, Guadeloupe, Martinique, Guyane, Mayotte, St-Pierre-et-Miquelon, Polynésie. */
    private static final double[][] OVERSEAS = {
        {-21.4, -20.85, 55.2, 55.85},
        {15.8, 16.55, -61.85, -61.0},
        {14.38, 14.9, -61.25, -60.8},
        {2.1, 5.8, -54.6, -51.6},
        {-13.0, -12.6, 45.0, 45.3},
        {46.75, 47.15, -56.45, -56.1},
        {-17.9, -17.4, -149.9, -149.1},
    };

    @Test
    void matchesBruteForceOnRandomDataWithPendingUpdates() {
        Random random = new Random(20261122L);
        List<DzPoint> points = randomPoints(random, 5_000);
        DzIndex index = new DzIndex();
        Map<String, DzPoint> expected = new LinkedHashMap<>();
        // 4,800 in the tree, 200 added afterwards, 50 moved, 40 removed: below the rebuild threshold, so the queries
        // go through the tree, its dead flags and the pending list together
        index.replaceAll(points.subList(0, 4_800));
        points.subList(0, 4_800).forEach(p -> expected.put(p.id(), p));
        for (DzPoint p : points.subList(4_800, 5_000)) {
            index.upsert(p);
            expected.put(p.id(), p);
        }
        for (int i = 0; i < 50; i++) {
            DzPoint old = points.get(random.nextInt(4_800));
            DzPoint moved = new DzPoint(
                    old.id(),
                    clamp(old.latitude() + random.nextGaussian() * 0.05, 90),
                    clamp(old.longitude() + random.nextGaussian() * 0.05, 180),
                    old.dzType(),
                    !old.nightUse(),
                    old.active());
            index.upsert(moved);
            expected.put(moved.id(), moved);
        }
        for (int i = 0; i < 40; i++) {
            String id = points.get(i < 30 ? random.nextInt(4_800) : 4_800 + random.nextInt(200))
                    .id();
            assertThat(index.remove(id)).isEqualTo(expected.remove(id) != null);
        }
        assertThat(index.size()).isEqualTo(expected.size());

        assertMatchesBruteForce(index, expected.values(), random, 2_000);
    }

    @Test
    void matchesBruteForceAfterRebuildsTriggeredByUpdates() {
        Random random = new Random(42L);
        List<DzPoint> points = randomPoints(random, 3_000);
        DzIndex index = new DzIndex();
        Map<String, DzPoint> expected = new LinkedHashMap<>();
        for (DzPoint p : points) {
            index.upsert(p);
            expected.put(p.id(), p);
        }
        for (int i = 0; i < 1_000; i++) {
            String id = points.get(random.nextInt(points.size())).id();
            index.remove(id);
            expected.remove(id);
        }
        assertThat(index.size()).isEqualTo(expected.size());

        assertMatchesBruteForce(index, expected.values(), random, 500);
    }

    @Test
    void chordIsLowerBoundOfGeodesicOnMillionRandomPairs() {
        Random random = new Random(7L);
        double[] a = new double[3];
        double[] b = new double[3];
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 1_000_000; i++) {
            double lat1 = randomLatitude(random);
            double lon1 = -180 + 360 * random.nextDouble();
            double lat2;
            double lon2;
            if (i % 2 == 0) {
                lat2 = randomLatitude(random);
                lon2 = -180 + 360 * random.nextDouble();
            } else {
                // close pairs, where chord and geodesic nearly agree and rounding matters most
                double scale = Math.pow(10, -6 + 6 * random.nextDouble());
                lat2 = clamp(lat1 + random.nextGaussian() * scale, 90);
                lon2 = wrap(lon1 + random.nextGaussian() * scale);
            }
            DzKdTree.ecef(lat1, lon1, a);
            DzKdTree.ecef(lat2, lon2, b);
            double chord = DzKdTree.chord(a, b[0], b[1], b[2]);
            double s12 = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12;
            worst = Math.max(worst, chord - s12);
        }
        // the index tolerates 1 mm of rounding; the observed excess must be far below it
        assertThat(worst).isLessThan(DzIndex.ROUNDING_MARGIN_METRES / 1_000);
    }

    @Test
    void answersConsistentlyWhileUpdatesRun() throws Exception {
        Random random = new Random(99L);
        List<DzPoint> base = randomPoints(random, 2_000);
        DzIndex index = new DzIndex();
        index.replaceAll(base);
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = executor.submit(() -> {
                Random r = new Random(1L);
                for (int i = 0; i < 3_000; i++) {
                    String id = "moving-" + r.nextInt(300);
                    if (r.nextInt(4) == 0) {
                        index.remove(id);
                    } else {
                        index.upsert(dz(id, 41.3 + 9.8 * r.nextDouble(), -5.2 + 14.8 * r.nextDouble()));
                    }
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = t;
                readers.add(executor.submit(() -> {
                    Random r = new Random(seed);
                    int answered = 0;
                    while (!writer.isDone()) {
                        List<DzMatch> matches = index.nearest(DzQuery.nearest(41.3 + 9.8 * r.nextDouble(), 3.0, 20));
                        assertThat(matches).hasSize(20);
                        assertThat(matches).extracting(DzMatch::distanceMetres).isSortedAccordingTo(Double::compare);
                        answered++;
                    }
                    return answered;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            executor.shutdownNow();
        }
        Map<String, DzPoint> expected = new LinkedHashMap<>();
        base.forEach(p -> expected.put(p.id(), p));
        Random r = new Random(1L);
        for (int i = 0; i < 3_000; i++) {
            String id = "moving-" + r.nextInt(300);
            if (r.nextInt(4) == 0) {
                expected.remove(id);
            } else {
                expected.put(id, dz(id, 41.3 + 9.8 * r.nextDouble(), -5.2 + 14.8 * r.nextDouble()));
            }
        }
        assertThat(index.size()).isEqualTo(expected.size());
        assertMatchesBruteForce(index, expected.values(), random, 200);
    }

    @Test
    void ordersExactTiesById() {
        DzIndex index = new DzIndex();
        index.replaceAll(List.of(
                dz("c", 50.6, 3.05),
                dz("a", 50.6, 3.05),
                dz("e", 50.6, 3.05),
                dz("b", 50.6, 3.05),
                dz("d", 50.6, 3.05),
                dz("far", 48.85, 2.35)));
        index.upsert(dz("0", 50.6, 3.05));

        List<DzMatch> matches = index.nearest(DzQuery.nearest(50.7, 3.1, 4));

        assertThat(matches).extracting(m -> m.point().id()).containsExactly("0", "a", "b", "c");
        assertThat(matches)
                .extracting(DzMatch::distanceMetres)
                .containsOnly(matches.get(0).distanceMetres());
    }

    @Test
    void respectsMaxDistance() {
        DzIndex index = new DzIndex();
        index.replaceAll(List.of(dz("lille", 50.6372, 3.0633), dz("paris", 48.8566, 2.3522)));

        double toParis = Geodesic.WGS84.Inverse(50.63, 3.06, 48.8566, 2.3522).s12;
        DzQuery query = DzQuery.nearest(50.63, 3.06, 10);

        assertThat(index.nearest(query.withMaxDistance(toParis)))
                .extracting(m -> m.point().id())
                .containsExactly("lille", "paris");
        assertThat(index.nearest(query.withMaxDistance(toParis - 0.01)))
                .extracting(m -> m.point().id())
                .containsExactly("lille");
        assertThat(index.nearest(query.withMaxDistance(0.0))).isEmpty();
    }

    @Test
    void excludesInactiveUnlessAskedAndAppliesFilters() {
        DzIndex index = new DzIndex();
        index.replaceAll(List.of(
                new DzPoint("closed", 50.63, 3.06, "airport", true, false),
                new DzPoint("day", 50.64, 3.07, "heliport", false, true),
                new DzPoint("night", 50.70, 3.10, "hospital-helipad", true, true)));
        DzQuery query = DzQuery.nearest(50.63, 3.06, 5);

        assertThat(index.nearest(query)).extracting(m -> m.point().id()).containsExactly("day", "night");
        assertThat(index.nearest(query.withIncludeInactive(true)))
                .extracting(m -> m.point().id())
                .containsExactly("closed", "day", "night");
        assertThat(index.nearest(query.withNightOnly(true)))
                .extracting(m -> m.point().id())
                .containsExactly("night");
        assertThat(index.nearest(query.withDzTypes(Set.of("heliport", "airport"))))
                .extracting(m -> m.point().id())
                .containsExactly("day");
    }

    @Test
    void showsUpdatesToTheNextQuery() {
        DzIndex index = new DzIndex();
        index.replaceAll(List.of(dz("a", 50.0, 3.0), dz("b", 51.0, 3.0)));
        DzQuery query = DzQuery.nearest(50.9, 3.0, 1);
        assertThat(index.nearest(query)).extracting(m -> m.point().id()).containsExactly("b");

        index.upsert(dz("c", 50.9, 3.0));
        assertThat(index.nearest(query)).extracting(m -> m.point().id()).containsExactly("c");

        index.upsert(dz("c", 45.0, 3.0));
        assertThat(index.nearest(query)).extracting(m -> m.point().id()).containsExactly("b");

        index.upsert(new DzPoint("b", 51.0, 3.0, "heliport", true, false));
        assertThat(index.nearest(query)).extracting(m -> m.point().id()).containsExactly("a");

        assertThat(index.remove("a")).isTrue();
        assertThat(index.remove("a")).isFalse();
        assertThat(index.nearest(query)).extracting(m -> m.point().id()).containsExactly("c");
        assertThat(index.size()).isEqualTo(2);

        index.replaceAll(List.of());
        assertThat(index.nearest(query)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void findsNeighboursAcrossTheAntimeridianAndNearThePole() {
        DzIndex index = new DzIndex();
        index.replaceAll(List.of(
                dz("west", -17.0, -179.95),
                dz("east", -17.0, 179.5),
                dz("pole-far-side", 89.95, 0.0),
                dz("pole-near", 89.0, 180.0)));

        assertThat(index.nearest(DzQuery.nearest(-17.0, 179.95, 1)))
                .extracting(m -> m.point().id())
                .containsExactly("west");
        // across the pole, 0.05° + 0.1° of latitude away, versus 0.9° on the same meridian
        assertThat(index.nearest(DzQuery.nearest(89.9, 180.0, 1)))
                .extracting(m -> m.point().id())
                .containsExactly("pole-far-side");
    }

    @Test
    void reportsBearingAndFlightMinutes() {
        DzIndex index = new DzIndex(180.0);
        index.replaceAll(List.of(dz("north", 51.0, 3.0), dz("west", 50.0, 2.0)));

        List<DzMatch> matches = index.nearest(DzQuery.nearest(50.0, 3.0, 2));

        DzMatch north = matches.get(1);
        assertThat(north.point().id()).isEqualTo("north");
        assertThat(north.initialBearingDegrees()).isCloseTo(0.0, within(1e-9));
        assertThat(north.distanceMetres()).isCloseTo(111_238.7, within(1.0));
        assertThat(north.flightMinutes()).isCloseTo(north.distanceMetres() / 3_000.0, within(1e-9));
        DzMatch west = matches.get(0);
        assertThat(west.initialBearingDegrees()).isBetween(269.0, 271.0);
        assertThat(new DzIndex().cruiseSpeedKmh()).isEqualTo(230.0);
        assertThat(DzIndex.bearing(-1e-20)).isZero();
        assertThat(DzIndex.bearing(180.0)).isEqualTo(180.0);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new DzIndex().replaceAll(List.of(dz("x", 1, 1), dz("x", 2, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate DZ id: x");
        assertThatThrownBy(() -> DzQuery.nearest(90.5, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latitude");
        assertThatThrownBy(() -> DzQuery.nearest(0, -180.5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longitude");
        assertThatThrownBy(() -> DzQuery.nearest(0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
        assertThatThrownBy(() -> DzQuery.nearest(0, 0, 1).withMaxDistance(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDistance");
        assertThatThrownBy(() -> dz("bad", Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DzIndex(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMatchesBruteForce(DzIndex index, Collection<DzPoint> points, Random random, int queries) {
        BruteForceDzScan brute = new BruteForceDzScan(points, DzIndex.DEFAULT_CRUISE_SPEED_KMH);
        for (int i = 0; i < queries; i++) {
            DzQuery query = randomQuery(random, i);
            List<DzMatch> actual = index.nearest(query);
            List<DzMatch> expected = brute.nearest(query);
            String where = "query " + i + ": " + query;
            assertThat(actual)
                    .as(where)
                    .extracting(m -> m.point().id())
                    .containsExactlyElementsOf(
                            expected.stream().map(m -> m.point().id()).toList());
            for (int j = 0; j < actual.size(); j++) {
                assertThat(actual.get(j).distanceMetres())
                        .as(where)
                        .isCloseTo(expected.get(j).distanceMetres(), within(0.01));
                assertThat(actual.get(j).initialBearingDegrees())
                        .as(where)
                        .isCloseTo(expected.get(j).initialBearingDegrees(), within(1e-9))
                        .isGreaterThanOrEqualTo(0.0)
                        .isLessThan(360.0);
                assertThat(actual.get(j).flightMinutes())
                        .as(where)
                        .isCloseTo(expected.get(j).flightMinutes(), within(1e-6));
            }
        }
    }

    /** World-wide, dense metropolitan France, overseas, antimeridian, poles, and exact duplicates. */
    private static List<DzPoint> randomPoints(Random random, int n) {
        List<DzPoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double lat;
            double lon;
            int kind = i % 10;
            if (kind < 4) {
                lat = 41.3 + 9.8 * random.nextDouble();
                lon = -5.2 + 14.8 * random.nextDouble();
            } else if (kind < 6) {
                double[] box = OVERSEAS[random.nextInt(OVERSEAS.length)];
                lat = box[0] + (box[1] - box[0]) * random.nextDouble();
                lon = box[2] + (box[3] - box[2]) * random.nextDouble();
            } else if (kind == 6) {
                lat = -60 + 120 * random.nextDouble();
                lon = random.nextBoolean() ? 179 + random.nextDouble() : -180 + random.nextDouble();
            } else if (kind == 7) {
                lat = (random.nextBoolean() ? 1 : -1) * (88 + 2 * random.nextDouble());
                lon = -180 + 360 * random.nextDouble();
            } else if (kind == 8 && i > 10) {
                // an exact duplicate of an earlier position, to exercise ties
                DzPoint twin = points.get(random.nextInt(points.size()));
                lat = twin.latitude();
                lon = twin.longitude();
            } else {
                lat = randomLatitude(random);
                lon = -180 + 360 * random.nextDouble();
            }
            points.add(new DzPoint(
                    String.format("dz-%05d", random.nextInt(100_000)) + "-" + i,
                    lat,
                    lon,
                    TYPES.get(random.nextInt(TYPES.size())),
                    random.nextDouble() < 0.4,
                    random.nextDouble() < 0.85));
        }
        return points;
    }

    private static DzQuery randomQuery(Random random, int i) {
        double lat;
        double lon;
        switch (i % 6) {
            case 0, 1 -> {
                lat = 41.3 + 9.8 * random.nextDouble();
                lon = -5.2 + 14.8 * random.nextDouble();
            }
            case 2 -> {
                double[] box = OVERSEAS[random.nextInt(OVERSEAS.length)];
                lat = box[0] + (box[1] - box[0]) * random.nextDouble();
                lon = box[2] + (box[3] - box[2]) * random.nextDouble();
            }
            case 3 -> {
                lat = -60 + 120 * random.nextDouble();
                lon = random.nextBoolean() ? 179.9 + 0.1 * random.nextDouble() : -180 + 0.1 * random.nextDouble();
            }
            case 4 -> {
                lat = (random.nextBoolean() ? 1 : -1) * (89.9 + 0.1 * random.nextDouble());
                lon = -180 + 360 * random.nextDouble();
            }
            default -> {
                lat = randomLatitude(random);
                lon = -180 + 360 * random.nextDouble();
            }
        }
        DzQuery query = DzQuery.nearest(lat, lon, 1 + random.nextInt(100));
        if (random.nextInt(4) == 0) {
            query = query.withMaxDistance(Math.pow(10, 3 + 4 * random.nextDouble()));
        }
        if (random.nextInt(4) == 0) {
            query = query.withDzTypes(new HashSet<>(
                    List.of(TYPES.get(random.nextInt(TYPES.size())), TYPES.get(random.nextInt(TYPES.size())))));
        }
        return query.withNightOnly(random.nextInt(5) == 0).withIncludeInactive(random.nextInt(3) == 0);
    }

    /** Latitude of a point uniform on the sphere. */
    private static double randomLatitude(Random random) {
        return Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
    }

    private static double clamp(double value, double limit) {
        return Math.max(-limit, Math.min(limit, value));
    }

    private static double wrap(double longitude) {
        return longitude > 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;
    }

    private static DzPoint dz(String id, double latitude, double longitude) {
        return new DzPoint(id, latitude, longitude, "heliport", true, true);
    }
}
