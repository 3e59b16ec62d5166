package fr.vigie.routes.documents.bench;

import fr.vigie.routes.documents.DocumentFhirMapper;
import fr.vigie.routes.documents.DocumentKind;
import fr.vigie.routes.documents.DocumentMetadata;
import fr.vigie.routes.documents.DocumentPipeline;
import fr.vigie.routes.documents.DocumentProperties;
import fr.vigie.routes.documents.ExtractedText;
import fr.vigie.routes.documents.ProcessedDocument;
import fr.vigie.routes.documents.TestDocuments;
import fr.vigie.routes.documents.TextExtractor;
import fr.vigie.routes.documents.nlp.ClinicalNlp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark of the documents pipeline (issue 6, item 8), not a test; figures are logged at INFO.
 *
 * <ul>
 *   <li><b>Text documents</b>: {@code textDocs} plain-text notes (8 variants of an emergency note, numbers changed)
 *       through detection, extraction, {@link ClinicalNlp} and FHIR mapping; ms per document (mean, p50, p95) after a
 *       warm-up of 50 documents.
 *   <li><b>OCR</b>: a scanned PDF of {@code pages} pages (300 dpi page images of French clinical text, no text layer)
 *       through {@link TextExtractor} (PDFBox rendering at 300 dpi + {@code tesseract ... -l fra tsv} per page), at
 *       parallelism 1 and 2; against the plain command {@code tesseract page.png stdout -l fra} run on the same page
 *       images, one after the other, in the same run. Pages per minute and the ratio (target at least 0.8).
 *   <li><b>Memory</b>: peak heap used (all heap pools' peak usage) and the JVM's peak resident set ({@code VmHWM});
 *       Tesseract runs in child processes, not counted there.
 * </ul>
 *
 * <p>Run from the repository root (offline once the dependencies are in the local repository):
 *
 * <pre>
 * mvn -o -q -pl camel-routes -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench-classpath.txt -Dcheckstyle.skip -Djacoco.skip -Dspotless.check.skip=true
 * java -Xmx1g -cp camel-routes/target/test-classes:camel-routes/target/classes:$(cat camel-routes/target/bench-classpath.txt) \
 *     fr.vigie.routes.documents.bench.DocumentsBench [textDocs=500] [pages=8]
 * </pre>
 */
public final class DocumentsBench {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentsBench.class);

    private static final String NOTE = "Compte rendu des urgences - Service d'accueil des urgences\n"
            + "Patiente de %d ans amenée par les pompiers pour dyspnée fébrile.\n"
            + "Antécédents : BPCO, hypertension artérielle traitée. Pas d'allergie connue.\n"
            + "Constantes : TA %d/%d mmHg, FC %d bpm, FR 24 c/min, SpO2 %d %% en air ambiant, T %d,%d °C.\n"
            + "Examen : crépitants de la base droite, pas de signe de lutte. Pas de douleur thoracique.\n"
            + "Conclusion : pneumopathie communautaire probable. Suspicion d'exacerbation de BPCO.\n"
            + "Traitement : paracétamol 1 g per os 3 fois par jour pendant 5 jours,\n"
            + "amoxicilline 1 g per os 3 fois par jour pendant 7 jours.\n";

    private DocumentsBench() {}

    public static void main(String[] args) throws Exception {
        int textDocs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        benchText(textDocs);
        benchOcr(pages);
        memory();
    }

    private static String note(int i) {
        return String.format(
                NOTE, 60 + i % 30, 110 + i % 40, 60 + i % 30, 80 + i % 40, 88 + i % 10, 37 + i % 3, i % 10);
    }

    private static void benchText(int count) {
        ClinicalNlp nlp = ClinicalNlp.withDefaults();
        DocumentPipeline pipeline = new DocumentPipeline(
                20_000_000, new TextExtractor(DocumentProperties.Ocr.defaults()), () -> nlp::analyze);
        DocumentFhirMapper mapper = new DocumentFhirMapper();
        DocumentMetadata metadata = DocumentMetadata.from(
                Map.of("patient", "urn:oid:1.2.250.1.213.1.4.8|1", "type", "34111-5", "date", "2026-11-27"));
        List<byte[]> documents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            documents.add(note(i).getBytes(StandardCharsets.UTF_8));
        }
        int facts = 0;
        for (int i = 0; i < 50; i++) {
            facts += mapper.map(metadata, pipeline.process(documents.get(i % 8), "note.txt"))
                    .size();
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            ProcessedDocument processed = pipeline.process(documents.get(i % 8), "note.txt");
            facts += mapper.map(metadata, processed).size();
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        double mean = java.util.Arrays.stream(nanos).average().orElse(0) / 1e6;
        LOG.info(
                "Text documents: {} notes of {} chars, {} ms/document mean, p50 {} ms, p95 {} ms (detection,"
                        + " extraction, NLP {}, FHIR mapping; {} resources mapped in all)",
                count,
                documents.get(0).length,
                String.format("%.2f", mean),
                String.format("%.2f", nanos[count / 2] / 1e6),
                String.format("%.2f", nanos[(int) (count * 0.95)] / 1e6),
                nlp.provenance().engine(),
                facts);
    }

    private static void benchOcr(int pages) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            if (i > 0) {
                text.append('\f');
            }
            text.append(note(i)).append(note(i + 1));
        }
        byte[] scanned = TestDocuments.scannedPdf(text.toString());
        List<BufferedImage> images = TestDocuments.images(text.toString());
        Path dir = Files.createTempDirectory("vigie-bench-");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path file = dir.resolve("page-" + (i + 1) + ".png");
            ImageIO.write(images.get(i), "png", file.toFile());
            files.add(file);
        }
        TextExtractor extractor = new TextExtractor(DocumentProperties.Ocr.defaults());
        LOG.info(
                "OCR engine: {}; {} pages of {}x{} px (300 dpi A4)",
                extractor.ocr().version(),
                images.size(),
                images.get(0).getWidth(),
                images.get(0).getHeight());
        // Warm-up: one page each way.
        tesseract(files.get(0));
        extractor.extract(TestDocuments.scannedPdf(note(0)), DocumentKind.PDF);

        long start = System.nanoTime();
        for (Path file : files) {
            tesseract(file);
        }
        double plainMinutes = (System.nanoTime() - start) / 6e10;
        double plainRate = images.size() / plainMinutes;
        LOG.info("plain tesseract <page.png> stdout -l fra: {} pages/min", String.format("%.1f", plainRate));

        for (int parallelism : new int[] {1, 2}) {
            DocumentProperties.Ocr settings =
                    new DocumentProperties.Ocr("tesseract", "fra", 300, 70, 20, Duration.ofMinutes(2), parallelism);
            TextExtractor vigie = new TextExtractor(settings);
            start = System.nanoTime();
            ExtractedText result = vigie.extract(scanned, DocumentKind.PDF);
            double minutes = (System.nanoTime() - start) / 6e10;
            double rate = images.size() / minutes;
            LOG.info(
                    "Vigie OCR (PDF render + tesseract tsv), parallelism {}: {} pages/min, {} x the plain command;"
                            + " mean page confidence {}, {} low-confidence pages",
                    parallelism,
                    String.format("%.1f", rate),
                    String.format("%.2f", rate / plainRate),
                    String.format(
                            "%.1f",
                            result.pages().stream()
                                    .mapToDouble(page -> page.confidence())
                                    .average()
                                    .orElse(0)),
                    result.lowConfidencePages().size());
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
        Files.deleteIfExists(dir);
    }

    private static void tesseract(Path image) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tesseract", image.toString(), "stdout", "-l", "fra")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("tesseract failed on " + image);
        }
    }

    private static void memory() throws IOException {
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed())
                .sum();
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM"))
                .findFirst()
                .orElse("VmHWM: unknown")
                .replaceAll("\\s+", " ");
        LOG.info(
                "Memory: peak heap used {} MB (sum of pools' peaks, -Xmx {} MB); JVM peak RSS {}",
                peakHeap / (1 << 20),
                Runtime.getRuntime().maxMemory() / (1 << 20),
                hwm);
    }
}
