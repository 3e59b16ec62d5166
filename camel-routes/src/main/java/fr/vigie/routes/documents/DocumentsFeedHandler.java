package fr.vigie.routes.documents;

import fr.vigie.routes.common.FeedHandler;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import fr.vigie.routes.common.UnsupportedImportFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * Feed {@code documents}: one clinical document per import (a PDF, a PNG / JPEG / TIFF scan or a plain-text file)
 * with its {@link DocumentMetadata metadata}, from the inbox ({@code <inbox>/documents/note.pdf} with its JSON
 * sidecar {@code note.pdf.json}) or from {@code POST /import/documents} (multipart: part {@code file}, and the
 * metadata as form fields or a JSON part {@code metadata}).
 *
 * <p>The document is one row of the report; its resources ({@link DocumentFhirMapper}) are written in one
 * transaction. The type is read from the bytes, whatever the format or name says (format {@code auto}, the default,
 * leaves it to the bytes). A bad document fails the import with the reason (HTTP 400, or 415 for an unsupported
 * type; in the inbox, {@code failed/} with {@code .error.txt}): too large, missing or malformed metadata, corrupt PDF,
 * unreadable image, empty scan. Pages under the OCR confidence threshold are reported as warnings.
 */
public class DocumentsFeedHandler implements FeedHandler {

    public static final String FEED = "documents";
    public static final String AUTO = "auto";

    private final DocumentPipeline pipeline;
    private final DocumentFhirMapper mapper;

    public DocumentsFeedHandler(DocumentPipeline pipeline, DocumentFhirMapper mapper) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("Binary", "DocumentReference", "Observation", "Condition", "MedicationStatement");
    }

    @Override
    public Set<String> formats() {
        return Set.of(AUTO, "pdf", "png", "jpeg", "tiff", "txt");
    }

    @Override
    public String defaultFormat() {
        return AUTO;
    }

    @Override
    public boolean inboxSidecars() {
        return true;
    }

    @Override
    public Optional<String> formatForFileName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0
                ? Optional.empty()
                : DocumentKind.forFormat(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                        .map(DocumentKind::format);
    }

    @Override
    public Optional<String> formatForContentType(String mediaType) {
        return java.util.Arrays.stream(DocumentKind.values())
                .filter(kind -> kind.mediaType().equals(mediaType))
                .map(DocumentKind::format)
                .findFirst();
    }

    @Override
    public void read(ImportInput input, ImportSink sink) {
        RowRef row = RowRef.of("document " + input.source());
        ProcessedDocument document;
        DocumentMetadata metadata;
        try {
            metadata = DocumentMetadata.from(input.metadata());
            byte[] content;
            try (InputStream in = input.open()) {
                content = pipeline.read(in);
            }
            document = pipeline.process(content, input.source());
        } catch (DocumentPipeline.UnsupportedDocumentException e) {
            throw new UnsupportedImportFormatException(e.getMessage());
        } catch (DocumentRejectedException e) {
            throw new UnreadableImportException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UnreadableImportException("cannot read the document: " + e.getMessage(), e);
        }
        if (!AUTO.equals(input.format())
                && input.format() != null
                && !input.format().equals(document.kind().format())) {
            sink.warn(
                    row,
                    "sent as " + input.format() + " but the bytes are "
                            + document.kind().format() + ": read as "
                            + document.kind().format());
        }
        for (PageText page : document.text().lowConfidencePages()) {
            sink.warn(
                    row,
                    "page " + page.page() + ": OCR confidence " + page.confidence() + " is under the threshold"
                            + ": text flagged in the DocumentReference, facts read on it are preliminary; check the original");
        }
        java.util.List<Resource> resources = mapper.map(metadata, document);
        sink.accept(row, resources);
    }
}
