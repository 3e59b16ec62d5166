/**
 * The {@code documents} feed: clinical documents (PDF with a text layer or scanned, PNG / JPEG / TIFF scans, plain
 * text) with their metadata, turned into a FHIR {@code DocumentReference} (original as a {@code Binary}, extracted text
 * as a second attachment) and the facts the French clinical NLP ({@code documents.nlp}) finds in the text, each
 * {@code derivedFrom} the document and carrying the span it was read from.
 *
 * <p>Text extraction reads a PDF's text layer page by page and sends pages without one to Tesseract (Debian
 * {@code tesseract-ocr} + {@code tesseract-ocr-fra}), keeping each OCR page's confidence; pages under the configured
 * confidence are flagged in the DocumentReference, the import report and the facts (status {@code preliminary}).
 */
package fr.vigie.routes.documents;
