package fr.vigie.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

class TextExtractorTest {

    private static final String NOTE =
            "Compte rendu des urgences\nTempérature 38,5 °C, pouls 112 battements par minute.\n"
                    + "Pas de douleur thoracique.";

    private final TextExtractor extractor = new TextExtractor(DocumentProperties.Ocr.defaults());

    @Test
    void readsUtf8PlainTextAsOnePage() {
        ExtractedText text =
                extractor.extract("\uFEFFFièvre à 39\r\nTA 12/8".getBytes(StandardCharsets.UTF_8), DocumentKind.TEXT);

        assertThat(text.text()).isEqualTo("Fièvre à 39\nTA 12/8");
        assertThat(text.pages()).singleElement().satisfies(page -> {
            assertThat(page.method()).isEqualTo(PageText.Method.TEXT);
            assertThat(page.confidence()).isNull();
            assertThat(page.lowConfidence()).isFalse();
        });
    }

    @Test
    void readsWindows1252TextWhenItIsNotUtf8() {
        byte[] latin = "Fièvre à 39 °C".getBytes(java.nio.charset.Charset.forName("windows-1252"));

        assertThat(extractor.extract(latin, DocumentKind.TEXT).text()).isEqualTo("Fièvre à 39 °C");
    }

    @Test
    void readsThePdfTextLayerPageByPageWithoutOcr() {
        byte[] pdf = TestDocuments.pdf(NOTE + "\fPage deux : saturation 97 %.");

        ExtractedText text = extractor.extract(pdf, DocumentKind.PDF);

        assertThat(text.pages()).hasSize(2);
        assertThat(text.pages()).allSatisfy(page -> assertThat(page.method()).isEqualTo(PageText.Method.TEXT_LAYER));
        assertThat(text.pages().get(0).text()).contains("Température 38,5 °C", "Pas de douleur thoracique.");
        assertThat(text.pages().get(1).text()).isEqualTo("Page deux : saturation 97 %.");
        PageText second = text.pages().get(1);
        assertThat(text.text().substring(second.offset(), second.end())).isEqualTo(second.text());
        assertThat(text.methodCode()).isEqualTo("text-layer");
    }

    @Test
    void ocrsAScannedPdfWithPerPageConfidence() {
        ExtractedText text = extractor.extract(TestDocuments.scannedPdf(NOTE), DocumentKind.PDF);

        assertThat(text.pages()).singleElement().satisfies(page -> {
            assertThat(page.method()).isEqualTo(PageText.Method.OCR);
            assertThat(page.confidence()).isBetween(70.0, 100.0);
            assertThat(page.lowConfidence()).isFalse();
        });
        assertThat(text.text()).contains("Compte rendu des urgences", "Température", "38,5", "thoracique");
    }

    @Test
    void usesTheTextLayerWhereThereIsOneAndOcrElsewhere() throws IOException {
        byte[] mixed = merge(TestDocuments.pdf(NOTE), TestDocuments.scannedPdf("Ordonnance\nParacétamol 1 g"));

        ExtractedText text = extractor.extract(mixed, DocumentKind.PDF);

        assertThat(text.pages())
                .extracting(PageText::method)
                .containsExactly(PageText.Method.TEXT_LAYER, PageText.Method.OCR);
        assertThat(text.pages().get(1).text()).contains("Ordonnance", "Paracétamol");
        assertThat(text.methodCode()).isEqualTo("mixed");
    }

    @Test
    void readsAMultiPageScannedPdfInPageOrderWhileRenderingAhead() {
        byte[] scanned = TestDocuments.scannedPdf(
                "Premier feuillet : fièvre\fDeuxième feuillet : toux\fTroisième feuillet : dyspnée");

        ExtractedText text = extractor.extract(scanned, DocumentKind.PDF);

        assertThat(text.pages()).extracting(PageText::page).containsExactly(1, 2, 3);
        assertThat(text.pages()).allSatisfy(page -> assertThat(page.method()).isEqualTo(PageText.Method.OCR));
        assertThat(text.pages().get(0).text()).contains("Premier", "fièvre");
        assertThat(text.pages().get(1).text()).contains("Deuxième", "toux");
        assertThat(text.pages().get(2).text()).contains("Troisième", "dyspnée");
    }

    @Test
    void ocrsPngJpegAndMultiPageTiffScans() {
        assertThat(extractor.extract(TestDocuments.png(NOTE), DocumentKind.PNG).text())
                .contains("Température", "thoracique");
        assertThat(extractor
                        .extract(TestDocuments.jpeg(NOTE), DocumentKind.JPEG)
                        .text())
                .contains("Compte rendu");

        ExtractedText tiff = extractor.extract(TestDocuments.tiff("Première page\fDeuxième page"), DocumentKind.TIFF);

        assertThat(tiff.pages()).extracting(PageText::page).containsExactly(1, 2);
        assertThat(tiff.pages().get(0).text()).contains("Première");
        assertThat(tiff.pages().get(1).text()).contains("Deuxième");
    }

    @Test
    void flagsPagesUnderTheConfidenceThreshold() {
        DocumentProperties.Ocr strict =
                new DocumentProperties.Ocr("tesseract", "fra", 300, 99.9, 20, java.time.Duration.ofMinutes(1), 1);

        ExtractedText text = new TextExtractor(strict).extract(TestDocuments.png(NOTE), DocumentKind.PNG);

        assertThat(text.lowConfidencePages()).singleElement().satisfies(page -> {
            assertThat(page.confidence()).isLessThan(99.9);
            assertThat(page.lowConfidence()).isTrue();
        });
        assertThat(text.touchesLowConfidence(0, 5)).isTrue();
    }

    @Test
    void rejectsAnEmptyScan() {
        assertThatThrownBy(() -> extractor.extract(TestDocuments.blankPng(), DocumentKind.PNG))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageContaining("no text found");
    }

    @Test
    void rejectsACorruptPdf() {
        byte[] pdf = TestDocuments.pdf(NOTE);
        byte[] truncated = Arrays.copyOf(pdf, 40);

        assertThatThrownBy(() -> extractor.extract(truncated, DocumentKind.PDF))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageContaining("PDF is corrupt");
    }

    @Test
    void rejectsACorruptImage() {
        byte[] png = TestDocuments.png(NOTE);
        byte[] truncated = Arrays.copyOf(png, 64);

        assertThatThrownBy(() -> extractor.extract(truncated, DocumentKind.PNG))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageContaining("image cannot be read");
    }

    @Test
    void rejectsAnEmptyTextFile() {
        assertThatThrownBy(() -> extractor.extract(" \n".getBytes(StandardCharsets.UTF_8), DocumentKind.TEXT))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageContaining("empty");
    }

    private static byte[] merge(byte[] first, byte[] second) throws IOException {
        try (PDDocument a = Loader.loadPDF(first);
                PDDocument b = Loader.loadPDF(second)) {
            new PDFMergerUtility().appendDocument(a, b);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            a.save(out);
            return out.toByteArray();
        }
    }
}
