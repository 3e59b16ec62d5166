package fr.vigie.routes.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.tika.Tika;

/**
 * The kinds of document the feed reads, told apart by their bytes (Apache Tika's magic-number detection), never by
 * the name or the media type a sender claims: a {@code .pdf} holding HTML is refused as unsupported.
 */
public enum DocumentKind {
    PDF("application/pdf", "pdf"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpeg"),
    TIFF("image/tiff", "tiff"),
    TEXT("text/plain", "txt");

    private static final Tika TIKA = new Tika();

    private final String mediaType;
    private final String format;

    DocumentKind(String mediaType, String format) {
        this.mediaType = mediaType;
        this.format = format;
    }

    /** The media type stored on the {@code Binary} and the attachment. */
    public String mediaType() {
        return mediaType;
    }

    /** The import format name ({@code POST /import/documents?format=}). */
    public String format() {
        return format;
    }

    /** Whether pages of this kind need OCR (images); PDFs decide page by page. */
    public boolean isImage() {
        return this == PNG || this == JPEG || this == TIFF;
    }

    /**
     * The kind of {@code content}, from its bytes; the file name only breaks ties between text types.
     *
     * @return empty when the content is none of the supported kinds (its detected media type is in
     *     {@link #detectedType})
     */
    public static Optional<DocumentKind> detect(byte[] content, String fileName) {
        String type = detectedType(content, fileName);
        if (type.startsWith("text/")) {
            // Tika calls text with a .csv or .md name text/csv, text/x-web-markdown...; only real plain text is read.
            return type.equals("text/plain") ? Optional.of(TEXT) : Optional.empty();
        }
        return Arrays.stream(values())
                .filter(kind -> kind.mediaType.equals(type))
                .findFirst();
    }

    /** The media type Tika reads in the bytes ({@code application/octet-stream} when unknown). */
    public static String detectedType(byte[] content, String fileName) {
        try {
            return TIKA.detect(new ByteArrayInputStream(content), fileName).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bytes in memory", e);
        }
    }

    /** The kind named by an import format ({@code pdf}, {@code png}, {@code jpg}...), if any. */
    public static Optional<DocumentKind> forFormat(String format) {
        if (format == null) {
            return Optional.empty();
        }
        String name = format.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "jpg" -> Optional.of(JPEG);
            case "tif" -> Optional.of(TIFF);
            case "text" -> Optional.of(TEXT);
            default ->
                Arrays.stream(values()).filter(kind -> kind.format.equals(name)).findFirst();
        };
    }
}
