package fr.vigie.routes.documents;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Extracts the text of a document, page by page: plain text as it is (UTF-8, else Windows-1252); a PDF's text layer
 * first (PDFBox), and for each page without one (fewer than {@code minTextLayerChars} characters) the page rendered
 * in grey at {@code dpi} and read by {@link TesseractOcr}; a PNG / JPEG / TIFF scan read by Tesseract, one page per
 * TIFF page. OCR pages keep their confidence and are flagged under {@code minConfidence}.
 *
 * <p>Refuses, with the reason: a corrupt or password-protected PDF, an unreadable image, a document with no text at
 * all (an empty scan: a blank page gives no word to Tesseract). Thread-safe.
 */
public class TextExtractor {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final DocumentProperties.Ocr settings;
    private final TesseractOcr ocr;

    public TextExtractor(DocumentProperties.Ocr settings) {
        this(settings, new TesseractOcr(settings.command(), settings.language(), settings.timeout()));
    }

    public TextExtractor(DocumentProperties.Ocr settings, TesseractOcr ocr) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ocr = Objects.requireNonNull(ocr, "ocr");
    }

    /** The OCR engine used, for its version. */
    public TesseractOcr ocr() {
        return ocr;
    }

    /**
     * The text of {@code content} read as {@code kind}.
     *
     * @throws DocumentRejectedException when the document is unreadable or holds no text
     */
    public ExtractedText extract(byte[] content, DocumentKind kind) {
        ExtractedText text =
                switch (kind) {
                    case TEXT -> plainText(content);
                    case PDF -> pdf(content);
                    case PNG, JPEG, TIFF -> image(content, kind);
                };
        if (text.text().isBlank()) {
            throw new DocumentRejectedException(
                    kind == DocumentKind.TEXT
                            ? "the text document is empty"
                            : "no text found in the document (an empty or blank scan?): send a scan of the"
                                    + " written page, at 300 dpi if possible");
        }
        return text;
    }

    private static ExtractedText plainText(byte[] content) {
        String text = decode(content);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        return ExtractedText.of(List.of(new ExtractedText.PageDraft(1, text, PageText.Method.TEXT, null, false)));
    }

    /** Strict UTF-8; text that is not valid UTF-8 is read as Windows-1252, the usual other encoding of French text. */
    static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(content, WINDOWS_1252);
        }
    }

    private ExtractedText pdf(byte[] content) {
        try (PDDocument document = Loader.loadPDF(content)) {
            int pageCount = document.getNumberOfPages();
            if (pageCount == 0) {
                throw new DocumentRejectedException("the PDF has no page");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<ExtractedText.PageDraft> drafts = new ArrayList<>();
            List<Integer> scanned = new ArrayList<>();
            for (int page = 1; page <= pageCount; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String layer = normalise(stripper.getText(document));
                if (layer.codePoints().filter(c -> !Character.isWhitespace(c)).count()
                        >= Math.max(1, settings.minTextLayerChars())) {
                    drafts.add(new ExtractedText.PageDraft(page, layer, PageText.Method.TEXT_LAYER, null, false));
                } else {
                    drafts.add(null);
                    scanned.add(page);
                }
            }
            if (!scanned.isEmpty()) {
                PDFRenderer renderer = new PDFRenderer(document);
                PageRenderer render = page -> {
                    synchronized (renderer) {
                        return renderer.renderImageWithDPI(page - 1, settings.dpi(), ImageType.GRAY);
                    }
                };
                List<ExtractedText.PageDraft> read = settings.parallelism() <= 1
                        ? ocrRenderingAhead(scanned, render)
                        : ocrPages(scanned, page -> ocrImage(render.render(page), page));
                for (ExtractedText.PageDraft draft : read) {
                    drafts.set(draft.page() - 1, draft);
                }
            }
            return ExtractedText.of(drafts);
        } catch (InvalidPasswordException e) {
            throw new DocumentRejectedException("the PDF is password-protected: send it without encryption", e);
        } catch (IOException e) {
            throw new DocumentRejectedException(
                    "the PDF is corrupt or not a PDF (" + e.getMessage() + "): send the original file again", e);
        }
    }

    /** A page task (render and OCR), run in page order or in parallel as configured. */
    @FunctionalInterface
    private interface PageTask {
        ExtractedText.PageDraft run(int page) throws IOException;
    }

    /** Renders one PDF page to a grey image at the configured resolution. */
    @FunctionalInterface
    private interface PageRenderer {
        BufferedImage render(int page) throws IOException;
    }

    /**
     * One page at a time through Tesseract, but the next page is rendered (PDFBox, in this JVM) while Tesseract reads
     * the current one (a child process): rendering at 300 dpi costs about a quarter of the OCR time, and overlapping
     * it keeps the pipeline close to the plain {@code tesseract} command's rate without running two OCRs at once.
     */
    private List<ExtractedText.PageDraft> ocrRenderingAhead(List<Integer> pages, PageRenderer render)
            throws IOException {
        if (pages.size() == 1) {
            return List.of(ocrImage(render.render(pages.get(0)), pages.get(0)));
        }
        ExecutorService renderThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "vigie-pdf-render");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<ExtractedText.PageDraft> drafts = new ArrayList<>();
            Future<BufferedImage> next = renderThread.submit(() -> render.render(pages.get(0)));
            for (int i = 0; i < pages.size(); i++) {
                BufferedImage image = await(next);
                if (i + 1 < pages.size()) {
                    int following = pages.get(i + 1);
                    next = renderThread.submit(() -> render.render(following));
                }
                drafts.add(ocrImage(image, pages.get(i)));
            }
            return drafts;
        } finally {
            renderThread.shutdownNow();
        }
    }

    private List<ExtractedText.PageDraft> ocrPages(List<Integer> pages, PageTask task) throws IOException {
        if (settings.parallelism() <= 1 || pages.size() == 1) {
            List<ExtractedText.PageDraft> drafts = new ArrayList<>();
            for (int page : pages) {
                drafts.add(task.run(page));
            }
            return drafts;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallelism(), pages.size()));
        try {
            List<Future<ExtractedText.PageDraft>> futures = new ArrayList<>();
            for (int page : pages) {
                futures.add(pool.submit(() -> task.run(page)));
            }
            List<ExtractedText.PageDraft> drafts = new ArrayList<>();
            for (Future<ExtractedText.PageDraft> future : futures) {
                drafts.add(await(future));
            }
            return drafts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The value of an OCR task; its failure rethrown as it was (runtime or I/O), an interruption as an error. */
    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during OCR", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** OCR of one rendered page, written as an uncompressed PGM (cheapest for both sides to write and read). */
    private ExtractedText.PageDraft ocrImage(BufferedImage image, int page) throws IOException {
        Path file = Files.createTempFile("vigie-page-", ".pgm");
        try {
            writePgm(image, file);
            List<TesseractOcr.OcrPage> read = ocr.read(file, settings.dpi());
            String text = read.isEmpty() ? "" : normalise(read.get(0).text());
            double confidence = read.isEmpty() ? 0 : read.get(0).confidence();
            return draft(page, text, confidence);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private ExtractedText image(byte[] content, DocumentKind kind) {
        try {
            Path file = Files.createTempFile("vigie-scan-", "." + kind.format());
            try {
                Files.write(file, content);
                List<TesseractOcr.OcrPage> read = ocr.read(file, 0);
                List<ExtractedText.PageDraft> drafts = new ArrayList<>();
                for (TesseractOcr.OcrPage page : read) {
                    drafts.add(draft(page.page(), normalise(page.text()), page.confidence()));
                }
                if (drafts.isEmpty()) {
                    throw new DocumentRejectedException("the image holds no page Tesseract can read");
                }
                return ExtractedText.of(drafts);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file for OCR", e);
        }
    }

    private ExtractedText.PageDraft draft(int page, String text, double confidence) {
        double rounded = Math.round(confidence * 10) / 10.0;
        boolean low = text.isBlank() || rounded < settings.minConfidence();
        return new ExtractedText.PageDraft(page, text, PageText.Method.OCR, rounded, low);
    }

    /** Unix line ends, no trailing blanks; keeps the text otherwise as read. */
    private static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /** Writes a grey image as binary PGM (P5), which Tesseract (Leptonica) reads directly. */
    static void writePgm(BufferedImage image, Path file) throws IOException {
        int width = image.getWidth();
        int height = image.getHeight();
        BufferedImage grey = image;
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            grey.getGraphics().drawImage(image, 0, 0, null);
        }
        byte[] pixels = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            int stride = grey.getRaster().getSampleModel() instanceof java.awt.image.ComponentSampleModel model
                    ? model.getScanlineStride()
                    : width;
            for (int row = 0; row < height; row++) {
                out.write(pixels, row * stride, width);
            }
        }
    }
}
