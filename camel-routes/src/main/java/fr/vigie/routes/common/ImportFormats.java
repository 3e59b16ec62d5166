package fr.vigie.routes.common;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Format names shared by feeds, and the media types and file extensions that select them.
 *
 * <p>Generic media types ({@code application/octet-stream}, {@code application/x-www-form-urlencoded} as sent by
 * {@code curl --data-binary}, {@code text/plain}) say nothing about the format and are ignored, so the file name or
 * the feed's default decides.
 */
public final class ImportFormats {

    public static final String NDJSON = "ndjson";
    public static final String BUNDLE = "bundle";
    public static final String CSV = "csv";
    public static final String XLSX = "xlsx";

    private static final Set<String> GENERIC_MEDIA_TYPES = Set.of(
            "application/octet-stream",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
            "*/*");

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "application/fhir+ndjson", NDJSON,
            "application/ndjson", NDJSON,
            "application/x-ndjson", NDJSON,
            "application/fhir+json", BUNDLE,
            "application/json", BUNDLE,
            "text/csv", CSV,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XLSX);

    private static final Map<String, String> EXTENSIONS =
            Map.of("ndjson", NDJSON, "jsonl", NDJSON, "json", BUNDLE, "csv", CSV, "xlsx", XLSX);

    private ImportFormats() {}

    /** The media type without parameters, lower case; empty when absent or generic. */
    public static Optional<String> significantMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.empty();
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return GENERIC_MEDIA_TYPES.contains(mediaType) ? Optional.empty() : Optional.of(mediaType);
    }

    /** The format usually carried by a media type ({@code text/csv} → {@code csv}). */
    public static Optional<String> forMediaType(String mediaType) {
        return significantMediaType(mediaType).map(MEDIA_TYPES::get);
    }

    /** The last part of a path or upload name ({@code /tmp/x/Stations.CSV} → {@code stations.csv}), lower case. */
    public static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1).toLowerCase(Locale.ROOT);
    }

    /** The file's extension, lower case, without the dot; empty when the name has none. */
    public static Optional<String> extension(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName(fileName);
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1
                ? Optional.empty()
                : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The format usually carried by a file extension ({@code .jsonl} → {@code ndjson}, {@code .json} → bundle). */
    public static Optional<String> forExtension(String extension) {
        return Optional.ofNullable(EXTENSIONS.get(extension.toLowerCase(Locale.ROOT)));
    }
}
