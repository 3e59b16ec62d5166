package fr.vigie.routes.documents.nlp;

import java.util.Objects;

/**
 * Where a fact was found: {@code offset} and {@code length} in UTF-16 code units of the text given to {@link
 * ClinicalNlp#analyze(String)}, and the quoted text itself ({@code text.substring(offset, offset + length)}), so a
 * user can check every fact against its source.
 */
public record Span(int offset, int length, String text) {

    public Span {
        Objects.requireNonNull(text, "text");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0, got " + offset + ", " + length);
        }
        if (text.length() != length) {
            throw new IllegalArgumentException("quoted text has " + text.length() + " chars, length says " + length);
        }
    }

    /** The span {@code [begin, end)} of {@code source}. */
    public static Span of(String source, int begin, int end) {
        return new Span(begin, end - begin, source.substring(begin, end));
    }

    /** Offset just past the span. */
    public int end() {
        return offset + length;
    }

    /** True when the two spans share at least one character. */
    public boolean overlaps(Span other) {
        return offset < other.end() && other.offset < end();
    }
}
