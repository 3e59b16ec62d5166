package fr.vigie.routes.documents;

import fr.vigie.routes.documents.nlp.DocumentFacts;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * From a document's bytes to a {@link ProcessedDocument}: size check, type detection from the bytes, text
 * extraction ({@link TextExtractor}) and NLP. Shared by the {@code documents} feed and the enrichment of
 * DocumentReferences created through FHIR. Thread-safe.
 *
 * <p>The NLP engine is obtained at first use, so loading its models does not slow the server's start.
 */
public class DocumentPipeline {

    private final long maxBytes;
    private final TextExtractor extractor;
    private final Supplier<Function<String, DocumentFacts>> nlp;
    private volatile Function<String, DocumentFacts> loaded;

    /**
     * @param maxBytes largest document accepted
     * @param nlp gives the NLP function ({@code ClinicalNlp::analyze}) at first use
     */
    public DocumentPipeline(long maxBytes, TextExtractor extractor, Supplier<Function<String, DocumentFacts>> nlp) {
        this.maxBytes = maxBytes;
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.nlp = Objects.requireNonNull(nlp, "nlp");
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads at most {@link #maxBytes()} bytes of {@code in}.
     *
     * @throws DocumentRejectedException when there are more, or none
     */
    public byte[] read(InputStream in) throws IOException {
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (content.length > maxBytes) {
            throw new DocumentRejectedException("the document is larger than the limit of " + maxBytes
                    + " bytes (vigie.documents.max-size): split it or raise the limit");
        }
        if (content.length == 0) {
            throw new DocumentRejectedException("the document is empty (0 bytes)");
        }
        return content;
    }

    /**
     * Detects, extracts and analyses a document.
     *
     * @param source file or upload name (tie-breaker for text types, and shown in the DocumentReference)
     * @throws UnsupportedDocumentException when the bytes are none of the supported types
     * @throws DocumentRejectedException when the document is too large, unreadable or holds no text
     */
    public ProcessedDocument process(byte[] content, String source) {
        if (content.length > maxBytes) {
            throw new DocumentRejectedException("the document is larger than the limit of " + maxBytes
                    + " bytes (vigie.documents.max-size): split it or raise the limit");
        }
        DocumentKind kind = DocumentKind.detect(content, source)
                .orElseThrow(() -> new UnsupportedDocumentException(DocumentKind.detectedType(content, source)));
        ExtractedText text = extractor.extract(content, kind);
        DocumentFacts facts = nlp().apply(text.text());
        boolean ocred = text.pages().stream().anyMatch(page -> page.method() == PageText.Method.OCR);
        return new ProcessedDocument(
                content, kind, source, text, facts, ocred ? extractor.ocr().version() : null);
    }

    private Function<String, DocumentFacts> nlp() {
        Function<String, DocumentFacts> function = loaded;
        if (function == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = Objects.requireNonNull(nlp.get(), "nlp");
                }
                function = loaded;
            }
        }
        return function;
    }

    /** The bytes are of a type the feed does not read. */
    public static class UnsupportedDocumentException extends DocumentRejectedException {

        private static final long serialVersionUID = 1L;

        public UnsupportedDocumentException(String detectedType) {
            super("unsupported document type " + detectedType
                    + ": send a PDF, a PNG, JPEG or TIFF scan, or UTF-8 plain text");
        }
    }
}
