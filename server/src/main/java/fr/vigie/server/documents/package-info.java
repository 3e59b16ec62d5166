/**
 * Clinical documents on the FHIR side: the extracted text of DocumentReferences in the full-text index
 * ({@code _content}), and the enrichment of DocumentReferences created through FHIR with an attachment (text
 * extraction and facts, as the {@code documents} feed does for imported files).
 */
package fr.vigie.server.documents;
