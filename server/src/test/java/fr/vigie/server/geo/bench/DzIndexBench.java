package fr.vigie.server.geo.bench;

import fr.vigie.server.geo.BruteForceDzScan;
import fr.vigie.server.geo.DzIndex;
import fr.vigie.server.geo.DzPoint;
import fr.vigie.server.geo.DzQuery;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process benchmark of {@link DzIndex} (issue 3, item 5), not a test: query latency percentiles of the index and of
 * a brute-force geodesic scan ({@link BruteForceDzScan}) on the same data, logged at INFO.
 *
 * <p>Data sets: the real French sites of OurAirports (every row of the CSV; {@code closed} rows inactive, so excluded
 * by the default query) and 100,000 synthetic DZs, 90 % uniform over metropolitan France (41.3–51.1° N, 5.2° W–9.6°
 * E) and 10 % over the overseas departments and territories. Queries: 10,000 points uniform over metropolitan France,
 * fixed seeds. Each series is run twice as warm-up, then timed query by query with {@link System#nanoTime()}; figures
 * are microseconds per query (p50, p99, p99.9, mean), single thread. The brute force is timed on the first 1,000
 * queries (real sites) or 100 queries (100,000 DZs: each one takes about 0.1 s).
 *
 * <p>Run from the repository root (offline once the dependencies are in the local repository):
 *
 * <pre>
 * mvn -o -q -pl server test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
 *     -Dcheckstyle.skip -Djacoco.skip -Dspotless.check.skip=true
 * java -cp server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt) \
 *     fr.vigie.server.geo.bench.DzIndexBench [../shared/data/ourairports-fr/ourairports_fr_all.csv]
 * </pre>
 */
public final class DzIndexBench {

    private static final Logger LOG = LoggerFactory.getLogger(DzIndexBench.class);

    private static final int QUERIES = 10_000;

    private static final double[][] OVERSEAS = {
        {-21.4, -20.85, 55.2, 55.85},
        {15.8, 16.55, -61.85, -61.0},
        {14.38, 14.9, -61.25, -60.8},
        {2.1, 5.8, -54.6, -51.6},
        {-13.0, -12.6, 45.0, 45.3},
        {46.75, 47.15, -56.45, -56.1},
    };

    private DzIndexBench() {}

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/ourairports-fr/ourairports_fr_all.csv");
        List<DzPoint> real = readOurAirports(csv);
        List<DzPoint> synthetic = synthetic(new Random(2026L), 100_000);
        List<double[]> queries = metropolitanPoints(new Random(1L), QUERIES);
        LOG.info(
                "Java {} on {} cores; {} queries over metropolitan France",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                QUERIES);
        run("OurAirports FR (" + real.size() + " sites)", real, queries, 1_000);
        run("synthetic (" + synthetic.size() + " DZs)", synthetic, queries, 100);
    }

    private static void run(String name, List<DzPoint> points, List<double[]> queries, int bruteQueries) {
        DzIndex index = new DzIndex();
        long start = System.nanoTime();
        index.replaceAll(points);
        LOG.info("{}: build {} ms", name, (System.nanoTime() - start) / 1_000_000);
        BruteForceDzScan brute = new BruteForceDzScan(points, DzIndex.DEFAULT_CRUISE_SPEED_KMH);
        for (int k : new int[] {1, 10}) {
            double[] indexMicros = time(index::nearest, queries, k, queries.size());
            double[] bruteMicros = time(brute::nearest, queries, k, bruteQueries);
            LOG.info("{} k={} index       {}", name, k, summary(indexMicros));
            LOG.info("{} k={} brute force {} ({} queries)", name, k, summary(bruteMicros), bruteQueries);
            LOG.info(
                    "{} k={} brute/index ratio: p50 {}x, p99 {}x",
                    name,
                    k,
                    Math.round(percentile(bruteMicros, 50) / percentile(indexMicros, 50)),
                    Math.round(percentile(bruteMicros, 99) / percentile(indexMicros, 99)));
        }
    }

    private interface Searcher {
        List<?> nearest(DzQuery query);
    }

    /** Two untimed passes, then one timed pass; microseconds per query, sorted. */
    private static double[] time(Searcher searcher, List<double[]> queries, int k, int n) {
        long sink = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                sink += searcher.nearest(DzQuery.nearest(queries.get(i)[0], queries.get(i)[1], k))
                        .size();
            }
        }
        double[] micros = new double[n];
        for (int i = 0; i < n; i++) {
            DzQuery query = DzQuery.nearest(queries.get(i)[0], queries.get(i)[1], k);
            long t0 = System.nanoTime();
            sink += searcher.nearest(query).size();
            micros[i] = (System.nanoTime() - t0) / 1_000.0;
        }
        if (sink == 42) {
            LOG.trace("keeps the results alive");
        }
        Arrays.sort(micros);
        return micros;
    }

    private static String summary(double[] sortedMicros) {
        return String.format(
                "p50 %.1f µs  p99 %.1f µs  p99.9 %.1f µs  mean %.1f µs",
                percentile(sortedMicros, 50),
                percentile(sortedMicros, 99),
                percentile(sortedMicros, 99.9),
                Arrays.stream(sortedMicros).average().orElse(Double.NaN));
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** OurAirports rows as DZs: {@code closed} → inactive, airports → airport, heliports → heliport, rest → other. */
    private static List<DzPoint> readOurAirports(Path csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        List<DzPoint> points = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord row : format.parse(reader)) {
                String type = row.get("type");
                String dzType = type.endsWith("airport") ? "airport" : type.equals("heliport") ? "heliport" : "other";
                points.add(new DzPoint(
                        "oa-" + row.get("id"),
                        Double.parseDouble(row.get("latitude")),
                        Double.parseDouble(row.get("longitude")),
                        dzType,
                        true,
                        !type.equals("closed")));
            }
        }
        return points;
    }

    private static List<DzPoint> synthetic(Random random, int n) {
        List<String> types = List.of("hospital-helipad", "heliport", "airport", "stadium", "fire-station");
        List<DzPoint> points = new ArrayList<>(n);
        List<double[]> metro = metropolitanPoints(random, n);
        for (int i = 0; i < n; i++) {
            double lat = metro.get(i)[0];
            double lon = metro.get(i)[1];
            if (i % 10 == 0) {
                double[] box = OVERSEAS[random.nextInt(OVERSEAS.length)];
                lat = box[0] + (box[1] - box[0]) * random.nextDouble();
                lon = box[2] + (box[3] - box[2]) * random.nextDouble();
            }
            points.add(new DzPoint(
                    String.format("syn-%06d", i),
                    lat,
                    lon,
                    types.get(random.nextInt(types.size())),
                    random.nextBoolean(),
                    random.nextDouble() < 0.95));
        }
        return points;
    }

    private static List<double[]> metropolitanPoints(Random random, int n) {
        List<double[]> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new double[] {41.3 + 9.8 * random.nextDouble(), -5.2 + 14.8 * random.nextDouble()});
        }
        return points;
    }
}
