package fr.vigie.routes.documents.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VitalSignExtractorTest {

    static final ClinicalNlp NLP =
            new ClinicalNlp(ClinicalNlpSettings.defaults().withNer(false));

    private static List<VitalSign> vitals(String text) {
        return NLP.analyze(text).vitalSigns();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "T° 38,5 °C|8310-5|38.5|Cel",
                "T 38°5|8310-5|38.5|Cel",
                "temp 39,2|8310-5|39.2|Cel",
                "Température à 37.1 °C|8310-5|37.1|Cel",
                "fièvre à 39|8310-5|39|Cel",
                "FC 112 bpm|8867-4|112|/min",
                "FC : 130/min|8867-4|130|/min",
                "pouls 88|8867-4|88|/min",
                "44 batt/min|8867-4|44|/min",
                "FR 28 c/min|9279-1|28|/min",
                "fréquence respiratoire 30/min|9279-1|30|/min",
                "SpO2 89 % en air ambiant|2708-6|89|%",
                "SaO2 : 92%|2708-6|92|%",
                "Sat 97% AA|2708-6|97|%",
                "Glycémie capillaire 1,85 g/L|41653-7|1.85|g/L",
                "HGT 180 mg/dL|41653-7|1.8|g/L",
                "dextro 6,2 mmol/L|14743-9|6.2|mmol/L",
                "EVA 7/10|38214-3|7|{score}",
                "EN 4|72514-3|4|{score}",
                "douleur de hanche cotée à 8/10|72514-3|8|{score}",
                "Glasgow 15|9269-2|15|{score}",
                "score de Glasgow à 13/15|9269-2|13|{score}",
                "GCS 9|9269-2|9|{score}"
            })
    void readsEachVariantWithItsLoincCodeAndUcumUnit(String text, String loinc, String value, String ucum) {
        List<VitalSign> found = vitals(text);
        assertThat(found).hasSize(1);
        VitalSign v = found.get(0);
        assertThat(v.code().code()).isEqualTo(loinc);
        assertThat(v.value().value()).isEqualByComparingTo(new BigDecimal(value));
        assertThat(v.value().ucum()).isEqualTo(ucum);
        assertThat(v.span().text())
                .isEqualTo(text.substring(v.span().offset(), v.span().end()));
        assertThat(v.assertion()).isEqualTo(Assertion.PRESENT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "PA 120/80 mmHg|120|80|mmHg",
                "TA 12/8|120|80|",
                "TA 13,5/8|135|80|",
                "TA 9/6 cmHg|90|60|cmHg",
                "tension artérielle 165/95|165|95|",
                "165/95 mmHg|165|95|mmHg"
            })
    void bloodPressureIsAPanelInMmHgAndConvertsTheCmHgConvention(String text, int sys, int dia, String written) {
        VitalSign v = vitals(text).get(0);
        assertThat(v.code().code()).isEqualTo("85354-9");
        assertThat(v.values()).extracting(m -> m.code().code()).containsExactly("8480-6", "8462-4");
        assertThat(v.values()).extracting(Measurement::ucum).containsOnly("mm[Hg]");
        assertThat(v.values().get(0).value()).isEqualByComparingTo(BigDecimal.valueOf(sys));
        assertThat(v.values().get(1).value()).isEqualByComparingTo(BigDecimal.valueOf(dia));
        assertThat(v.writtenUnit()).isEqualTo(written);
    }

    @Test
    void pulseOximetryCarriesTheProfileSecondCode() {
        assertThat(vitals("SpO2 95 %").get(0).additionalCode().code()).isEqualTo("59408-5");
        assertThat(vitals("SaO2 95 %").get(0).additionalCode()).isNull();
    }

    @Test
    void findsEveryMeasureOfALineWithExactSpans() {
        String text = "Examen : T° 38,9 °C, FC 112 bpm, FR 28 c/min, TA 13/8, SpO2 89 %.";
        List<VitalSign> found = vitals(text);
        assertThat(found)
                .extracting(v -> v.span().text())
                .containsExactly("T° 38,9 °C", "FC 112 bpm", "FR 28 c/min", "TA 13/8", "SpO2 89 %");
        assertThat(found).extracting(v -> v.span().offset()).containsExactly(9, 21, 33, 46, 55);
    }

    @Test
    void ignoresImplausibleValuesAndOrdinaryWords() {
        assertThat(vitals("FC 900")).isEmpty();
        assertThat(vitals("T° 12")).isEmpty();
        assertThat(vitals("SpO2 30 %")).isEmpty();
        assertThat(vitals("Glasgow 2")).isEmpty();
        // "en" the preposition is not the pain scale EN
        assertThat(vitals("vu en 2 jours, revu en 5")).isEmpty();
        assertThat(vitals("apyrétique, pas de fièvre")).isEmpty();
    }

    @Test
    void valuesInAHistorySectionAreHistory() {
        VitalSign v = vitals("Antécédents : hospitalisé en 2020 avec TA 18/10.").get(0);
        assertThat(v.assertion()).isEqualTo(Assertion.HISTORY);
    }
}
