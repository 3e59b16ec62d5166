package fr.vigie.routes.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * OCR with the Tesseract command (Debian {@code tesseract-ocr} 5 and its {@code tesseract-ocr-fra} language data),
 * run as {@code tesseract <image> stdout -l fra [--dpi N] tsv}: one process per image, whose TSV output gives each
 * word with its confidence. A multi-page TIFF gives one {@link OcrPage} per page.
 *
 * <p>The command is called rather than linked (Tess4J) because it is what Debian packages and tests: no native
 * library to match, and a crash in Tesseract cannot take the server down. The text is rebuilt from the TSV words
 * (words joined by a space, lines by a newline, paragraphs by a blank line); a page's confidence is the mean of its
 * words' confidences weighted by their length, so a page of long, well-read words is not dragged down by stray
 * marks.
 */
public class TesseractOcr {

    private static final int TSV_COLUMNS = 12;

    private final String command;
    private final String language;
    private final Duration timeout;

    /**
     * @param command the Tesseract executable ({@code tesseract} on the PATH)
     * @param language Tesseract language(s), {@code fra} or {@code fra+eng}
     * @param timeout longest run allowed for one image
     */
    public TesseractOcr(String command, String language, Duration timeout) {
        this.command = Objects.requireNonNull(command, "command");
        this.language = Objects.requireNonNull(language, "language");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** One page read by Tesseract: its text and mean word confidence (0–100; 0 when it holds no word). */
    public record OcrPage(int page, String text, double confidence, int words) {}

    /**
     * Reads an image file.
     *
     * @param dpi the image's resolution when known (pages Vigie rendered), else 0 to let Tesseract estimate it
     * @throws DocumentRejectedException when Tesseract cannot read the image (corrupt or not an image)
     * @throws IllegalStateException when Tesseract is missing or times out (a server problem, not the document's)
     */
    public List<OcrPage> read(Path image, int dpi) {
        List<String> arguments = new ArrayList<>(List.of(command, image.toString(), "stdout", "-l", language));
        if (dpi > 0) {
            arguments.add("--dpi");
            arguments.add(Integer.toString(dpi));
        }
        arguments.add("tsv");
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("vigie-ocr-", ".tsv");
            err = Files.createTempFile("vigie-ocr-", ".err");
            Process process = new ProcessBuilder(arguments)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Tesseract took longer than " + timeout + " on one image");
            }
            if (process.exitValue() != 0) {
                String message = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new DocumentRejectedException("the image cannot be read (Tesseract: " + lastLine(message)
                        + "): send an uncorrupted PNG, JPEG or TIFF scan");
            }
            return parseTsv(Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run Tesseract ('" + command + "'): install Debian tesseract-ocr and tesseract-ocr-"
                            + language.split("\\+")[0] + ", or set vigie.documents.ocr.command",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Tesseract", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Version line of the Tesseract command ({@code tesseract 5.3.0}), for reports and benchmarks. */
    public String version() {
        try {
            Process process = new ProcessBuilder(command, "--version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return output.lines()
                    .findFirst()
                    .orElse("tesseract (unknown version)")
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Rebuilds pages from Tesseract's TSV (level 5 rows are words, {@code conf} -1 marks non-words). */
    static List<OcrPage> parseTsv(String tsv) {
        TreeMap<Integer, PageBuilder> pages = new TreeMap<>();
        for (String line : tsv.split("\n")) {
            String[] cells = line.split("\t", -1);
            if (cells.length < TSV_COLUMNS || !cells[0].chars().allMatch(Character::isDigit) || cells[0].isEmpty()) {
                continue; // header or truncated line
            }
            int level = Integer.parseInt(cells[0]);
            int page = Integer.parseInt(cells[1]);
            PageBuilder builder = pages.computeIfAbsent(page, PageBuilder::new);
            if (level != 5) {
                continue;
            }
            String word = cells[11].strip();
            double confidence = Double.parseDouble(cells[10]);
            if (word.isEmpty() || confidence < 0) {
                continue;
            }
            builder.add(
                    Integer.parseInt(cells[2]),
                    Integer.parseInt(cells[3]),
                    Integer.parseInt(cells[4]),
                    word,
                    confidence);
        }
        return pages.values().stream().map(PageBuilder::build).toList();
    }

    private static final class PageBuilder {
        private final int page;
        private final StringBuilder text = new StringBuilder();
        private int block = -1;
        private int paragraph = -1;
        private int line = -1;
        private double weightedConfidence;
        private long weight;
        private int words;

        PageBuilder(int page) {
            this.page = page;
        }

        void add(int wordBlock, int wordParagraph, int wordLine, String word, double confidence) {
            if (words > 0) {
                if (wordBlock != block || wordParagraph != paragraph) {
                    text.append("\n\n");
                } else if (wordLine != line) {
                    text.append('\n');
                } else {
                    text.append(' ');
                }
            }
            block = wordBlock;
            paragraph = wordParagraph;
            line = wordLine;
            text.append(word);
            weightedConfidence += confidence * word.length();
            weight += word.length();
            words++;
        }

        OcrPage build() {
            return new OcrPage(page, text.toString(), weight == 0 ? 0 : weightedConfidence / weight, words);
        }
    }

    private static String lastLine(String message) {
        if (message.isBlank()) {
            return "no message";
        }
        String[] lines = message.split("\n");
        return lines[lines.length - 1].strip();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is harmless; the JVM tmpdir is Vigie's own
            }
        }
    }
}
