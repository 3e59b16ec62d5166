package fr.vigie.routes.documents.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicalNlpTest {

    @Test
    void everySpanQuotesTheTextItPointsTo() {
        String text = "Patiente de 78 ans amenée par le SMUR.\r\nT° 38°5, TA 12/8. Pas de fièvre ?\n"
                + "Doliprane 1 g : 1 cp x 3/j pendant 5 j";
        DocumentFacts f = VitalSignExtractorTest.NLP.analyze(text);
        f.vitalSigns().forEach(v -> assertQuotes(text, v.span()));
        f.diagnoses().forEach(d -> assertQuotes(text, d.span()));
        f.prescriptions().forEach(p -> assertQuotes(text, p.span()));
        assertQuotes(text, f.demographics().age().span());
        assertThat(f.vitalSigns()).hasSize(2);
        assertThat(f.prescriptions()).hasSize(1);
        assertThat(f.provenance().sentenceModel()).contains("opennlp-models-sentdetect-fr 1.3.0");
        assertThat(f.provenance().nerModel()).isEqualTo("none");
    }

    private static void assertQuotes(String text, Span s) {
        assertThat(text.substring(s.offset(), s.end())).isEqualTo(s.text());
    }

    @Test
    void emptyTextHasNoFacts() {
        DocumentFacts f = VitalSignExtractorTest.NLP.analyze("");
        assertThat(f.sentences()).isEmpty();
        assertThat(f.vitalSigns()).isEmpty();
        assertThat(f.demographics()).isEqualTo(Demographics.NONE);
    }

    @Test
    void evaluationCorpusScoresTextInputAgainstItsGold() throws IOException {
        // shape of the evaluation command; its figures are reported by the command, not asserted here
        Path corpus = Path.of("src/test/resources/nlp/eval-corpus");
        ClinicalNlpEvaluation.Table table =
                ClinicalNlpEvaluation.evaluate(VitalSignExtractorTest.NLP, corpus, ClinicalNlpEvaluation.read(corpus));
        assertThat(table.counts().keySet()).containsExactlyElementsOf(ClinicalNlpEvaluation.TYPES);
        assertThat(table.overall().gold()).isEqualTo(goldLines(corpus));
        assertThat(table.render("t")).contains("| vital |", "| all |");
    }

    private static int goldLines(Path corpus) throws IOException {
        int n = 0;
        for (String name : ClinicalNlpEvaluation.read(corpus).keySet()) {
            List<String> gold = ClinicalNlpEvaluation.gold(corpus.resolve(name + ".gold.tsv"));
            n += gold.size();
        }
        return n;
    }
}
