package fr.vigie.routes.documents.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cim10DictionaryTest {

    private static final Cim10Dictionary BUILT_IN = new Cim10Dictionary(null);

    private static List<String> codes(Cim10Dictionary dictionary, String text) {
        return dictionary.find(FrenchTokenizer.tokenize(text)).stream()
                .map(m -> m.value().code())
                .toList();
    }

    @Test
    void builtInExtractCodesSynonymsAndAbbreviations() {
        assertThat(codes(BUILT_IN, "HTA, BPCO, FA, IDM, OAP")).containsExactly("I10", "J44.9", "I48.9", "I21.9", "J81");
        assertThat(BUILT_IN.label("J44.9")).isEqualTo("Maladie pulmonaire obstructive chronique, sans précision");
        assertThat(BUILT_IN.label("U07.1")).isEqualTo("COVID-19, virus identifié");
    }

    @Test
    void matchesIgnoreCaseAndAccentsButNotForAbbreviations() {
        assertThat(codes(BUILT_IN, "FIEVRE, Dyspnee, cephalees")).containsExactly("R50.9", "R06.0", "R51");
        // "fa" (the note) and "tc" are words, not FA / TC
        assertThat(codes(BUILT_IN, "la fa de la gamme, tc")).isEmpty();
    }

    @Test
    void longestTermWins() {
        assertThat(codes(BUILT_IN, "exacerbation de BPCO")).containsExactly("J44.1");
        assertThat(codes(BUILT_IN, "diabète de type 2")).containsExactly("E11");
        assertThat(codes(BUILT_IN, "AVC hémorragique")).containsExactly("I61.9");
    }

    @Test
    void apyretiqueIsANegatedFever() {
        assertThat(BUILT_IN.find(FrenchTokenizer.tokenize("apyrétique")).get(0).value())
                .isEqualTo(new Cim10Dictionary.Term("R50.9", true));
    }

    @Test
    void fullListAddsEveryShortLabel() {
        Optional<Path> full = SharedData.find("cim10-fr/cim10_fr_2025_pmsi.csv");
        assumeTrue(full.isPresent(), "shared/data/cim10-fr not beside the repository");
        Cim10Dictionary dictionary = new Cim10Dictionary(full.get());
        assertThat(dictionary.contains("A00")).isTrue();
        assertThat(codes(dictionary, "coqueluche et choléra")).containsExactly("A37.9", "A00.9");
        assertThat(dictionary.source()).contains("cim10_fr_2025_pmsi.csv");
    }

    @Test
    void aListWithoutCodesIsRejected(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("cim10.csv"), "code,code_atih,libelle,niveau\n");
        assertThatThrownBy(() -> new Cim10Dictionary(empty)).hasMessageContaining("no CIM-10 row");
    }
}
