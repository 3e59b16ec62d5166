package fr.vigie.routes.documents.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemographicsExtractorTest {

    private static Demographics demographics(String text) {
        return VitalSignExtractorTest.NLP.analyze(text).demographics();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Patiente de 78 ans, fièvre depuis 3 jours.|78|a|78 ans",
                "M. Dupont, 72 ans, douleur depuis 10 ans.|72|a|72 ans",
                "Nourrisson de 3 mois.|3|mo|3 mois",
                "Âge : 45|45|a|Âge : 45",
                "Douleur depuis 2 jours chez un homme de 56 ans.|56|a|56 ans"
            })
    void readsTheAgeNotADuration(String text, int value, String unit, String span) {
        Demographics.Age age = demographics(text).age();
        assertThat(age.value()).isEqualTo(value);
        assertThat(age.ucum()).isEqualTo(unit);
        assertThat(age.span().text()).isEqualTo(span);
    }

    @Test
    void durationsAloneAreNoAge() {
        assertThat(demographics("Fièvre depuis 3 jours, toux il y a 2 ans.").age())
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Patiente de 78 ans.|female",
                "Mme B., 45 ans.|female",
                "Homme de 56 ans.|male",
                "Monsieur L.|male",
                "Sexe : F|female",
                "Enfant de 4 ans amené par ses parents.|male",
                "Adressée par son médecin.|female"
            })
    void readsTheSex(String text, String code) {
        assertThat(demographics(text).sex().code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Amené par le SMUR.|smur",
                "Amenée par les pompiers (VSAV).|public-ambulance",
                "Transport par VSAV puis prise en charge SMUR.|smur",
                "Arrivée en ambulance privée.|private-ambulance",
                "Venu par ses propres moyens.|private-vehicle",
                "Arrivé par moyens personnels.|private-vehicle",
                "Transfert par hélicoptère.|helicopter",
                "Amené par la police.|police",
                "Arrivé à pied.|walk-in"
            })
    void codesTheArrivalModeInTheTriageValueSet(String text, String code) {
        Demographics.ArrivalMode mode = demographics(text).arrivalMode();
        assertThat(mode.code()).isEqualTo(code).isIn(Demographics.ArrivalMode.CODES);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Motif : céphalées brutales.|céphalées brutales",
                "Motif de consultation : douleur thoracique depuis 2 heures.|douleur thoracique depuis 2 heures",
                "Patiente adressée par son médecin traitant pour chute à domicile.|chute à domicile",
                "Consulte pour douleurs abdominales et vomissements.|douleurs abdominales et vomissements"
            })
    void readsTheChiefComplaint(String text, String complaint) {
        Demographics.ChiefComplaint c = demographics(text).chiefComplaint();
        assertThat(c.text()).isEqualTo(complaint);
        assertThat(text.substring(c.span().offset(), c.span().end())).isEqualTo(complaint);
    }

    @Test
    void nothingStatedGivesNothing() {
        assertThat(demographics("Examen sans particularité.")).isEqualTo(Demographics.NONE);
    }
}
