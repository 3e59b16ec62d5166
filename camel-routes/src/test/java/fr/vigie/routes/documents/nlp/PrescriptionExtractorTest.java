package fr.vigie.routes.documents.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrescriptionExtractorTest {

    private static List<Prescription> prescriptions(String text) {
        return VitalSignExtractorTest.NLP.analyze(text).prescriptions();
    }

    @Test
    void brandStrengthAndFormGiveOneCisCode() {
        Prescription p = prescriptions("DOLIPRANE 1000 mg comprimé : 1 comprimé 3 fois par jour pendant 5 jours")
                .get(0);
        assertThat(p.cisCode()).isEqualTo("60234100");
        assertThat(p.drugName()).isEqualTo("DOLIPRANE 1000 mg, comprimé");
        assertThat(p.drugSpan().text()).isEqualTo("DOLIPRANE");
        assertThat(p.dose().value()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(p.dose().unit()).isEqualTo("{comprimé}");
        assertThat(p.route().snomed()).isEqualTo("26643006");
        assertThat(p.frequency().count()).isEqualTo(3);
        assertThat(p.frequency().period()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(p.frequency().periodUnit()).isEqualTo("d");
        assertThat(p.frequency().asNeeded()).isFalse();
        assertThat(p.duration().value()).isEqualByComparingTo(BigDecimal.valueOf(5));
        assertThat(p.duration().unit()).isEqualTo("d");
        assertThat(p.assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void readsRoutesFrequenciesAndDurationsAsWritten() {
        Prescription lovenox = prescriptions("Lovenox 4000 UI : 1 injection SC par jour pendant 10 jours")
                .get(0);
        assertThat(lovenox.cisCode()).isEqualTo("60782303");
        assertThat(lovenox.dose().unit()).isEqualTo("{injection}");
        assertThat(lovenox.route().snomed()).isEqualTo("34206005");
        assertThat(lovenox.route().span().text()).isEqualTo("SC");
        assertThat(lovenox.frequency().count()).isEqualTo(1);

        Prescription ventoline = prescriptions("Ventoline : 2 bouffées toutes les 4 heures si besoin")
                .get(0);
        assertThat(ventoline.route().snomed()).isEqualTo("447694001");
        assertThat(ventoline.frequency().period()).isEqualByComparingTo(BigDecimal.valueOf(4));
        assertThat(ventoline.frequency().periodUnit()).isEqualTo("h");
        assertThat(ventoline.frequency().asNeeded()).isTrue();

        Prescription augmentin = prescriptions("Augmentin 1 g/125 mg, 1 sachet matin et soir pendant une semaine")
                .get(0);
        assertThat(augmentin.cisCode()).isEqualTo("66053338");
        assertThat(augmentin.frequency().count()).isEqualTo(2);
        assertThat(augmentin.duration().unit()).isEqualTo("wk");
    }

    @Test
    void aSubstanceWithManyGenericsHasNoCisCode() {
        Prescription p = prescriptions("Paracétamol 1 g x 3/j si fièvre").get(0);
        assertThat(p.cisCode()).isNull();
        assertThat(p.drugName()).isEqualTo("PARACÉTAMOL");
        assertThat(p.dose().unit()).isEqualTo("g");
        assertThat(p.frequency().count()).isEqualTo(3);
        assertThat(p.frequency().asNeeded()).isTrue();
    }

    @Test
    void habitualTreatmentIsHistoryAndAStopOrderIsNegated() {
        List<Prescription> found =
                prescriptions("Traitement habituel : Kardegic 75 mg 1 sachet par jour.\nArrêt du Kardegic.");
        assertThat(found).extracting(Prescription::assertion).containsExactly(Assertion.HISTORY, Assertion.NEGATED);
        assertThat(found.get(1).route()).isNull();
    }

    @Test
    void twoDrugsOnALineAreTwoPrescriptions() {
        assertThat(prescriptions("Spasfon 2 cp et Doliprane 1 g si douleur"))
                .extracting(p -> p.drugSpan().text())
                .containsExactly("Spasfon", "Doliprane");
    }

    @Test
    void fullBdpmRecognisesAnyMarketedDrug() {
        Optional<Path> spe = SharedData.find("bdpm/bdpm_specialites_2024.csv");
        Optional<Path> compo = SharedData.find("bdpm/bdpm_compositions_2017.csv");
        assumeTrue(spe.isPresent() && compo.isPresent(), "shared/data/bdpm not beside the repository");
        ClinicalNlp nlp = new ClinicalNlp(new ClinicalNlpSettings(null, spe.get(), compo.get(), null, false));
        Prescription p = nlp.analyze("ACEBUTOLOL VIATRIS 400 mg : 1 cp le matin")
                .prescriptions()
                .get(0);
        assertThat(p.cisCode()).isEqualTo("62500717");
        assertThat(p.frequency().count()).isEqualTo(1);
    }

    @Test
    void toleratesTheOcrReadingOfOneAsI() {
        Prescription p =
                prescriptions("Lovenox 4000 UI : I injection SC par jour").get(0);
        assertThat(p.dose().value()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(p.dose().unit()).isEqualTo("{injection}");
    }

    @Test
    void theFirstScheduleOfALineWinsOverAMaximum() {
        Prescription p = prescriptions(
                        "Paracétamol 500 mg : 2 gélules toutes les 6 heures si fièvre, maximum 4 fois par jour")
                .get(0);
        assertThat(p.frequency().count()).isEqualTo(1);
        assertThat(p.frequency().period()).isEqualByComparingTo(BigDecimal.valueOf(6));
        assertThat(p.frequency().periodUnit()).isEqualTo("h");
        assertThat(prescriptions("Ventoline : 6 bouffées toutes les 20 minutes")
                        .get(0)
                        .frequency()
                        .periodUnit())
                .isEqualTo("min");
    }
}
