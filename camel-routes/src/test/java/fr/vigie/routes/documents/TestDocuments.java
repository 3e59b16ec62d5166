package fr.vigie.routes.documents;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Renders test documents from a text, for the extraction and OCR round-trip tests (also used by the NLP evaluation's
 * OCR path): a PDF with a text layer (PDFBox, Helvetica), a PNG scan (Java2D, DejaVu Sans as the JVM's
 * {@code SansSerif}, 300 dpi), a scanned PDF (that PNG as the page image, no text layer), a multi-page TIFF and a
 * blank scan. A form feed ({@code \f}) in the text starts a new page; long lines are wrapped.
 *
 * <p>Rendering is deterministic (same text, same bytes), so test inputs need no committed binaries.
 */
public final class TestDocuments {

    /** Resolution of rendered scans. */
    public static final int DPI = 300;

    private static final int LINE_CHARS = 80;
    private static final float PDF_FONT_SIZE = 11f;
    private static final int SCAN_FONT_PX = 12 * DPI / 72;
    private static final int A4_WIDTH_PX = 2480;
    private static final int A4_HEIGHT_PX = 3508;
    private static final int MARGIN_PX = 200;

    private TestDocuments() {}

    /** A PDF whose pages carry the text as a text layer. */
    public static byte[] pdf(String text) {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages(text, 60)) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                    stream.beginText();
                    stream.setFont(font, PDF_FONT_SIZE);
                    stream.setLeading(PDF_FONT_SIZE * 1.4f);
                    stream.newLineAtOffset(56, PDRectangle.A4.getHeight() - 64);
                    for (String line : lines) {
                        stream.showText(winAnsi(font, line));
                        stream.newLine();
                    }
                    stream.endText();
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF of scanned pages: each page is an image of the text, with no text layer (needs OCR). */
    public static byte[] scannedPdf(String text) {
        try (PDDocument document = new PDDocument()) {
            for (BufferedImage image : images(text)) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
                try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                    stream.drawImage(xobject, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG scan of the text's first page (300 dpi, grey). */
    public static byte[] png(String text) {
        return encode(images(text).get(0), "png");
    }

    /** A JPEG scan of the text's first page. */
    public static byte[] jpeg(String text) {
        return encode(images(text).get(0), "jpeg");
    }

    /** A multi-page TIFF scan, one TIFF page per page of the text. */
    public static byte[] tiff(String text) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage image : images(text)) {
                writer.writeToSequence(new IIOImage(image, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A blank white page scanned as PNG: the empty scan. */
    public static byte[] blankPng() {
        return encode(blank(), "png");
    }

    /** The text's pages as 300 dpi grey images, black text on white. */
    public static List<BufferedImage> images(String text) {
        List<BufferedImage> images = new ArrayList<>();
        for (List<String> lines : pages(text, 48)) {
            BufferedImage image = blank();
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, SCAN_FONT_PX));
                FontMetrics metrics = g.getFontMetrics();
                int y = MARGIN_PX + metrics.getAscent();
                for (String line : lines) {
                    g.drawString(line, MARGIN_PX, y);
                    y += (int) (metrics.getHeight() * 1.3);
                }
            } finally {
                g.dispose();
            }
            images.add(image);
        }
        return images;
    }

    private static BufferedImage blank() {
        BufferedImage image = new BufferedImage(A4_WIDTH_PX, A4_HEIGHT_PX, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, A4_WIDTH_PX, A4_HEIGHT_PX);
        g.dispose();
        return image;
    }

    /** The text cut into pages (form feeds, then {@code linesPerPage}) of wrapped lines. */
    static List<List<String>> pages(String text, int linesPerPage) {
        List<List<String>> pages = new ArrayList<>();
        for (String pageText : text.replace("\r\n", "\n").split("\f", -1)) {
            List<String> lines = new ArrayList<>();
            for (String line : pageText.split("\n", -1)) {
                lines.addAll(wrap(line));
            }
            for (int start = 0; start < lines.size(); start += linesPerPage) {
                pages.add(lines.subList(start, Math.min(lines.size(), start + linesPerPage)));
            }
            if (lines.isEmpty()) {
                pages.add(List.of());
            }
        }
        return pages;
    }

    private static List<String> wrap(String line) {
        List<String> lines = new ArrayList<>();
        String rest = line;
        while (rest.length() > LINE_CHARS) {
            int cut = rest.lastIndexOf(' ', LINE_CHARS);
            cut = cut <= 0 ? LINE_CHARS : cut;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }

    /** Characters Helvetica's WinAnsi encoding lacks become '?', so any test text renders. */
    private static String winAnsi(PDType1Font font, String line) {
        StringBuilder out = new StringBuilder();
        line.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            try {
                font.encode(s);
                out.append(s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
