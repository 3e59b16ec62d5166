package fr.vigie.server.triage.bench;

import ca.uhn.fhir.context.FhirContext;
import fr.vigie.server.los.EmergencyLos;
import fr.vigie.server.los.LosModel;
import fr.vigie.server.triage.KtasDataset;
import fr.vigie.server.triage.KtasRecord;
import fr.vigie.server.triage.TriageEngine;
import fr.vigie.server.triage.TriageModels;
import fr.vigie.server.triage.TriageOperationProvider;
import fr.vigie.server.triage.TriageRequest;
import fr.vigie.server.triage.VitalSigns;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark of {@code $triage} and {@code $los} (issue 7, item 6), not a test; figures logged at INFO. Requests are
 * the 887 KTAS rows (test resource copy) as {@code Parameters}.
 *
 * <ul>
 *   <li>{@code inprocess}: model load time, then per-call latency (p50, p99, mean; single thread, after two warm-up
 *       passes) of what the operations do server-side: parse the Parameters, check plausibility, decide (safety rules,
 *       model, TreeSHAP explanation) and build the answer, without and with the nurse's level (reviewed); the
 *       decision alone on parsed input; for {@code $los} parse, triage when no level is given, predict the three
 *       quantiles.
 *   <li>{@code http <fhir base> <bearer token> [threads]}: the same bodies POSTed as JSON to a running server: latency
 *       one request at a time (2,000 requests after 500 of warm-up), then requests/s with {@code threads} clients
 *       (default 4) for 20 s. Start the server with the rate limit raised, or 429s cap the throughput:
 *       {@code --vigie.security.hardening.rate-limit.requests-per-minute=1000000
 *       --vigie.security.hardening.rate-limit.burst=1000000}.
 * </ul>
 *
 * <pre>
 * ./mvnw -o -q -pl server -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
 * java -cp server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt) \
 *     fr.vigie.server.triage.bench.TriageBench inprocess
 * </pre>
 */
public final class TriageBench {

    private static final Logger LOG = LoggerFactory.getLogger(TriageBench.class);
    private static final String UCUM = "http://unitsofmeasure.org";

    private TriageBench() {}

    public static void main(String[] args) throws Exception {
        List<KtasRecord> records;
        try (Reader reader = new InputStreamReader(
                TriageBench.class.getResourceAsStream("/ktas/ktas_train.csv"), StandardCharsets.UTF_8)) {
            records = KtasDataset.read(reader);
        }
        List<Parameters> bodies = records.stream().map(TriageBench::parameters).toList();
        if (args.length > 0 && "http".equals(args[0])) {
            http(bodies, args[1], args[2], args.length > 3 ? Integer.parseInt(args[3]) : 4);
        } else if (args.length > 0 && "serve".equals(args[0])) {
            serve(bodies, args.length > 1 ? Integer.parseInt(args[1]) : 4);
        } else {
            inProcess(bodies, records);
        }
    }

    static void inProcess(List<Parameters> bodies, List<KtasRecord> records) {
        long start = System.nanoTime();
        TriageModels models = new TriageModels();
        LOG.info("models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
        TriageEngine engine = models.engine();
        LosModel los = models.emergencyLos();
        Runnable[] triage = new Runnable[bodies.size()];
        Runnable[] review = new Runnable[bodies.size()];
        Runnable[] decide = new Runnable[bodies.size()];
        Runnable[] stay = new Runnable[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            Parameters body = bodies.get(i);
            triage[i] = () -> {
                TriageRequest request = TriageRequest.parse(body, false);
                TriageRequest.checkPlausible(request.input());
                TriageOperationProvider.answer(engine.assess(request.input(), true), null);
            };
            // the same with the nurse's level (reviewed: one more reason line and two more outputs)
            Parameters withNurse = body.copy();
            withNurse
                    .addParameter()
                    .setName("nurseLevel")
                    .setValue(new org.hl7.fhir.r4.model.Coding(
                            TriageRequest.KTAS_SYSTEM,
                            Integer.toString(records.get(i).ktasNurse()),
                            null));
            review[i] = () -> {
                TriageRequest request = TriageRequest.parse(withNurse, false);
                TriageRequest.checkPlausible(request.input());
                TriageOperationProvider.answer(engine.assess(request.input(), true), null);
            };
            TriageRequest parsed = TriageRequest.parse(body, false);
            decide[i] = () -> engine.assess(parsed.input(), false);
            stay[i] = () -> {
                TriageRequest request = TriageRequest.parse(body, true);
                TriageRequest.checkPlausible(request.input());
                int ktas = TriageEngine.toKtas(engine.assess(request.input()).level());
                los.predict(EmergencyLos.vector(models.features(), request.input(), ktas));
            };
        }
        measure("$triage in process", triage);
        measure("$triage with nurseLevel (reviewed) in process", review);
        measure("decision alone (rules + model, no TreeSHAP reason, already parsed)", decide);
        measure("$los in process", stay);
    }

    /**
     * Wall-clock times of the calls; the thread's CPU time of each call is reported alongside, since on a shared
     * machine the wall-clock tail mostly measures time spent waiting for a core.
     */
    private static long[][] time(Runnable[] calls, int warmups, int passes) {
        for (int w = 0; w < warmups; w++) {
            for (Runnable call : calls) {
                call.run();
            }
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[calls.length * passes];
        long[] cpu = new long[calls.length * passes];
        int k = 0;
        for (int p = 0; p < passes; p++) {
            for (Runnable call : calls) {
                long c = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                call.run();
                nanos[k] = System.nanoTime() - t;
                cpu[k++] = threads.getCurrentThreadCpuTime() - c;
            }
        }
        return new long[][] {nanos, cpu};
    }

    private static void measure(String what, Runnable[] calls) {
        long[][] times = time(calls, 2, 5);
        report(what, times[0]);
        report(what + ", thread CPU time", times[1]);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        LOG.info(String.format(
                Locale.ROOT,
                "%s: n=%d p50=%.3f ms p99=%.3f ms mean=%.3f ms",
                what,
                sorted.length,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6));
    }

    /**
     * Starts Vigie in this JVM (H2 in memory, test clients, audit on as in production, rate limit raised) on
     * {@code -Dbench.port} (default 18082), then runs {@link #http} against it with a {@code test-admin} token.
     */
    static void serve(List<Parameters> bodies, int threads) throws Exception {
        int port = Integer.getInteger("bench.port", 18082);
        java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("vigie-triage-bench");
        try (org.springframework.context.ConfigurableApplicationContext context =
                new org.springframework.boot.builder.SpringApplicationBuilder(fr.vigie.server.VigieApplication.class)
                        .profiles("h2", "test")
                        .run(
                                "--server.port=" + port,
                                "--spring.datasource.url=jdbc:h2:mem:triage-bench;DB_CLOSE_DELAY=-1",
                                "--vigie.data-dir=" + dataDir,
                                "--vigie.demo.enabled=false",
                                "--vigie.security.hardening.rate-limit.requests-per-minute=1000000",
                                "--vigie.security.hardening.rate-limit.burst=1000000",
                                "--vigie.test.jwt-client-jwks=" + fr.vigie.server.TestTokens.JWT_CLIENT_JWKS,
                                "--logging.level.root=WARN",
                                "--logging.level.fr.vigie=WARN",
                                "--logging.level.fr.vigie.server.triage.bench=INFO")) {
            String server = "http://127.0.0.1:" + port;
            http(
                    bodies,
                    server + "/fhir",
                    fr.vigie.server.TestTokens.token(server, "test-admin", "system/*.cruds"),
                    threads);
        }
    }

    static void http(List<Parameters> bodies, String base, String token, int threads) throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        List<String> json = bodies.stream()
                .map(b -> fhir.newJsonParser().encodeResourceToString(b))
                .toList();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String operation : List.of("$triage", "$los")) {
            URI uri = URI.create(base + "/" + operation);
            Runnable[] calls = new Runnable[json.size()];
            for (int i = 0; i < json.size(); i++) {
                String body = json.get(i);
                calls[i] = () -> post(client, uri, token, body);
            }
            long[] warm = new long[500];
            for (int i = 0; i < warm.length; i++) {
                calls[i % calls.length].run();
            }
            long[] nanos = new long[2000];
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                calls[i % calls.length].run();
                nanos[i] = System.nanoTime() - t;
            }
            report(operation + " over HTTP, one client", nanos);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            throughput(pool, calls, threads, 3_000_000_000L, new AtomicLong()); // warm-up with every client
            AtomicLong done = new AtomicLong();
            long cpu = processCpuNanos();
            throughput(pool, calls, threads, 20_000_000_000L, done);
            cpu = processCpuNanos() - cpu;
            pool.shutdown();
            double cpuPerRequest = cpu / 1e6 / done.get();
            LOG.info(String.format(
                    Locale.ROOT,
                    "%s over HTTP, %d clients: %.0f requests/s; CPU time of this JVM %.3f ms a request, i.e. %.0f"
                            + " requests/s if it had %d cores to itself",
                    operation,
                    threads,
                    done.get() / 20.0,
                    cpuPerRequest,
                    Runtime.getRuntime().availableProcessors() * 1_000 / cpuPerRequest,
                    Runtime.getRuntime().availableProcessors()));
        }
    }

    /**
     * CPU time of the whole JVM (with {@code serve}: server, clients and background threads together), which other
     * jobs on a shared machine do not inflate, unlike wall-clock throughput.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void throughput(ExecutorService pool, Runnable[] calls, int threads, long nanos, AtomicLong done)
            throws Exception {
        long end = System.nanoTime() + nanos;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int offset = t * 97;
            futures.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    calls[i++ % calls.length].run();
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    private static void post(HttpClient client, URI uri, String token, String body) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A KTAS row as {@code $triage} Parameters (what a triage nurse's software would send). */
    static Parameters parameters(KtasRecord record) {
        Parameters in = new Parameters();
        in.addParameter().setName("age").setValue(new IntegerType(record.age()));
        in.addParameter().setName("sex").setValue(new CodeType(record.sex()));
        if (record.arrivalMode() != null) {
            in.addParameter().setName("arrivalMode").setValue(new CodeType(record.arrivalMode()));
        }
        VitalSigns v = record.vitals();
        quantity(in, "heartRate", v.heartRate(), "/min");
        quantity(in, "respiratoryRate", v.respiratoryRate(), "/min");
        Double systolic = v.systolic();
        Double diastolic = v.diastolic();
        if (systolic != null && diastolic != null && diastolic > systolic) {
            diastolic = null; // a few source rows have them swapped; the operation would answer 400
        }
        quantity(in, "systolicBloodPressure", systolic, "mm[Hg]");
        quantity(in, "diastolicBloodPressure", diastolic, "mm[Hg]");
        quantity(in, "bodyTemperature", v.temperature(), "Cel");
        Double spo2 = v.oxygenSaturation();
        quantity(in, "oxygenSaturation", spo2 != null && spo2 < 40 ? null : spo2, "%");
        if (v.consciousness() != null) {
            in.addParameter()
                    .setName("consciousness")
                    .setValue(new CodeType(v.consciousness().code()));
        }
        if (v.painScore() != null) {
            in.addParameter().setName("painScore").setValue(new IntegerType(v.painScore()));
        }
        if (record.injury() != null) {
            in.addParameter().setName("injury").setValue(new BooleanType(record.injury()));
        }
        if (record.chiefComplaint() != null) {
            in.addParameter().setName("chiefComplaint").setValue(new StringType(record.chiefComplaint()));
        }
        return in;
    }

    private static void quantity(Parameters in, String name, Double value, String unit) {
        if (value != null) {
            in.addParameter()
                    .setName(name)
                    .setValue(new Quantity()
                            .setValue(BigDecimal.valueOf(value))
                            .setSystem(UCUM)
                            .setCode(unit));
        }
    }
}
