package fr.vigie.routes.common;

import java.util.Optional;
import java.util.Set;

/**
 * One import feed (SPI): declare one Spring bean per feed and the framework gives it an inbox folder
 * ({@code <inbox>/<feed>/}), an HTTP endpoint ({@code POST /import/<feed>}), batching, idempotent writes by business identifier and
 * reports.
 *
 * <p>A handler only parses: it reads the file, calls a {@code *Mapper} from vigie-mappings for each row (mapping
 * logic does not belong here) and hands the result to the {@link ImportSink}. It must not write to the FHIR server
 * itself, and must settle every row it reads (accept or reject) so the report adds up.
 */
public interface FeedHandler {

    /** Feed name: lower-case letters, digits and dashes; used in folder names, URLs and route ids. */
    String feed();

    /** Formats this feed reads ({@link ImportFormats} names where they fit). */
    /**
     * FHIR resource types this feed writes; {@code "*"} for any. The import endpoint requires the caller's token to
     * allow creating and updating each of them (SMART {@code system/<Type>.cu}).
     */
    default Set<String> resourceTypes() {
        return Set.of("*");
    }

    Set<String> formats();

    /**
     * Whether each inbox file comes with a JSON sidecar holding its metadata ({@code note.pdf.json} or
     * {@code note.json} beside {@code note.pdf}, a flat object of strings): the inbox then leaves {@code *.json} files
     * alone, reads the sidecar into {@link ImportInput#metadata()} and moves it with its file. Default false.
     */
    default boolean inboxSidecars() {
        return false;
    }

    /** Format used when neither the caller, the content type nor the file name chose one. */
    String defaultFormat();

    /**
     * Format selected by a file name, empty when the name does not select one of {@link #formats()}. Default: the
     * extension, through {@link ImportFormats#forExtension} or literally ({@code registry.xlsx} → {@code xlsx}).
     */
    default Optional<String> formatForFileName(String name) {
        return ImportFormats.extension(name)
                .flatMap(ext -> ImportFormats.forExtension(ext).or(() -> Optional.of(ext)))
                .filter(formats()::contains);
    }

    /**
     * Format selected by a significant media type (parameters stripped, lower case), empty when this feed cannot
     * read that type. Default: {@link ImportFormats#forMediaType}.
     */
    default Optional<String> formatForContentType(String mediaType) {
        return ImportFormats.forMediaType(mediaType).filter(formats()::contains);
    }

    /**
     * Reads every row of {@code input} (whose format is resolved and one of {@link #formats()}) into {@code sink}.
     *
     * @throws UnreadableImportException when the file as a whole cannot be read; rows already handed to the sink
     *     stay imported
     */
    void read(ImportInput input, ImportSink sink) throws UnreadableImportException;
}
