package fr.vigie.mappings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {

    private final Labels labels = RegistrySpec.load("smur-registre").labels();

    @Test
    void ignoresCaseAccentsPunctuationAndAbbreviations() {
        assertThat(labels.normalise("Prim. Héli62")).isEqualTo("primaire heli62");
        assertThat(labels.normalise("PRIM HELI 62")).isEqualTo("primaire heli62");
        assertThat(labels.normalise("primaires  héli62")).isEqualTo("primaire heli62");
        assertThat(labels.normalise("Sec.Héli80")).isEqualTo("secondaire heli80");
        assertThat(labels.normalise("Pediatrie/SMUR PED.")).isEqualTo("pediatrique smur pediatrique");
        assertThat(labels.normalise("Pédiatrie SMUR Péd.")).isEqualTo("pediatrique smur pediatrique");
        assertThat(labels.normalise("Néonat.(incubateur)")).isEqualTo("neonatal incubateur");
        assertThat(labels.normalise("Néonatologie (incubateur)")).isEqualTo("neonatal incubateur");
        assertThat(labels.normalise("% ped+neo/tot")).isEqualTo("pourcent pediatrique plus neonatal total");
        assertThat(labels.normalise("N° mission")).isEqualTo("n mission");
        assertThat(labels.normalise("Temps de vol (min)")).isEqualTo("temps de vol min");
        assertThat(labels.normalise("Brûlés")).isEqualTo("brules");
    }

    @Test
    void keepsTheWordsAsWrittenForAircraftNames() {
        assertThat(Labels.words("TOTAL Héli 62")).containsExactly("TOTAL", "Héli62");
        assertThat(Labels.words("Prim.Héli62")).containsExactly("Prim", "Héli62");
        assertThat(Labels.words("% ped+neo")).containsExactly("%", "ped", "+", "neo");
    }
}
