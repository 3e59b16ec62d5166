package fr.vigie.routes.documents.nlp;

import fr.vigie.routes.documents.DocumentKind;
import fr.vigie.routes.documents.DocumentProperties;
import fr.vigie.routes.documents.ExtractedText;
import fr.vigie.routes.documents.TextExtractor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluation command of the clinical NLP (issue 6 item 7): precision, recall and F1 per fact type on the annotated
 * corpus {@code camel-routes/src/test/resources/nlp/eval-corpus} (its README gives the gold format), for text input and,
 * with {@code --ocr}, for OCR input: each document is rendered to a 300 dpi scan (Java2D, SansSerif 12 pt, A4 width),
 * once as a PNG and once as a PDF page without text layer, and read back by the documents feed's {@link TextExtractor}
 * (PDFBox, Tesseract {@code -l fra}), then analysed the same way. (This tool is the one place the NLP package uses the
 * documents package: it measures the NLP behind the real extraction path.)
 *
 * <pre>
 * java -cp ... fr.vigie.routes.documents.nlp.ClinicalNlpEvaluation [--corpus DIR] [--ocr] [--keep DIR]
 * </pre>
 *
 * Facts are compared as multisets per document, without offsets (OCR text differs from the original). A predicted
 * fact with no gold twin is a false positive, a gold fact with no predicted twin a false negative.
 */
public final class ClinicalNlpEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicalNlpEvaluation.class);

    /** Fact types, in report order. */
    static final List<String> TYPES = List.of(
            "vital",
            "age",
            "sex",
            "arrival",
            "complaint",
            "diagnosis",
            "drug",
            "cis",
            "dose",
            "route",
            "frequency",
            "duration");

    /** Per-type counts. */
    record Table(Map<String, NerEvaluation.Counts> counts, List<String> errors) {

        NerEvaluation.Counts overall() {
            return counts.values().stream().reduce(new NerEvaluation.Counts(0, 0, 0), NerEvaluation.Counts::plus);
        }

        String render(String title) {
            StringBuilder sb = new StringBuilder("\n" + title + "\n| fact | gold | predicted | correct | P | R | F1 |\n"
                    + "|---|---|---|---|---|---|---|\n");
            counts.forEach((t, c) -> sb.append(row(t, c)));
            sb.append(row("all", overall()));
            return sb.toString();
        }

        private static String row(String t, NerEvaluation.Counts c) {
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %.3f | %.3f | %.3f |%n",
                    t,
                    c.gold(),
                    c.predicted(),
                    c.truePositives(),
                    c.precision(),
                    c.recall(),
                    c.f1());
        }
    }

    private ClinicalNlpEvaluation() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path corpus = null;
        boolean ocr = false;
        Path keep = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--ocr" -> ocr = true;
                case "--keep" -> keep = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "usage: ClinicalNlpEvaluation [--corpus DIR] [--ocr] [--keep DIR]");
            }
        }
        if (corpus == null) {
            corpus = defaultCorpus();
        }
        ClinicalNlp nlp = new ClinicalNlp(ClinicalNlpSettings.defaults().withNer(false));
        Map<String, String> texts = read(corpus);
        Table text = evaluate(nlp, corpus, texts);
        LOG.info("{}", text.render("Text input (" + texts.size() + " documents)"));
        text.errors().forEach(e -> LOG.info("  text {}", e));
        if (ocr) {
            TextExtractor extractor = new TextExtractor(DocumentProperties.Ocr.defaults());
            Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("vigie-nlp-ocr");
            for (DocumentKind kind : List.of(DocumentKind.PNG, DocumentKind.PDF)) {
                Map<String, String> ocrTexts = new LinkedHashMap<>();
                List<Double> confidences = new ArrayList<>();
                for (Map.Entry<String, String> e : texts.entrySet()) {
                    byte[] scan = kind == DocumentKind.PNG ? png(e.getValue()) : scannedPdf(e.getValue());
                    Files.write(dir.resolve(e.getKey() + "." + kind.format()), scan);
                    ExtractedText extracted = extractor.extract(scan, kind);
                    extracted.pages().forEach(pg -> {
                        if (pg.confidence() != null) {
                            confidences.add(pg.confidence());
                        }
                    });
                    Files.writeString(
                            dir.resolve(e.getKey() + "." + kind.format() + ".txt"),
                            extracted.text(),
                            StandardCharsets.UTF_8);
                    ocrTexts.put(e.getKey(), extracted.text());
                }
                Table o = evaluate(nlp, corpus, ocrTexts);
                double meanConfidence = confidences.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElse(Double.NaN);
                LOG.info(
                        "{}",
                        o.render(String.format(
                                Locale.ROOT,
                                "OCR input: %s scans at 300 dpi through the documents TextExtractor (%s), %d documents,"
                                        + " mean page confidence %.1f",
                                kind.format(),
                                extractor.ocr().version(),
                                texts.size(),
                                meanConfidence)));
                o.errors().forEach(e -> LOG.info("  {} {}", kind.format(), e));
            }
            LOG.info("scans and OCR texts kept in {}", dir);
        }
    }

    static Path defaultCorpus() {
        for (String p :
                List.of("camel-routes/src/test/resources/nlp/eval-corpus", "src/test/resources/nlp/eval-corpus")) {
            if (Files.isDirectory(Path.of(p))) {
                return Path.of(p);
            }
        }
        throw new IllegalArgumentException("run from the repository or camel-routes folder, or give --corpus DIR");
    }

    static Map<String, String> read(Path corpus) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                String name = p.getFileName().toString().replace(".txt", "");
                texts.put(name, Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    static Table evaluate(ClinicalNlp nlp, Path corpus, Map<String, String> texts) throws IOException {
        Map<String, NerEvaluation.Counts> counts = new LinkedHashMap<>();
        TYPES.forEach(t -> counts.put(t, new NerEvaluation.Counts(0, 0, 0)));
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            List<String> gold = gold(corpus.resolve(e.getKey() + ".gold.tsv"));
            List<String> predicted = facts(nlp.analyze(e.getValue()));
            for (String type : TYPES) {
                List<String> g = ofType(gold, type);
                List<String> p = ofType(predicted, type);
                int tp = 0;
                List<String> unmatched = new ArrayList<>(g);
                for (String f : p) {
                    int k = indexOfMatch(unmatched, f, type);
                    if (k >= 0) {
                        unmatched.remove(k);
                        tp++;
                    } else {
                        errors.add(e.getKey() + " FP " + f);
                    }
                }
                unmatched.forEach(f -> errors.add(e.getKey() + " FN " + f));
                counts.merge(type, new NerEvaluation.Counts(tp, p.size(), g.size()), NerEvaluation.Counts::plus);
            }
        }
        return new Table(counts, errors);
    }

    private static int indexOfMatch(List<String> gold, String fact, String type) {
        for (int i = 0; i < gold.size(); i++) {
            if (type.equals("complaint")) {
                String g = TextNormalizer.fold(gold.get(i).substring("complaint ".length()));
                String p = TextNormalizer.fold(fact.substring("complaint ".length()));
                if (!g.isBlank() && (g.contains(p) || p.contains(g))) {
                    return i;
                }
            } else if (gold.get(i).equals(fact)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> ofType(List<String> facts, String type) {
        return facts.stream().filter(f -> f.startsWith(type + " ")).toList();
    }

    static List<String> gold(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c[0].equals("complaint") && (c.length < 2 || c[1].isBlank())) {
                continue;
            }
            if (c[0].equals("drug") && c.length > 2 && c[2].equals("PRESENT")) {
                c = new String[] {c[0], c[1]};
            }
            out.add(String.join(" ", c).trim());
        }
        return out;
    }

    /** The facts of an analysis in the gold notation. */
    static List<String> facts(DocumentFacts f) {
        List<String> out = new ArrayList<>();
        for (VitalSign v : f.vitalSigns()) {
            String value = v.type() == VitalSignType.BLOOD_PRESSURE
                    ? plain(v.values().get(0).value()) + "/"
                            + plain(v.values().get(1).value())
                    : plain(v.value().value());
            out.add("vital " + v.code().code() + " " + value);
        }
        Demographics d = f.demographics();
        if (d.age() != null) {
            out.add("age " + d.age().value() + " " + d.age().ucum());
        }
        if (d.sex() != null) {
            out.add("sex " + d.sex().code());
        }
        if (d.arrivalMode() != null) {
            out.add("arrival " + d.arrivalMode().code());
        }
        if (d.chiefComplaint() != null) {
            out.add("complaint " + d.chiefComplaint().text());
        }
        for (Diagnosis dx : f.diagnoses()) {
            out.add("diagnosis " + dx.code() + " " + dx.assertion());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Prescription p : f.prescriptions()) {
            String name = TextNormalizer.fold(p.drugSpan().text()).toUpperCase(Locale.ROOT);
            seen.merge(name, 1, Integer::sum);
            out.add("drug " + name + (p.assertion() == Assertion.PRESENT ? "" : " " + p.assertion()));
            if (p.cisCode() != null) {
                out.add("cis " + name + " " + p.cisCode());
            }
            if (p.dose() != null) {
                out.add("dose " + name + " " + plain(p.dose().value()) + " "
                        + p.dose().unit());
            }
            if (p.route() != null) {
                out.add("route " + name + " " + p.route().snomed());
            }
            if (p.frequency() != null) {
                Prescription.Frequency q = p.frequency();
                out.add("frequency " + name + " "
                        + (q.count() == 0
                                ? "prn"
                                : q.count() + "/" + plain(q.period()) + " " + q.periodUnit()
                                        + (q.asNeeded() ? " prn" : "")));
            }
            if (p.duration() != null) {
                out.add("duration " + name + " " + plain(p.duration().value()) + " "
                        + p.duration().unit());
            }
        }
        return out;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** A 300 dpi grey PNG scan of {@code text} (A4 width, SansSerif 12 pt). */
    static byte[] png(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(render(text), "png", out);
        return out.toByteArray();
    }

    /** A PDF whose single page is the scan of {@code text}: no text layer, so it goes through OCR. */
    static byte[] scannedPdf(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            BufferedImage image = render(text);
            PDRectangle size = new PDRectangle(image.getWidth() * 72f / 300, image.getHeight() * 72f / 300);
            PDPage page = new PDPage(size);
            document.addPage(page);
            PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                stream.drawImage(xobject, 0, 0, size.getWidth(), size.getHeight());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static BufferedImage render(String text) {
        int dpi = 300;
        int width = 2480;
        int margin = 200;
        int fontPx = 12 * dpi / 72;
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String rest = line;
            while (rest.length() > 80) {
                int cut = rest.lastIndexOf(' ', 80);
                cut = cut <= 0 ? 80 : cut;
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(rest);
        }
        int lineHeight = fontPx * 3 / 2;
        int height = Math.max(3508, 2 * margin + lines.size() * lineHeight);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontPx));
        int y = margin + fontPx;
        for (String line : lines) {
            g.drawString(line, margin, y);
            y += lineHeight;
        }
        g.dispose();
        return img;
    }
}
