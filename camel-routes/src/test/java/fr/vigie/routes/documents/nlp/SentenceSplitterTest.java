package fr.vigie.routes.documents.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static final SentenceSplitter SPLITTER = new SentenceSplitter();

    @Test
    void splitsProseAndLinesWithExactOffsets() {
        String text = "Patient de 72 ans. Il consulte pour dyspnée.\nT° 38,5 °C\r\n\nFC 110 bpm";
        List<Span> spans = SPLITTER.split(text);
        assertThat(spans)
                .extracting(Span::text)
                .containsExactly("Patient de 72 ans.", "Il consulte pour dyspnée.", "T° 38,5 °C", "FC 110 bpm");
        for (Span s : spans) {
            assertThat(text.substring(s.offset(), s.end())).isEqualTo(s.text());
        }
    }

    @Test
    void blankTextHasNoSentence() {
        assertThat(SPLITTER.split(" \n\t\n")).isEmpty();
    }

    @Test
    void joinsLinesWrappedInsideASentenceButNotLists() {
        String text = "Antécédents : fibrillation auriculaire, insuffisance\ncardiaque.\nT° 38\nFC 110";
        assertThat(SPLITTER.split(text))
                .extracting(Span::text)
                .containsExactly("Antécédents : fibrillation auriculaire, insuffisance\ncardiaque.", "T° 38", "FC 110");
    }
}
