package fr.vigie.routes.documents.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssertionDetectorTest {

    private static List<Diagnosis> diagnoses(String text) {
        return VitalSignExtractorTest.NLP.analyze(text).diagnoses();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Fièvre depuis hier.|R50.9|PRESENT",
                "Pas de fièvre.|R50.9|NEGATED",
                "Patient apyrétique.|R50.9|NEGATED",
                "Apyrexie.|R50.9|NEGATED",
                "Absence de douleur thoracique.|R07.4|NEGATED",
                "Pas d'embolie pulmonaire.|I26.9|NEGATED",
                "Ni toux ni fièvre.|R05|NEGATED",
                "Embolie pulmonaire éliminée.|I26.9|NEGATED",
                "Suspicion de pneumopathie.|J18.9|HYPOTHETICAL",
                "Bronchiolite ?|J21.9|HYPOTHETICAL",
                "Appendicite probable.|K35.8|HYPOTHETICAL",
                "Embolie pulmonaire à éliminer.|I26.9|HYPOTHETICAL",
                "Hypothèse d'un AVC hémorragique.|I61.9|HYPOTHETICAL",
                "Antécédents : HTA.|I10|HISTORY",
                "ATCD : BPCO, tabagisme.|J44.9|HISTORY",
                "Aux antécédents de diabète de type 2.|E11|HISTORY",
                "Antécédents familiaux : asthme.|J45.9|FAMILY_HISTORY",
                "Mère diabétique.|E14|FAMILY_HISTORY",
                "Amené par ses parents pour fièvre.|R50.9|PRESENT"
            })
    void classifiesTheContextOfAMention(String text, String code, Assertion expected) {
        assertThat(diagnoses(text))
                .filteredOn(d -> d.code().equals(code))
                .extracting(Diagnosis::assertion)
                .containsExactly(expected);
    }

    @Test
    void negationScopeEndsAtMaisAndAtTheSentence() {
        List<Diagnosis> found = diagnoses("Pas de fièvre mais toux grasse. Dyspnée.");
        assertThat(found).extracting(Diagnosis::code).containsExactly("R50.9", "R05", "R06.0");
        assertThat(found)
                .extracting(Diagnosis::assertion)
                .containsExactly(Assertion.NEGATED, Assertion.PRESENT, Assertion.PRESENT);
    }

    @Test
    void historySectionLastsUntilTheNextHeading() {
        List<Diagnosis> found = diagnoses("Antécédents :\nHTA\nFA\nExamen clinique :\nDyspnée");
        assertThat(found)
                .extracting(Diagnosis::assertion)
                .containsExactly(Assertion.HISTORY, Assertion.HISTORY, Assertion.PRESENT);
    }
}
