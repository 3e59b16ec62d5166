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
import fr.vigie.server.VigieApplication;
import fr.vigie.server.missions.MissionStatisticsService;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark of the registry feed (issue 4, item 6), not a test. Figures are logged at INFO.
 *
 * <ol>
 *   <li>Generates an {@code .xlsx} workbook of N missions (default 100,000; seed 4) with POI's streaming writer, in the
 *       layout of the example workbook (mission sheet only).
 *   <li>Reader memory: reads the workbook with the feed's streaming reader into a counting sink (no writes), N/10 and
 *       N rows, sampling the used heap every 20 ms after a GC: the peak above the baseline must not grow with N.
 *   <li>Starts Vigie in process (H2 file database in a temporary folder, port chosen at random), then writes the same
 *       Encounters as a plain HAPI transaction (POST creates, batches of the import's batch size, identifiers in a
 *       separate system) through the same HTTP client the imports use: the raw rate.
 *   <li>Imports the workbook through {@link ImportService} (feed {@code registry}, streaming read, conditional
 *       updates, then the statistics refresh): import time, rows/s, peak heap, and the ratio to the raw rate.
 * </ol>
 *
 * <p>Run from the repository root, in {@code /work/bin/heavy} on shared machines:
 *
 * <pre>
 * mvn -o -q -pl server -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
 *     -Dcheckstyle.skip -Djacoco.skip -Dspotless.check.skip=true
 * java -Xmx3g -cp server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt) \
 *     fr.vigie.server.missions.bench.RegistryImportBench 100000
 * </pre>
 */
public final class RegistryImportBench {

    private static final Logger log = LoggerFactory.getLogger(RegistryImportBench.class);
    private static final String[] TYPES = {"PRIM", "SEC", "SEC"};
    private static final String[] POPULATIONS = {
        "Adulte", "Pédiatrie SMUR polyvalent", "Pédiatrie SMUR Péd.", "Néonatologie (incubateur)"
    };
    private static final String[] PATHOLOGIES = {"Réanimation", "Cardiologie", "AVC", "Traumatologie", "Pneumologie"};
    private static final String[] FINESS = {"590780193", "590000188", "620100057", "800000044", "020000253"};

    private RegistryImportBench() {}

    public static void main(String[] args) throws Exception {
        int missions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("vigie-registry-bench-");
        Path big = dir.resolve("registre-bench-" + missions + ".xlsx");
        Path small = dir.resolve("registre-bench-" + missions / 10 + ".xlsx");
        long t0 = System.nanoTime();
        generate(big, missions);
        generate(small, missions / 10);
        log.info("generated {} ({} MB) in {} s", big.getFileName(), Files.size(big) >> 20, secs(t0));

        long smallPeak = readerPeak(small);
        long bigPeak = readerPeak(big);
        log.info(
                "reader only: peak heap above baseline {} MB for {} rows, {} MB for {} rows",
                smallPeak >> 20,
                missions / 10,
                bigPeak >> 20,
                missions);

        ConfigurableApplicationContext context = new SpringApplicationBuilder(VigieApplication.class)
                .profiles("h2")
                .properties(
                        "vigie.data-dir=" + dir.resolve("data"),
                        "server.port=0",
                        "vigie.demo.enabled=false",
                        "vigie.import.inbox.enabled=false",
                        "vigie.audit.enabled=false",
                        "vigie.security.hardening.rate-limit.enabled=false")
                .run();
        try {
            // raw: the same Encounters, POSTed in plain transactions
            List<Encounter> encounters = encounters(big);
            FhirTransactionClient client = context.getBean(FhirTransactionClient.class);
            int batch = 200;
            long r0 = System.nanoTime();
            for (int from = 0; from < encounters.size(); from += batch) {
                Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                for (Encounter e : encounters.subList(from, Math.min(from + batch, encounters.size()))) {
                    e.getIdentifierFirstRep().setSystem(Missions.MISSION_SYSTEM + "-raw");
                    tx.addEntry()
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
                    "raw HAPI transaction: {} Encounters in {} s = {} /s",
                    encounters.size(),
                    String.format("%.1f", rawSeconds),
                    String.format("%.0f", rawRate));
            encounters = null;

            ImportService imports = context.getBean(ImportService.class);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long base = memory.getHeapMemoryUsage().getUsed();
            HeapSampler sampler = new HeapSampler();
            sampler.start();
            long i0 = System.nanoTime();
            ImportReport report = imports.run(ImportInput.ofFile("registry", "xlsx", big));
            double importSeconds = (System.nanoTime() - i0) / 1e9;
            sampler.interrupt();
            sampler.join();
            double importRate = report.rowsRead() / importSeconds;
            log.info(
                    "import: {} rows ({} created, {} rejected) in {} s = {} rows/s, peak heap {} MB, live heap after"
                            + " GC at most {} MB (baseline {} MB, whole server)",
                    report.rowsRead(),
                    report.created(),
                    report.rejected().size(),
                    String.format("%.1f", importSeconds),
                    String.format("%.0f", importRate),
                    sampler.peak.get() >> 20,
                    sampler.retained.get() >> 20,
                    base >> 20);
            long a0 = System.nanoTime();
            context.getBean(MissionStatisticsService.class).refresh(Set.of(2023));
            log.info("statistics refresh alone (year 2023, {} missions): {} s", missions, secs(a0));
            log.info(
                    "import rate / raw rate = {} % (target >= 80 %)",
                    String.format("%.0f", 100 * importRate / rawRate));
        } finally {
            context.close();
        }
    }

    private static String secs(long start) {
        return String.format("%.1f", (System.nanoTime() - start) / 1e9);
    }

    private static void generate(Path file, int missions) throws Exception {
        Random random = new Random(4);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200);
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
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
                row.createCell(0).setCellValue(String.format("B-%07d", i));
                org.apache.poi.ss.usermodel.Cell d = row.createCell(1);
                d.setCellValue(first.plusDays(random.nextInt(365)));
                d.setCellStyle(date);
                double takeoff = random.nextInt(1440) / 1440.0;
                org.apache.poi.ss.usermodel.Cell t1 = row.createCell(2);
                t1.setCellValue(takeoff);
                t1.setCellStyle(time);
                org.apache.poi.ss.usermodel.Cell t2 = row.createCell(3);
                t2.setCellValue((takeoff + (30 + random.nextInt(120)) / 1440.0) % 1);
                t2.setCellStyle(time);
                row.createCell(4).setCellValue(random.nextInt(4) == 0 ? "Héli80" : "Héli62");
                String type = TYPES[random.nextInt(TYPES.length)];
                row.createCell(5).setCellValue(type);
                row.createCell(6).setCellValue(takeoff < 0.3 || takeoff > 0.85 ? "Nuit" : "Jour");
                row.createCell(7).setCellValue(POPULATIONS[random.nextInt(POPULATIONS.length)]);
                row.createCell(8).setCellValue(random.nextInt(90));
                row.createCell(9).setCellValue(PATHOLOGIES[random.nextInt(PATHOLOGIES.length)]);
                if (!"PRIM".equals(type)) {
                    row.createCell(10).setCellValue(FINESS[random.nextInt(FINESS.length)]);
                }
                row.createCell(11).setCellValue(FINESS[random.nextInt(FINESS.length)]);
                row.createCell(12).setCellValue(30 + random.nextInt(130));
            }
            wb.write(out);
        }
    }

    private static RegistryFeedHandler offlineHandler() {
        return new RegistryFeedHandler(
                RegistryMapper.shippedSpecs(),
                () -> new RegistryFeedHandler.Lookups() {
                    @Override
                    public boolean hasFiness(String finess) {
                        return false;
                    }

                    @Override
                    public boolean hasDz(String id) {
                        return false;
                    }
                },
                Clock.systemDefaultZone());
    }

    /** Peak used heap above the post-GC baseline while reading a workbook into a sink that only counts. */
    private static long readerPeak(Path file) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long base = memory.getHeapMemoryUsage().getUsed();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        AtomicLong rows = new AtomicLong();
        long t0 = System.nanoTime();
        offlineHandler().read(ImportInput.ofFile("registry", "xlsx", file), new ImportSink() {
            @Override
            public void accept(RowRef row, List<? extends IBaseResource> resources) {
                rows.incrementAndGet();
            }

            @Override
            public void reject(RowRef row, String reason) {
                rows.incrementAndGet();
            }

            @Override
            public void warn(RowRef row, String message) {
                // counted with the row
            }
        });
        sampler.interrupt();
        sampler.join();
        log.info(
                "read {} rows of {} in {} s ({} rows/s, mapping included, no writes); live heap after GC at most {} MB",
                rows.get(),
                file.getFileName(),
                secs(t0),
                String.format("%.0f", rows.get() / ((System.nanoTime() - t0) / 1e9)),
                sampler.retained.get() >> 20);
        return sampler.peak.get() - base;
    }

    private static List<Encounter> encounters(Path file) {
        List<Encounter> out = new ArrayList<>();
        offlineHandler().read(ImportInput.ofFile("registry", "xlsx", file), new ImportSink() {
            @Override
            public void accept(RowRef row, List<? extends IBaseResource> resources) {
                resources.stream().filter(Encounter.class::isInstance).forEach(r -> out.add((Encounter) r));
            }

            @Override
            public void reject(RowRef row, String reason) {
                // none in generated data
            }

            @Override
            public void warn(RowRef row, String message) {
                // none expected
            }
        });
        return out;
    }

    /** Samples the used heap every 20 ms and keeps the peak. */
    private static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();
        /** Largest heap left after a collection (live data), summed over the heap pools. */
        final AtomicLong retained = new AtomicLong();

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (!isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                long live = 0;
                for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        live += pool.getCollectionUsage().getUsed();
                    }
                }
                retained.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
