package fr.vigie.server.missions.bench;

import fr.vigie.mappings.registry.Missions;
import fr.vigie.mappings.registry.RegistryMapper;
import fr.vigie.routes.common.FhirTransactionClient;
import fr.vigie.routes.common.FhirWriter;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportProperties;
import fr.vigie.routes.common.ImportReport;
import fr.vigie.routes.common.ImportService;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.ImportStatus;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.registry.RegistryFeedHandler;
import fr.vigie.server.TestDatabase;
import fr.vigie.server.TestTokens;
import fr.vigie.server.VigieApplication;
import fr.vigie.server.missions.MissionWorkbooks;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark of the {@code registry} feed (issue 4, item 6); not a test, figures are logged. Arguments: the large and
 * the small mission counts for the reader (default 100,000 and 20,000), the mission count written to the server
 * (default: the large one) and the entries per transaction, {@code vigie.import.batch-size}, used by both sides
 * (default {@value FhirWriter#DEFAULT_BATCH_SIZE}). Database: H2 in a file, or a fresh PostgreSQL database with
 * {@code -Dvigie.it.database=postgres} (created and dropped by {@link TestDatabase}, settings {@code VIGIE_IT_PG_*}).
 *
 * <ol>
 *   <li>Generates two {@code .xlsx} workbooks (Missions sheet in the example's layout, seed 4) with POI's streaming
 *       writer (SXSSF, 200 rows in memory).
 *   <li>Feed reader alone (streaming read + mapping, no writes) on both: rows/s and the live heap at the last row
 *       (after a forced collection) above the starting one; it must not grow with the row count.
 *   <li>Starts Vigie in process (request validation on as in production), stores the hospitals the missions
 *       reference (so references resolve and rows carry no warning), then warms both write paths up with a workbook
 *       of two transactions (posted raw, then imported), so neither measured side pays the first validations.
 *   <li>Raw rate: the Encounters of a workbook of the server count (mapped once, identifiers in a separate system) POSTed as
 *       plain HAPI transactions of POSTs, batches of the import's batch size, through the client imports use.
 *   <li>Imports that workbook through {@link ImportService} (streaming read, identifier lookup and writes by id, then the mission
 *       statistics refresh, which runs inside the import): time, rows/s, peak heap and live heap, ratio to the raw
 *       rate (target: at least 80 %).
 * </ol>
 *
 * <p>Command (repository root, alone on the machine: other jobs distort the timings; drop the {@code -D} for H2):
 *
 * <pre>
 * ./mvnw -o -q -pl server -am test-compile -Dcheckstyle.skip -Djacoco.skip -Dspotless.check.skip=true
 * ./mvnw -o -q -pl server -am dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
 * java -Xmx3g -Dvigie.it.database=postgres -cp terminology/target/classes:mappings/target/classes:\
 * camel-routes/target/classes:server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt) \
 *     fr.vigie.server.missions.bench.RegistryImportBench 100000 20000 100000 200
 * </pre>
 */
public final class RegistryImportBench {

    private static final Logger log = LoggerFactory.getLogger(RegistryImportBench.class);
    private static final String[] TYPES = {"PRIM", "SEC", "SEC"};
    private static final String[] POPULATIONS = {
        "Adulte", "Pédiatrie SMUR polyvalent", "Pédiatrie SMUR Péd.", "Néonatologie (incubateur)"
    };
    private static final String[] PATHOLOGIES = {"Réanimation", "Cardiologie", "AVC", "Traumatologie", "Pneumologie"};
    private static final List<String> FINESS = List.of("590780193", "590000188", "620100057", "800000044", "020000253");

    private RegistryImportBench() {}

    public static void main(String[] args) throws Exception {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int small = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int written = args.length > 2 ? Integer.parseInt(args[2]) : large;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : FhirWriter.DEFAULT_BATCH_SIZE;
        log.info(
                "machine: {} cores, load average {} ; Java {}, max heap {} MB; database {}",
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20,
                TestDatabase.isPostgres() ? "PostgreSQL" : "H2 (file)");
        Path dir = Files.createTempDirectory("vigie-registry-bench-");
        Path big = dir.resolve("registre-bench-" + large + ".xlsx");
        Path little = dir.resolve("registre-bench-" + small + ".xlsx");
        long t0 = System.nanoTime();
        generate(big, large, "B-");
        log.info("generated {} missions ({} MB) in {} s", large, Files.size(big) >> 20, secs(t0));
        generate(little, small, "S-");

        readerOnly(little, small);
        readerOnly(big, large);
        Path served = big;
        if (written != large) {
            served = dir.resolve("registre-bench-" + written + ".xlsx");
            generate(served, written, "W-");
        }
        Path warmup = dir.resolve("registre-bench-warmup.xlsx");
        int warmupRows = Math.max(1_000, 5 * batch);
        generate(warmup, warmupRows, "U-");

        int port = 18000 + new Random().nextInt(1000);
        List<String> settings = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--vigie.data-dir=" + dir.resolve("data"),
                "--vigie.demo.enabled=false",
                "--vigie.audit.enabled=false",
                "--vigie.import.inbox.enabled=false",
                "--vigie.import.batch-size=" + batch,
                "--vigie.security.hardening.rate-limit.requests-per-minute=1000000",
                "--vigie.security.hardening.rate-limit.burst=1000000",
                "--vigie.test.jwt-client-jwks=" + TestTokens.JWT_CLIENT_JWKS,
                "--logging.level.root=WARN",
                "--logging.level.fr.vigie=WARN",
                "--logging.level.fr.vigie.server.missions=INFO",
                "--logging.level.fr.vigie.routes.common.FhirWriter=DEBUG"));
        if (TestDatabase.isPostgres()) {
            // a fresh database, dropped when the JVM exits (see TestDatabase)
            settings.add("--spring.datasource.url=" + TestDatabase.url());
            settings.add("--spring.datasource.username=" + TestDatabase.user());
            settings.add("--spring.datasource.password=" + TestDatabase.password());
        } else {
            settings.add("--spring.datasource.url=jdbc:h2:file:"
                    + dir.resolve("data/h2/vigie").toAbsolutePath());
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(VigieApplication.class)
                .profiles(TestDatabase.isPostgres() ? "postgres" : "h2", "test")
                .run(settings.toArray(String[]::new));
        try {
            FhirTransactionClient client = context.getBean(FhirTransactionClient.class);
            ImportService imports = context.getBean(ImportService.class);
            int batchSize = context.getBean(ImportProperties.class).batchSize();
            storeHospitals(client);

            // Warm-up (JIT, validator caches, statement caches) on both paths, so neither side pays it in its figure.
            long w0 = System.nanoTime();
            postRaw(client, encounters(warmup), batchSize, "-warmup");
            imports.run(ImportInput.ofFile("registry", "xlsx", warmup));
            log.info("warm-up: {} missions raw and imported in {} s", warmupRows, secs(w0));

            List<Encounter> encounters = encounters(served);
            long r0 = System.nanoTime();
            long rawCpu0 = processCpuNanos();
            postRaw(client, encounters, batchSize, "-raw");
            double rawSeconds = (System.nanoTime() - r0) / 1e9;
            double rawCpu = (processCpuNanos() - rawCpu0) / 1e9;
            double rawRate = encounters.size() / rawSeconds;
            log.info(
                    "raw HAPI transactions (POST, {} a bundle): {} Encounters in {} s = {} /s; process CPU {} s"
                            + " = {} Encounters per CPU second; load {}",
                    batchSize,
                    encounters.size(),
                    fmt(rawSeconds),
                    fmt(rawRate),
                    fmt(rawCpu),
                    fmt(encounters.size() / rawCpu),
                    loadAverage());
            encounters = null;

            double importRate = importOnce(imports, served);
            log.info(
                    "import rate / raw rate: {} % for {} missions, {} entries a transaction (target >= 80 %)",
                    fmt(100 * importRate / rawRate), written, batchSize);
        } finally {
            context.close();
            // the workbooks (about 6 MB for 100,000 missions) and the H2 files
            FileSystemUtils.deleteRecursively(dir);
        }
        log.info("end; load average {}", loadAverage());
    }

    /** The Encounters as plain HAPI transactions of POSTs, their mission numbers in a system of their own. */
    private static void postRaw(FhirTransactionClient client, List<Encounter> encounters, int batch, String suffix) {
        long t0 = System.nanoTime();
        for (int from = 0; from < encounters.size(); from += batch) {
            if (from > 0 && from % 10_000 < batch) {
                log.info("raw: {} Encounters in {} s; load {}", from, secs(t0), loadAverage());
            }
            Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (Encounter e : encounters.subList(from, Math.min(from + batch, encounters.size()))) {
                e.getIdentifierFirstRep().setSystem(Missions.MISSION_SYSTEM + suffix);
                tx.addEntry()
                        .setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
                        .setResource(e)
                        .getRequest()
                        .setMethod(Bundle.HTTPVerb.POST)
                        .setUrl("Encounter");
            }
            try {
                client.transaction(tx);
            } catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException refused) {
                if (refused.getStatusCode() >= 500) {
                    throw refused;
                }
                // As the import does: the batch again entry by entry, so one refused Encounter (the 100,000-row run
                // of 28 Nov met one, 422 from validation) costs its row, not the run.
                log.warn(
                        "raw: a transaction of {} was refused ({}): {}; posting it entry by entry",
                        tx.getEntry().size(),
                        refused.getStatusCode(),
                        errors(refused));
                for (Bundle.BundleEntryComponent entry : tx.getEntry()) {
                    Bundle one = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                    one.addEntry(entry);
                    try {
                        client.transaction(one);
                    } catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException again) {
                        RAW_REFUSED.incrementAndGet();
                        log.warn(
                                "raw: Encounter {} refused: {}",
                                ((Encounter) entry.getResource())
                                        .getIdentifierFirstRep()
                                        .getValue(),
                                errors(again));
                    }
                }
            }
        }
        if (RAW_REFUSED.get() > 0) {
            log.warn("raw: {} Encounters refused by the server (see above)", RAW_REFUSED.get());
        }
    }

    /** Encounters the server refused on the raw side (reported; the import reports its own rejected rows). */
    private static final java.util.concurrent.atomic.AtomicInteger RAW_REFUSED =
            new java.util.concurrent.atomic.AtomicInteger();

    /** Every error and fatal issue of a refusal's OperationOutcome (HAPI's message names only the first issue). */
    private static String errors(ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof org.hl7.fhir.r4.model.OperationOutcome outcome) {
            return outcome.getIssue().stream()
                    .filter(issue -> issue.getSeverity() == org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.ERROR
                            || issue.getSeverity() == org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.FATAL)
                    .map(issue -> issue.getDiagnostics() + " @ " + issue.getExpression())
                    .collect(java.util.stream.Collectors.joining(" | "));
        }
        return e.getMessage();
    }

    private static double importOnce(ImportService imports, Path file) throws InterruptedException {
        HeapSampler sampler = HeapSampler.begin();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(
                () -> imports.jobs().stream()
                        .filter(job -> job.status() == ImportStatus.RUNNING)
                        .forEach(job ->
                                log.info("import: {} rows in {} s; load {}", job.rowsRead(), secs(t0), loadAverage())),
                2,
                2,
                TimeUnit.MINUTES);
        ImportReport report;
        try {
            report = imports.run(ImportInput.ofFile("registry", "xlsx", file));
        } finally {
            progress.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        sampler.finish();
        double rate = report.rowsRead() / seconds;
        log.info(
                "import {}: {} rows ({} created, {} updated, {} rejected, {} warnings) in {} s = {} rows/s"
                        + " (statistics refresh included); process CPU {} s = {} rows per CPU second;"
                        + " heap: peak used {} MB, live after GC {} MB (start {} MB, whole server); load {}",
                file.getFileName(),
                report.rowsRead(),
                report.created(),
                report.updated(),
                report.rejected().size(),
                report.warnings().size(),
                fmt(seconds),
                fmt(rate),
                fmt(cpu),
                fmt(report.rowsRead() / cpu),
                sampler.peak.get() >> 20,
                sampler.live.get() >> 20,
                sampler.startHeap >> 20,
                loadAverage());
        return rate;
    }

    private static void storeHospitals(FhirTransactionClient client) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (String finess : FINESS) {
            Location hospital = new Location().setName("Bench hospital " + finess);
            hospital.addIdentifier().setSystem(TerminologyCatalog.FINESS_SYSTEM).setValue(finess);
            tx.addEntry()
                    .setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
                    .setResource(hospital)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Location")
                    .setIfNoneExist("identifier=" + TerminologyCatalog.FINESS_SYSTEM + "|" + finess);
        }
        client.transaction(tx);
    }

    /** A workbook of {@code missions} random rows (seed 4), written by POI's streaming writer (200 rows in memory). */
    private static void generate(Path file, int missions, String prefix) throws IOException {
        Random random = new Random(4);
        LocalDate first = LocalDate.of(2023, 1, 1);
        Iterator<MissionWorkbooks.Mission> rows = new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < missions;
            }

            @Override
            public MissionWorkbooks.Mission next() {
                i++;
                LocalDate date = first.plusDays(random.nextInt(365));
                int takeoff = random.nextInt(1440 - 200);
                int back = takeoff + 30 + random.nextInt(120);
                String aircraft = random.nextInt(4) == 0 ? "Héli80" : "Héli62";
                String type = TYPES[random.nextInt(TYPES.length)];
                String population = POPULATIONS[random.nextInt(POPULATIONS.length)];
                int age = random.nextInt(90);
                String pathology = PATHOLOGIES[random.nextInt(PATHOLOGIES.length)];
                String origin = "PRIM".equals(type) ? null : FINESS.get(random.nextInt(FINESS.size()));
                String destination = FINESS.get(random.nextInt(FINESS.size()));
                return new MissionWorkbooks.Mission(
                        String.format(Locale.ROOT, "%s%07d", prefix, i),
                        date,
                        LocalTime.ofSecondOfDay(takeoff * 60L),
                        LocalTime.ofSecondOfDay(back * 60L),
                        aircraft,
                        type,
                        takeoff < 420 || takeoff > 1230 ? "Nuit" : "Jour",
                        population,
                        age,
                        pathology,
                        origin,
                        destination,
                        null,
                        30 + random.nextInt(130));
            }
        };
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200);
                OutputStream out = Files.newOutputStream(file)) {
            MissionWorkbooks.writeMissions(wb, rows);
            wb.write(out);
            wb.dispose();
        }
    }

    /** The feed's handler with the bench hospitals known, as the server's local directory will say once stored. */
    private static RegistryFeedHandler handler() {
        return new RegistryFeedHandler(
                RegistryMapper.shippedSpecs(),
                () -> RegistryFeedHandler.Lookups.of(FINESS::contains, id -> false),
                Clock.systemDefaultZone());
    }

    private static void read(Path file, Consumer<List<? extends IBaseResource>> accepted, AtomicLong rows) {
        handler().read(ImportInput.ofFile("registry", "xlsx", file), new ImportSink() {
            @Override
            public void accept(RowRef row, List<? extends IBaseResource> resources) {
                rows.incrementAndGet();
                accepted.accept(resources);
            }

            @Override
            public void reject(RowRef row, String reason) {
                rows.incrementAndGet();
            }

            @Override
            public void warn(RowRef row, String message) {
                // counted with its row
            }
        });
    }

    /**
     * Streaming read and mapping only, into a sink that counts. At the last row (the reader and mapper still hold
     * whatever they keep for the file) a full collection is forced and the used heap read: the live heap of the read.
     */
    private static void readerOnly(Path file, int expectedRows) throws InterruptedException {
        HeapSampler sampler = HeapSampler.begin();
        AtomicLong rows = new AtomicLong();
        AtomicLong liveAtEnd = new AtomicLong(-1);
        long t0 = System.nanoTime();
        read(
                file,
                resources -> {
                    if (rows.get() == expectedRows) {
                        System.gc();
                        liveAtEnd.set(ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getUsed());
                    }
                },
                rows);
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.finish();
        log.info(
                "feed reader alone, {}: {} rows in {} s = {} rows/s (one collection forced at the last row);"
                        + " live heap at the last row {} KB above the start; peak used {} MB",
                file.getFileName(),
                rows.get(),
                fmt(seconds),
                fmt(rows.get() / seconds),
                (liveAtEnd.get() - sampler.startHeap) >> 10,
                sampler.peak.get() >> 20);
    }

    private static List<Encounter> encounters(Path file) {
        List<Encounter> out = new ArrayList<>();
        read(
                file,
                resources ->
                        resources.stream().filter(Encounter.class::isInstance).forEach(r -> out.add((Encounter) r)),
                new AtomicLong());
        return out;
    }

    /** CPU time of this process (server and bench client): less sensitive than wall time to other jobs. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String secs(long start) {
        return fmt((System.nanoTime() - start) / 1e9);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * Samples the heap every 20 ms: the peak used heap, and the largest heap left after a collection (live data,
     * summed over the heap pools), which is what grows when something keeps rows in memory.
     */
    private static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();
        final AtomicLong live = new AtomicLong();
        long startHeap;

        static HeapSampler begin() {
            System.gc();
            HeapSampler sampler = new HeapSampler();
            sampler.startHeap =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            sampler.setDaemon(true);
            sampler.start();
            return sampler;
        }

        void finish() throws InterruptedException {
            interrupt();
            join();
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                long afterGc = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        afterGc += pool.getCollectionUsage().getUsed();
                    }
                }
                live.accumulateAndGet(afterGc, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
