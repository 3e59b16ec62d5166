package fr.vigie.routes.documents;

import fr.vigie.routes.documents.nlp.DocumentFacts;
import java.util.Objects;

/**
 * A document after extraction and NLP, ready to be mapped to FHIR.
 *
 * @param content the original bytes
 * @param kind what they are
 * @param source the file or upload name
 * @param text the extracted text, page by page
 * @param facts what the NLP found in {@code text.text()}
 * @param ocrEngine version of the OCR engine when a page was OCRed ({@code tesseract 5.3.0}), else {@code null}
 */
public record ProcessedDocument(
        byte[] content, DocumentKind kind, String source, ExtractedText text, DocumentFacts facts, String ocrEngine) {

    public ProcessedDocument {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(facts, "facts");
        if (!facts.text().equals(text.text())) {
            throw new IllegalArgumentException("the facts were not read from this document's text");
        }
    }
}
