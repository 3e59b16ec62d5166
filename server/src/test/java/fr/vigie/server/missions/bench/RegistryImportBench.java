package fr.vigie.server.missions.bench;

import fr.vigie.mappings.registry.Missions;
import fr.vigie.mappings.registry.RegistryMapper;
import fr.vigie.routes.common.FhirTransactionClient;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportReport;
import fr.vigie.routes.common.ImportService;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.registry.RegistryFeedHandler;
import fr.vigie.server.TestTokens;
import fr.vigie.server.VigieApplication;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark of the {@code registry} feed (issue 4, item 6); not a test, figures are logged. Arguments: the large and
 * the small mission counts for the reader (default 100,000 and 20,000), then the mission count written to the server
 * (default: the large one; smaller on a shared machine, where validated writes run at tens of rows a second).
 *
 * <ol>
 *   <li>Generates two {@code .xlsx} workbooks (Missions sheet in the example's layout, seed 4) with POI's streaming
 *       writer (SXSSF, 200 rows in memory).
 *   <li>Feed reader alone (streaming read + mapping, no writes) on both: rows/s and the largest live heap after a
 *       collection above the starting one; it must not grow with the row count.
 *   <li>Starts Vigie in process (H2 file database in a temporary folder, request validation on as in production),
 *       stores the hospitals the missions reference (so references resolve and rows carry no warning).
 *   <li>Raw rate: the Encounters of a workbook of the server count (mapped once, identifiers in a separate system) POSTed as
 *       plain HAPI transactions, batches of the import's batch size, through the client imports use.
 *   <li>Imports that workbook through {@link ImportService} (streaming read, conditional updates, then the mission
 *       statistics refresh, which runs inside the import): time, rows/s, peak heap and live heap, ratio to the raw
 *       rate (target: at least 80 %).
 * </ol>
 *
 * <p>Command (repository root, alone on the machine: other jobs distort the timings):
 *
 * <pre>
 * ./mvnw -o -q -pl server -am test-compile -Dcheckstyle.skip -Djacoco.skip -Dspotless.check.skip=true
 * ./mvnw -o -q -pl server dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
 * java -Xmx3g -cp terminology/target/classes:mappings/target/classes:camel-routes/target/classes:\
 * server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt) \
 *     fr.vigie.server.missions.bench.RegistryImportBench 100000 20000 100000
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
    private static final int BATCH = 200;

    private RegistryImportBench() {}

    public static void main(String[] args) throws Exception {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int small = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int written = args.length > 2 ? Integer.parseInt(args[2]) : large;
        log.info(
                "machine: {} cores, load average {} ; Java {}, max heap {} MB",
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
        Path dir = Files.createTempDirectory("vigie-registry-bench-");
        Path big = dir.resolve("registre-bench-" + large + ".xlsx");
        Path little = dir.resolve("registre-bench-" + small + ".xlsx");
        long t0 = System.nanoTime();
        generate(big, large, "B-");
        log.info("generated {} missions ({} MB) in {} s", large, Files.size(big) >> 20, secs(t0));
        generate(little, small, "S-");

        readerOnly(little);
        readerOnly(big);
        Path served = big;
        if (written != large) {
            served = dir.resolve("registre-bench-" + written + ".xlsx");
            generate(served, written, "W-");
        }

        int port = 18000 + new Random().nextInt(1000);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(VigieApplication.class)
                .profiles("h2", "test")
                .run(
                        "--server.port=" + port,
                        "--vigie.data-dir=" + dir.resolve("data"),
                        "--spring.datasource.url=jdbc:h2:file:"
                                + dir.resolve("data/h2/vigie").toAbsolutePath(),
                        "--vigie.demo.enabled=false",
                        "--vigie.audit.enabled=false",
                        "--vigie.import.inbox.enabled=false",
                        "--vigie.security.hardening.rate-limit.requests-per-minute=1000000",
                        "--vigie.security.hardening.rate-limit.burst=1000000",
                        "--vigie.test.jwt-client-jwks=" + TestTokens.JWT_CLIENT_JWKS,
                        "--logging.level.root=WARN",
                        "--logging.level.fr.vigie=WARN",
                        "--logging.level.fr.vigie.server.missions=INFO");
        try {
            FhirTransactionClient client = context.getBean(FhirTransactionClient.class);
            storeHospitals(client);

            List<Encounter> encounters = encounters(served);
            long r0 = System.nanoTime();
            for (int from = 0; from < encounters.size(); from += BATCH) {
                Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                for (Encounter e : encounters.subList(from, Math.min(from + BATCH, encounters.size()))) {
                    e.getIdentifierFirstRep().setSystem(Missions.MISSION_SYSTEM + "-raw");
                    tx.addEntry()
                            .setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
                            .setResource(e)
                            .getRequest()
                            .setMethod(Bundle.HTTPVerb.POST)
                            .setUrl("Encounter");
                }
                client.transaction(tx);
            }
            double rawSeconds = (System.nanoTime() - r0) / 1e9;
            double rawRate = encounters.size() / rawSeconds;
            log.info(
                    "raw HAPI transactions (POST, {} a bundle): {} Encounters in {} s = {} /s; load {}",
                    BATCH,
                    encounters.size(),
                    fmt(rawSeconds),
                    fmt(rawRate),
                    loadAverage());
            encounters = null;

            double importRate = importOnce(context.getBean(ImportService.class), served);
            log.info(
                    "import rate / raw rate: {} % for {} missions (target >= 80 %)",
                    fmt(100 * importRate / rawRate), written);
        } finally {
            context.close();
        }
        log.info("end; load average {}", loadAverage());
    }

    private static double importOnce(ImportService imports, Path file) throws InterruptedException {
        HeapSampler sampler = HeapSampler.begin();
        long t0 = System.nanoTime();
        ImportReport report = imports.run(ImportInput.ofFile("registry", "xlsx", file));
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.finish();
        double rate = report.rowsRead() / seconds;
        log.info(
                "import {}: {} rows ({} created, {} updated, {} rejected, {} warnings) in {} s = {} rows/s"
                        + " (statistics refresh included); heap: peak used {} MB, live after GC {} MB"
                        + " (start {} MB, whole server); load {}",
                file.getFileName(),
                report.rowsRead(),
                report.created(),
                report.updated(),
                report.rejected().size(),
                report.warnings().size(),
                fmt(seconds),
                fmt(rate),
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

    private static void generate(Path file, int missions, String prefix) throws IOException {
        Random random = new Random(4);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200);
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle time = wb.createCellStyle();
            time.setDataFormat(wb.createDataFormat().getFormat("hh:mm"));
            Sheet sheet = wb.createSheet("Missions");
            String[] header = {
                "N° mission",
                "Date",
                "Heure décollage",
                "Heure retour base",
                "Appareil",
                "Type mission",
                "Jour/Nuit",
                "Population",
                "Âge",
                "Pathologie",
                "FINESS origine",
                "FINESS destination",
                "Temps de vol (min)"
            };
            Row h = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                h.createCell(c).setCellValue(header[c]);
            }
            LocalDate first = LocalDate.of(2023, 1, 1);
            for (int i = 1; i <= missions; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue(String.format(Locale.ROOT, "%s%07d", prefix, i));
                Cell d = row.createCell(1);
                d.setCellValue(first.plusDays(random.nextInt(365)));
                d.setCellStyle(date);
                int takeoffMinute = random.nextInt(1440 - 200);
                Cell t1 = row.createCell(2);
                t1.setCellValue(takeoffMinute / 1440.0);
                t1.setCellStyle(time);
                Cell t2 = row.createCell(3);
                t2.setCellValue((takeoffMinute + 30 + random.nextInt(120)) / 1440.0);
                t2.setCellStyle(time);
                row.createCell(4).setCellValue(random.nextInt(4) == 0 ? "Héli80" : "Héli62");
                String type = TYPES[random.nextInt(TYPES.length)];
                row.createCell(5).setCellValue(type);
                row.createCell(6).setCellValue(takeoffMinute < 420 || takeoffMinute > 1230 ? "Nuit" : "Jour");
                row.createCell(7).setCellValue(POPULATIONS[random.nextInt(POPULATIONS.length)]);
                row.createCell(8).setCellValue(random.nextInt(90));
                row.createCell(9).setCellValue(PATHOLOGIES[random.nextInt(PATHOLOGIES.length)]);
                if (!"PRIM".equals(type)) {
                    row.createCell(10).setCellValue(FINESS.get(random.nextInt(FINESS.size())));
                }
                row.createCell(11).setCellValue(FINESS.get(random.nextInt(FINESS.size())));
                row.createCell(12).setCellValue(30 + random.nextInt(130));
            }
            wb.write(out);
            wb.dispose();
        }
    }

    /** The feed's handler with the bench hospitals known, as the server's local directory will say once stored. */
    private static RegistryFeedHandler handler() {
        return new RegistryFeedHandler(
                RegistryMapper.shippedSpecs(),
                () -> new RegistryFeedHandler.Lookups() {
                    @Override
                    public boolean hasFiness(String finess) {
                        return FINESS.contains(finess);
                    }

                    @Override
                    public boolean hasDz(String id) {
                        return false;
                    }
                },
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

    /** Streaming read and mapping only, into a sink that counts. */
    private static void readerOnly(Path file) throws InterruptedException {
        HeapSampler sampler = HeapSampler.begin();
        AtomicLong rows = new AtomicLong();
        long t0 = System.nanoTime();
        read(file, resources -> {}, rows);
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.finish();
        log.info(
                "feed reader alone, {}: {} rows in {} s = {} rows/s; live heap after GC {} MB above the start"
                        + " (peak used {} MB)",
                file.getFileName(),
                rows.get(),
                fmt(seconds),
                fmt(rows.get() / seconds),
                Math.max(0, sampler.live.get() - sampler.startHeap) >> 20,
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
