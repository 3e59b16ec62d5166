package fr.vigie.server.geo.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.locations.LocationsFeedHandler;
import fr.vigie.server.TestTokens;
import fr.vigie.server.VigieApplication;
import fr.vigie.server.geo.BruteForceDzScan;
import fr.vigie.server.geo.DzIndex;
import fr.vigie.server.geo.DzMatch;
import fr.vigie.server.geo.DzPoint;
import fr.vigie.server.geo.DzQuery;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.sf.geographiclib.Geodesic;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * End-to-end benchmark of {@code $nearest-dz} (issue 3, item 5), not a test: starts Vigie in this JVM on H2 in
 * memory, loads the data, then times from 10,000 random points over metropolitan France (41.3–51.1° N, 5.2° W–9.6°
 * E, fixed seed), single client thread, in the same run and on the same data:
 *
 * <ol>
 *   <li>the server's own {@link DzIndex} bean in process (k=1);
 *   <li>{@code GET /fhir/Location/$nearest-dz?latitude=&longitude=} over HTTP (k=1, loopback, keep-alive);
 *   <li>HAPI's {@code GET /fhir/Location?near=lat|lon|R|km&_sort=near&_count=1} over HTTP, R = 50 km on the real sites
 *       and 10 km with 100,000 more DZs (radii that hold at least one site for nearly every point);
 *   <li>a brute-force geodesic scan ({@link BruteForceDzScan}, GeographicLib on every DZ) in process, on the first
 *       1,000 (real) or 100 (100,000 DZs) points.
 * </ol>
 *
 * Exactness of {@code near}: its first result is compared with the true nearest site (every site, inactive ones
 * included, since {@code near} does not filter on status): how often it has no result, a different site, and by how
 * many metres the site it gives is farther than the true nearest.
 *
 * <p>Data: phase 1, the OurAirports French CSV read by the {@code locations} feed's handler and mapper (its rejected
 * rows, seaplane bases and the like, are not stored) and stored through the Location DAO; phase 2, 100,000 synthetic DZs added through the
 * Location DAO in transactions of 500 (90 % uniform over metropolitan France, 10 % overseas, 95 % active), so phase
 * 2 queries run over the real and synthetic sites together. Audit is switched off and the rate limit raised to its maximum (both
 * weigh the same on every HTTP request of both operations; the audit queue would also overflow at this rate).
 * Latencies are wall-clock per request with {@link System#nanoTime()}, after 20,000 untimed warm-up requests per
 * series ({@code -Dbench.warmup}); figures are logged and written to {@code target/dz-http-bench.md}.
 *
 * <p>Run from the repository root, alone on the machine (other jobs distort the timings):
 *
 * <pre>
 * ./mvnw -o -q -pl server -am test-compile -Dcheckstyle.skip -Djacoco.skip -Dspotless.check.skip=true
 * ./mvnw -o -q -pl server dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
 * java -Xmx4g -cp terminology/target/classes:mappings/target/classes:camel-routes/target/classes:\
 *     server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt) \
 *     fr.vigie.server.geo.bench.DzHttpBench [../shared/data/ourairports-fr/ourairports_fr_all.csv [queries]]
 * </pre>
 */
public final class DzHttpBench {

    private static final Logger LOG = LoggerFactory.getLogger(DzHttpBench.class);

    private static final int PORT = Integer.getInteger("bench.port", 18081);
    private static final String SERVER = "http://127.0.0.1:" + PORT;
    private static final String BASE = SERVER + "/fhir";
    /**
     * Untimed requests before each HTTP series ({@code -Dbench.warmup}, default 20,000, past the invocation counts
     * after which HotSpot compiles a hot path with C2): with 1,000 or 5,000, the first series after start still ran
     * partly interpreted or C1-compiled code (`$nearest-dz` p50 623-955 µs, against 167 µs in the second phase).
     */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 20_000);
    /** Synthetic DZs of phase 2 ({@code -Dbench.synthetic}, default 100,000; 0 runs phase 1 only). */
    private static final int SYNTHETIC = Integer.getInteger("bench.synthetic", 100_000);

    /**
     * Blocking client on the calling thread with one kept-alive connection (Apache HttpClient 5 classic): the JDK's
     * {@code HttpClient} hands every exchange to its selector and executor threads, which on a loaded 2-core machine
     * added scheduling waits to both HTTP series alike.
     */
    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(10))
                            .setSocketTimeout(Timeout.ofMinutes(2))
                            .build())
                    .build())
            .build();

    private final IParser parser = FhirContext.forR4Cached().newJsonParser();
    private final StringBuilder markdown = new StringBuilder();
    /** Server CPU time a request of the last HTTP series, in microseconds ({@link #serverThreadsCpu()}). */
    private double lastServerCpuMicros;

    private DzHttpBench() {}

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/ourairports-fr/ourairports_fr_all.csv");
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        new DzHttpBench().run(csv, queries);
    }

    private void run(Path csv, int queryCount) throws Exception {
        // the import writes through a HAPI client of the shared R4 context: give a loaded machine time (as the ITs)
        FhirContext.forR4Cached().getRestfulClientFactory().setSocketTimeout(600_000);
        Path dataDir = Files.createTempDirectory("vigie-dz-bench");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(VigieApplication.class)
                .profiles("h2", "test")
                .run(
                        "--server.port=" + PORT,
                        "--spring.datasource.url=jdbc:h2:mem:dz-bench;DB_CLOSE_DELAY=-1",
                        "--vigie.data-dir=" + dataDir,
                        "--vigie.demo.enabled=false",
                        "--vigie.audit.enabled=false",
                        "--vigie.security.hardening.rate-limit.requests-per-minute=1000000",
                        "--vigie.security.hardening.rate-limit.burst=1000000",
                        "--vigie.test.jwt-client-jwks=" + TestTokens.JWT_CLIENT_JWKS,
                        "--logging.level.root=WARN",
                        "--logging.level.fr.vigie=WARN",
                        "--logging.level.fr.vigie.server.geo.bench=INFO")) {
            authorization(); // fails fast when the token endpoint does not answer
            DzIndex index = context.getBean(DzIndex.class);
            List<double[]> points = metropolitanPoints(new Random(1L), queryCount);
            line("# `$nearest-dz` benchmark");
            line("");
            line(String.format(
                    Locale.ROOT,
                    "Java %s, %d cores, H2 in memory, %d query points over metropolitan France, one client thread.",
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors(),
                    queryCount));

            String report = loadRealSites(context, csv);
            line("");
            line("Real sites (OurAirports FR, mapped by the `locations` feed's `ourairports` mapper): " + report + ".");
            awaitIndexSize(index, -1);
            phase("OurAirports FR, " + index.size() + " sites", index, points, 50, 1_000);

            if (SYNTHETIC == 0) {
                return;
            }
            long start = System.nanoTime();
            int before = index.size();
            addSynthetic(context, SYNTHETIC);
            awaitIndexSize(index, before + SYNTHETIC);
            line("");
            line(String.format(
                    Locale.ROOT,
                    "%,d synthetic DZs stored through the Location DAO in %.0f s.",
                    SYNTHETIC,
                    (System.nanoTime() - start) / 1e9));
            phase(
                    "OurAirports FR + " + String.format(Locale.ROOT, "%,d", SYNTHETIC) + " synthetic, " + index.size()
                            + " sites",
                    index,
                    points,
                    10,
                    100);
        }
    }

    private void phase(String name, DzIndex index, List<double[]> points, int nearKm, int bruteQueries)
            throws Exception {
        settle();
        line("");
        line("## " + name);
        line("");
        line("| series | queries | p50 | p99 | mean |");
        line("|---|---|---|---|---|");

        double[] inProcess = timeInProcess(index, points);
        row("index in process, k=1", inProcess);

        double[] nearestDz =
                timeHttp(points, p -> BASE + "/Location/$nearest-dz?latitude=" + p[0] + "&longitude=" + p[1]);
        row("`$nearest-dz` over HTTP, k=1", nearestDz);
        double nearestDzCpu = lastServerCpuMicros;

        String sort = nearSort(points.get(0), nearKm);
        List<String> nearFirst = new ArrayList<>(points.size());
        double[] near = timeHttp(
                points,
                p -> BASE + "/Location?near=" + p[0] + "%7C" + p[1] + "%7C" + nearKm + "%7Ckm" + sort + "&_count=1",
                body -> nearFirst.add(firstId(body)));
        row(
                "HAPI `Location?near=` (" + nearKm + " km" + (sort.isEmpty() ? "" : ", `_sort=near`") + ") over HTTP",
                near);

        line("");
        line(String.format(
                Locale.ROOT,
                "Server CPU time a request (every thread but the client's): `$nearest-dz` %.0f µs, `near` %.0f µs (%.1f×).",
                nearestDzCpu,
                lastServerCpuMicros,
                lastServerCpuMicros / nearestDzCpu));
        line("");

        BruteForceDzScan brute = new BruteForceDzScan(snapshot(index), DzIndex.DEFAULT_CRUISE_SPEED_KMH);
        double[] bruteMicros = timeBrute(brute, points.subList(0, Math.min(bruteQueries, points.size())));
        row("brute-force geodesic scan in process", bruteMicros);

        line("");
        line(String.format(
                Locale.ROOT,
                "Ratios (p50 / p99): `near` / `$nearest-dz` %.1f× / %.1f×; brute force / index %.0f× / %.0f×; HTTP"
                        + " `$nearest-dz` / index in process %.0f× / %.0f×.",
                percentile(near, 50) / percentile(nearestDz, 50),
                percentile(near, 99) / percentile(nearestDz, 99),
                percentile(bruteMicros, 50) / percentile(inProcess, 50),
                percentile(bruteMicros, 99) / percentile(inProcess, 99),
                percentile(nearestDz, 50) / percentile(inProcess, 50),
                percentile(nearestDz, 99) / percentile(inProcess, 99)));
        exactness(index, points, nearFirst);
    }

    /** Where {@code near}'s first answer is not the nearest site. */
    private void exactness(DzIndex index, List<double[]> points, List<String> nearFirst) {
        Map<String, DzPoint> byId = snapshot(index).stream().collect(Collectors.toMap(DzPoint::id, p -> p));
        int empty = 0;
        int different = 0;
        List<Double> excess = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            DzMatch truth = index.nearest(DzQuery.nearest(p[0], p[1], 1).withIncludeInactive(true))
                    .get(0);
            String first = nearFirst.get(i);
            if (first == null) {
                empty++;
            } else if (!first.equals(truth.point().id())) {
                different++;
                DzPoint given = byId.get(first);
                if (given != null) {
                    double metres = Geodesic.WGS84.Inverse(p[0], p[1], given.latitude(), given.longitude()).s12;
                    excess.add(metres - truth.distanceMetres());
                }
            }
        }
        double[] sorted =
                excess.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        line("");
        line(String.format(
                Locale.ROOT,
                "`near` exactness over %d points: no result %d (%.2f %%), first result not the nearest site %d"
                        + " (%.2f %%)%s. `$nearest-dz` equals the brute-force scan on every point (DzIndexTest).",
                points.size(),
                empty,
                100.0 * empty / points.size(),
                different,
                100.0 * different / points.size(),
                sorted.length == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; when wrong, the site it gives is farther than the nearest by p50 %.0f m, p99 %.0f m,"
                                        + " max %.0f m",
                                percentile(sorted, 50),
                                percentile(sorted, 99),
                                sorted[sorted.length - 1])));
    }

    /** {@code &_sort=near} if this HAPI accepts it, else nothing (unordered bounding-box results). */
    private String nearSort(double[] point, int km) throws Exception {
        Response response =
                get(BASE + "/Location?near=" + point[0] + "%7C" + point[1] + "%7C" + km + "%7Ckm&_sort=near&_count=1");
        return response.statusCode() == 200 ? "&_sort=near" : "";
    }

    /**
     * The real file read by the {@code locations} feed's own handler and mapper (rejected rows counted, not stored),
     * stored through the system DAO in transactions of 500 (the HTTP import path is exercised by the ITs).
     */
    private static String loadRealSites(ConfigurableApplicationContext context, Path csv) {
        List<IBaseResource> accepted = new ArrayList<>();
        int[] rejected = {0};
        new LocationsFeedHandler().read(ImportInput.ofFile("locations", "ourairports", csv), new ImportSink() {
            @Override
            public void accept(RowRef row, List<? extends IBaseResource> resources) {
                accepted.addAll(resources);
            }

            @Override
            public void reject(RowRef row, String reason) {
                rejected[0]++;
            }

            @Override
            public void warn(RowRef row, String message) {
                // not needed here
            }
        });
        store(context, accepted);
        return accepted.size() + " sites stored, " + rejected[0] + " rows rejected by the mapper";
    }

    @SuppressWarnings("unchecked")
    private static void store(ConfigurableApplicationContext context, List<? extends IBaseResource> resources) {
        IFhirSystemDao<Bundle, Meta> system = context.getBean(DaoRegistry.class).getSystemDao();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < resources.size(); i++) {
            bundle.addEntry()
                    .setResource((org.hl7.fhir.r4.model.Resource) resources.get(i))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Location");
            if (bundle.getEntry().size() == 500 || i == resources.size() - 1) {
                system.transaction(new SystemRequestDetails(), bundle);
                bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            }
        }
    }

    /**
     * Waits until the JVM's other threads are quiet (under a tenth of a core for 3 s in a row, at most 20 min), so
     * that background work left by the load does not share the cores with the timed requests: the DZ index's change
     * listener, for one, reads every Location written since its last poll again through the DAO, which took tens of
     * seconds after the 1,611 real sites and overlapped the first timed series before this wait.
     */
    private static void settle() throws InterruptedException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long start = System.nanoTime();
        int quiet = 0;
        long before = otherThreadsCpu(threads, self);
        while (quiet < 3 && System.nanoTime() - start < 1_200_000_000_000L) {
            Thread.sleep(1_000);
            long now = otherThreadsCpu(threads, self);
            quiet = now - before < 100_000_000L ? quiet + 1 : 0;
            before = now;
        }
        LOG.info("background work settled after {} s", (System.nanoTime() - start) / 1_000_000_000L);
    }

    private static long otherThreadsCpu(java.lang.management.ThreadMXBean threads, long self) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            if (id != self) {
                total += Math.max(0, threads.getThreadCpuTime(id));
            }
        }
        return total;
    }

    private static void awaitIndexSize(DzIndex index, int size) throws InterruptedException {
        // the index follows commits at once; the wait only covers the last after-commit callbacks
        for (int i = 0; i < 100 && size >= 0 && index.size() < size; i++) {
            Thread.sleep(100);
        }
    }

    private static void addSynthetic(ConfigurableApplicationContext context, int n) {
        List<Location> all = new ArrayList<>(n);
        Random random = new Random(2026L);
        List<String> types = List.of("hospital-helipad", "heliport", "airport", "stadium", "fire-station");
        double[][] overseas = {
            {-21.4, -20.85, 55.2, 55.85},
            {15.8, 16.55, -61.85, -61.0},
            {14.38, 14.9, -61.25, -60.8},
            {2.1, 5.8, -54.6, -51.6},
            {-13.0, -12.6, 45.0, 45.3},
            {46.75, 47.15, -56.45, -56.1},
        };
        for (int i = 0; i < n; i++) {
            double lat = 41.3 + 9.8 * random.nextDouble();
            double lon = -5.2 + 14.8 * random.nextDouble();
            if (i % 10 == 0) {
                double[] box = overseas[random.nextInt(overseas.length)];
                lat = box[0] + (box[1] - box[0]) * random.nextDouble();
                lon = box[2] + (box[3] - box[2]) * random.nextDouble();
            }
            Location dz = new Location();
            dz.setName(String.format(Locale.ROOT, "Synthetic DZ %06d", i));
            dz.setStatus(
                    random.nextDouble() < 0.95 ? Location.LocationStatus.ACTIVE : Location.LocationStatus.INACTIVE);
            dz.addType(new CodeableConcept(
                    new Coding(TerminologyCatalog.CS_DZ_TYPE, types.get(random.nextInt(types.size())), null)));
            dz.addExtension(
                    TerminologyCatalog.CANONICAL_BASE + "/StructureDefinition/dz-night-use",
                    new BooleanType(random.nextBoolean()));
            dz.getPosition()
                    .setLatitude(BigDecimal.valueOf(lat).setScale(6, java.math.RoundingMode.HALF_EVEN))
                    .setLongitude(BigDecimal.valueOf(lon).setScale(6, java.math.RoundingMode.HALF_EVEN));
            all.add(dz);
        }
        store(context, all);
    }

    /** Every point of the index, read back through queries (the index exposes no iteration). */
    private static List<DzPoint> snapshot(DzIndex index) {
        return index
                .nearest(
                        new DzQuery(46.0, 2.0, index.size(), Double.POSITIVE_INFINITY, java.util.Set.of(), false, true))
                .stream()
                .map(DzMatch::point)
                .toList();
    }

    private static double[] timeInProcess(DzIndex index, List<double[]> points) {
        long sink = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (double[] p : points) {
                sink += index.nearest(DzQuery.nearest(p[0], p[1], 1)).size();
            }
        }
        double[] micros = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            DzQuery query = DzQuery.nearest(points.get(i)[0], points.get(i)[1], 1);
            long t0 = System.nanoTime();
            sink += index.nearest(query).size();
            micros[i] = (System.nanoTime() - t0) / 1_000.0;
        }
        if (sink == 42) {
            LOG.trace("keeps the results alive");
        }
        Arrays.sort(micros);
        return micros;
    }

    /**
     * CPU time of every thread of the JVM but the client's (this one): the server's cost of the requests (Tomcat's
     * threads, HAPI's search threads), which other jobs on a shared machine do not inflate. Timed series run after
     * {@link #settle()}, so background threads add little.
     */
    private static long serverThreadsCpu() {
        return otherThreadsCpu(
                java.lang.management.ManagementFactory.getThreadMXBean(),
                Thread.currentThread().getId());
    }

    private static double[] timeBrute(BruteForceDzScan brute, List<double[]> points) {
        double[] micros = new double[points.size()];
        for (double[] p : points.subList(0, Math.min(10, points.size()))) {
            brute.nearest(DzQuery.nearest(p[0], p[1], 1));
        }
        for (int i = 0; i < points.size(); i++) {
            DzQuery query = DzQuery.nearest(points.get(i)[0], points.get(i)[1], 1);
            long t0 = System.nanoTime();
            brute.nearest(query);
            micros[i] = (System.nanoTime() - t0) / 1_000.0;
        }
        Arrays.sort(micros);
        return micros;
    }

    private double[] timeHttp(List<double[]> points, Function<double[], String> url) throws Exception {
        return timeHttp(points, url, body -> {});
    }

    /** Warm-up, then one timed request per point (status 200 required); microseconds, sorted. */
    private double[] timeHttp(
            List<double[]> points, Function<double[], String> url, java.util.function.Consumer<String> bodies)
            throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            get(url.apply(points.get(points.size() - 1 - (i % points.size()))));
        }
        double[] micros = new double[points.size()];
        long cpu = serverThreadsCpu();
        for (int i = 0; i < points.size(); i++) {
            String target = url.apply(points.get(i));
            long t0 = System.nanoTime();
            Response response = get(target);
            micros[i] = (System.nanoTime() - t0) / 1_000.0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(target + " answered " + response.statusCode() + ": " + response.body());
            }
            bodies.accept(response.body());
        }
        lastServerCpuMicros = (serverThreadsCpu() - cpu) / 1_000.0 / points.size();
        Arrays.sort(micros);
        return micros;
    }

    /**
     * A bearer token, fetched again when the cached one is about to expire: tokens live 5 minutes and the 100,000-site
     * phase runs far longer (an earlier run died on "Expired JWT" after storing the synthetic sites).
     */
    private static String authorization() {
        return "Bearer " + TestTokens.token(SERVER, "test-admin", "system/*.cruds");
    }

    private Response get(String url) throws IOException {
        HttpGet request = new HttpGet(url);
        request.setHeader("Authorization", authorization());
        request.setHeader("Accept", "application/fhir+json");
        return http.execute(
                request,
                response -> new Response(
                        response.getCode(), EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    }

    /** Status and body of an HTTP answer. */
    private record Response(int statusCode, String body) {}

    /** Id of the first Location of a search Bundle, or of the first match of a $nearest-dz Parameters. */
    private String firstId(String body) {
        var resource = parser.parseResource(body);
        if (resource instanceof Bundle bundle) {
            return bundle.getEntry().stream()
                    .filter(e -> e.getResource() instanceof Location)
                    .findFirst()
                    .map(e -> e.getResource().getIdElement().getIdPart())
                    .orElse(null);
        }
        if (resource instanceof Parameters parameters && parameters.hasParameter()) {
            return ((Reference)
                            parameters.getParameterFirstRep().getPartFirstRep().getValue())
                    .getReferenceElement()
                    .getIdPart();
        }
        return null;
    }

    private void row(String series, double[] sortedMicros) {
        line(String.format(
                Locale.ROOT,
                "| %s | %d | %s | %s | %s |",
                series,
                sortedMicros.length,
                format(percentile(sortedMicros, 50)),
                format(percentile(sortedMicros, 99)),
                format(Arrays.stream(sortedMicros).average().orElse(Double.NaN))));
    }

    private static String format(double micros) {
        return micros < 1_000
                ? String.format(Locale.ROOT, "%.1f µs", micros)
                : String.format(Locale.ROOT, "%.2f ms", micros / 1_000);
    }

    private void line(String text) {
        markdown.append(text).append('\n');
        LOG.info(text);
        Path out = Path.of("server/target/dz-http-bench.md");
        try {
            if (Files.isDirectory(out.getParent())) {
                Files.writeString(out, markdown);
            }
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", out, e.getMessage());
        }
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static List<double[]> metropolitanPoints(Random random, int n) {
        List<double[]> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new double[] {41.3 + 9.8 * random.nextDouble(), -5.2 + 14.8 * random.nextDouble()});
        }
        return points;
    }
}
