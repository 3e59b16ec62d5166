package fr.vigie.routes.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A file to import, as a feed handler sees it. Content can be {@link #open() opened} several times (a handler may
 * sniff the content first, POI needs its own pass), so uploads are spooled to disk before they get here.
 *
 * @param feed feed name
 * @param format format to read it as; {@code null} only on a request the service has not resolved yet
 * @param source file name or upload name, as shown in the report (never a path on the server)
 * @param contentType media type given by the caller, or {@code null}
 * @param size size in bytes, or -1 when unknown
 * @param content opens the bytes
 * @param metadata what the sender said about the file besides its bytes (the {@code documents} feed's patient,
 *     type, date...: multipart form fields or an inbox JSON sidecar); empty for most feeds, never null
 */
public record ImportInput(
        String feed,
        String format,
        String source,
        String contentType,
        long size,
        Content content,
        Map<String, String> metadata) {

    /** Opens a fresh stream over the file's bytes. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public ImportInput {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** An input without metadata. */
    public ImportInput(String feed, String format, String source, String contentType, long size, Content content) {
        this(feed, format, source, contentType, size, content, Map.of());
    }

    /** A file on disk; the format is resolved from its name unless given. */
    public static ImportInput ofFile(String feed, String format, Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file, e);
        }
        return new ImportInput(
                feed, format, file.getFileName().toString(), null, size, () -> Files.newInputStream(file));
    }

    /** Bytes in memory (tests, small uploads). */
    public static ImportInput ofBytes(String feed, String format, String source, String contentType, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new ImportInput(feed, format, source, contentType, copy.length, () -> new ByteArrayInputStream(copy));
    }

    /** A fresh stream over the content; the caller closes it. */
    public InputStream open() throws IOException {
        return content.open();
    }

    public ImportInput withFormat(String resolvedFormat) {
        return new ImportInput(feed, resolvedFormat, source, contentType, size, content, metadata);
    }

    /** The same input with {@code values} as its metadata. */
    public ImportInput withMetadata(Map<String, String> values) {
        return new ImportInput(feed, format, source, contentType, size, content, values);
    }
}
