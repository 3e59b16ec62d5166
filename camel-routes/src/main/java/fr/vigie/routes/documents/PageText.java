package fr.vigie.routes.documents;

import java.util.Objects;

/**
 * The text of one page, as it sits in the document's extracted text.
 *
 * @param page page number, from 1
 * @param offset where the page's text starts in {@link ExtractedText#text()} (UTF-16 code units, as Java and FHIR
 *     strings count)
 * @param text the page's text
 * @param method how it was obtained
 * @param confidence Tesseract's mean word confidence (0–100, weighted by word length) for OCR pages, {@code null}
 *     for text read from a text layer or a text file
 * @param lowConfidence whether the OCR confidence is under the configured threshold: the page is flagged and facts
 *     read on it are not trusted as final
 */
public record PageText(int page, int offset, String text, Method method, Double confidence, boolean lowConfidence) {

    /** How a page's text was obtained. */
    public enum Method {
        /** Plain text file. */
        TEXT,
        /** The PDF's own text layer. */
        TEXT_LAYER,
        /** Tesseract OCR of the page image. */
        OCR;

        /** Code written in the DocumentReference ({@code text}, {@code text-layer}, {@code ocr}). */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public PageText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(method, "method");
        if (page < 1 || offset < 0) {
            throw new IllegalArgumentException("page from 1 and offset from 0, got " + page + " / " + offset);
        }
    }

    /** Where the page's text ends (exclusive) in the document's text. */
    public int end() {
        return offset + text.length();
    }
}
