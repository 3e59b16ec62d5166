package fr.vigie.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.RecordingSink;
import fr.vigie.routes.common.UnreadableImportException;
import fr.vigie.routes.common.UnsupportedImportFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;

class DocumentsFeedHandlerTest {

    private static final Map<String, String> METADATA = Map.of(
            "patient", "urn:oid:1.2.250.1.213.1.4.8|2720175123456",
            "encounter", "https://hopital.example.fr/sejour|S-1",
            "type", "34111-5",
            "date", "2026-11-27");

    private static DocumentsFeedHandler handler(long maxBytes, double minConfidence) {
        DocumentProperties.Ocr ocr =
                new DocumentProperties.Ocr("tesseract", "fra", 300, minConfidence, 20, Duration.ofMinutes(1), 1);
        return new DocumentsFeedHandler(
                new DocumentPipeline(maxBytes, new TextExtractor(ocr), () -> SampleFacts::analyze),
                new DocumentFhirMapper());
    }

    private final DocumentsFeedHandler handler = handler(1_000_000, 70);

    private static ImportInput input(String name, byte[] content, Map<String, String> metadata) {
        return ImportInput.ofBytes(DocumentsFeedHandler.FEED, "auto", name, null, content)
                .withMetadata(metadata);
    }

    @Test
    void importsATextDocumentAsOneRowOfResources() {
        RecordingSink sink = new RecordingSink();

        handler.read(input("note.txt", SampleFacts.NOTE.getBytes(StandardCharsets.UTF_8), METADATA), sink);

        assertThat(sink.accepted).hasSize(1);
        assertThat(sink.accepted.values().iterator().next())
                .extracting(r -> r.fhirType())
                .startsWith("Binary", "DocumentReference")
                .contains("Observation", "Condition", "MedicationStatement");
        assertThat(sink.warnings).isEmpty();
    }

    @Test
    void importsAScannedPdfThroughOcrAndWarnsAboutLowConfidencePages() {
        RecordingSink sink = new RecordingSink();

        handler(5_000_000, 99.9).read(input("scan.pdf", TestDocuments.scannedPdf(SampleFacts.NOTE), METADATA), sink);

        DocumentReference document =
                (DocumentReference) sink.accepted.values().iterator().next().get(1);
        assertThat(document.getContent().get(1).getAttachment().getTitle()).contains("ocr", "confiance OCR faible");
        assertThat(sink.warnings.values()).singleElement().asString().contains("page 1: OCR confidence");
    }

    @Test
    void rejectsMissingMetadataNamingTheFields() {
        assertThatThrownBy(() -> handler.read(
                        input("note.txt", "TA 12/8".getBytes(StandardCharsets.UTF_8), Map.of("type", "34111-5")),
                        new RecordingSink()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("missing metadata: patient")
                .hasMessageContaining("date");
    }

    @Test
    void rejectsADocumentOverTheSizeLimit() {
        byte[] big = new byte[2_000];
        Arrays.fill(big, (byte) 'a');

        assertThatThrownBy(() -> handler(1_000, 70).read(input("big.txt", big, METADATA), new RecordingSink()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("larger than the limit of 1000 bytes");
    }

    @Test
    void rejectsAnUnsupportedType() {
        byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> handler.read(input("note.docx", zip, METADATA), new RecordingSink()))
                .isInstanceOf(UnsupportedImportFormatException.class)
                .hasMessageContaining("unsupported document type");
    }

    @Test
    void rejectsACorruptPdfAndAnEmptyScan() {
        byte[] corrupt = Arrays.copyOf(TestDocuments.pdf(SampleFacts.NOTE), 200);

        assertThatThrownBy(() -> handler.read(input("note.pdf", corrupt, METADATA), new RecordingSink()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("PDF is corrupt");
        assertThatThrownBy(
                        () -> handler.read(input("scan.png", TestDocuments.blankPng(), METADATA), new RecordingSink()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("no text found");
    }

    @Test
    void readsTheTypeFromTheBytesWhateverTheName() {
        RecordingSink sink = new RecordingSink();
        ImportInput named = ImportInput.ofBytes(
                        DocumentsFeedHandler.FEED,
                        "pdf",
                        "note.pdf",
                        null,
                        SampleFacts.NOTE.getBytes(StandardCharsets.UTF_8))
                .withMetadata(METADATA);

        handler.read(named, sink);

        assertThat(sink.warnings.values()).singleElement().asString().contains("the bytes are txt");
        assertThat(handler.formatForFileName("scan.JPG")).contains("jpeg");
        assertThat(handler.formatForFileName("scan.tif")).contains("tiff");
    }
}
