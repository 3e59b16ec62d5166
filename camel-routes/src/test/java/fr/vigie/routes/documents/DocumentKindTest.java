package fr.vigie.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentKindTest {

    @Test
    void detectsEachKindFromItsBytesWhateverItsName() {
        assertThat(DocumentKind.detect(TestDocuments.pdf("x"), "scan.png")).contains(DocumentKind.PDF);
        assertThat(DocumentKind.detect(TestDocuments.png("x"), "doc.pdf")).contains(DocumentKind.PNG);
        assertThat(DocumentKind.detect(TestDocuments.jpeg("x"), "doc")).contains(DocumentKind.JPEG);
        assertThat(DocumentKind.detect(TestDocuments.tiff("x"), "doc")).contains(DocumentKind.TIFF);
        assertThat(DocumentKind.detect("Fièvre à 39 °C".getBytes(StandardCharsets.UTF_8), "note.txt"))
                .contains(DocumentKind.TEXT);
    }

    @Test
    void refusesOtherTypes() {
        byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0};
        byte[] html = "<html><body>x</body></html>".getBytes(StandardCharsets.UTF_8);

        assertThat(DocumentKind.detect(zip, "doc.pdf")).isEmpty();
        assertThat(DocumentKind.detect(html, "doc.pdf")).isEmpty();
    }

    @Test
    void readsFormatNamesAndTheirAliases() {
        assertThat(DocumentKind.forFormat("jpg")).contains(DocumentKind.JPEG);
        assertThat(DocumentKind.forFormat("TIF")).contains(DocumentKind.TIFF);
        assertThat(DocumentKind.forFormat("docx")).isEmpty();
    }
}
