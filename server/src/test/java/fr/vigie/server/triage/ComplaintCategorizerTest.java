package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplaintCategorizerTest {

    /** The lexicon source file; read from disk so the test runs against the working tree of the terminology module. */
    private static final Path LEXICON =
            Path.of("../terminology/src/main/resources").resolve(ComplaintCategorizer.RESOURCE);

    private static ComplaintCategorizer categorizer;

    @BeforeAll
    static void load() {
        categorizer = ComplaintCategorizer.fromFile(LEXICON);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // French, with and without accents
                "Douleur thoracique depuis 2h | chest-pain",
                "DYSPNÉE aiguë | respiratory",
                "dyspnee | respiratory",
                "Douleur abdominale FID | abdominal-pain",
                "Chute de sa hauteur, plaie du cuir chevelu | trauma",
                "Céphalées brutales | neurological",
                "Fièvre et frissons | fever-infection",
                "Idées suicidaires | psychiatric",
                "Œil rouge douloureux | ent-ophthalmology",
                "Hématurie | genitourinary-obstetric",
                "Urticaire généralisée | skin-allergy",
                "Lombalgie | musculoskeletal",
                // English, including complaints verbatim from the KTAS file
                "ant. chest pain | chest-pain",
                "pain, chest | chest-pain",
                "abd pain | abdominal-pain",
                "RUQ pain | abdominal-pain",
                "dyspnea | respiratory",
                "open wound | trauma",
                "post seizure | neurological",
                "sezure like motion | neurological",
                "rt. side motor weakness | neurological",
                "H-headache | neurological",
                "fever | fever-infection",
                "suicidal attempt | psychiatric",
                "Blood Pressure, Low | cardiovascular",
                "hematemesis | digestive",
                "general weakness | general",
                "sorethroat | ent-ophthalmology",
                "dysuria | genitourinary-obstetric",
                "urticarial rash | skin-allergy",
                "pain, low back | musculoskeletal",
                "for peg tube change | procedure",
                "xylophone | other"
            })
    void categorisesFrenchAndEnglishComplaints(String complaint, String category) {
        assertThat(categorizer.categorize(complaint)).containsExactly(category);
    }

    @Test
    void allowsSeveralCategories() {
        assertThat(categorizer.categorize("ascites tapping")).containsExactly("digestive", "procedure");
        assertThat(categorizer.categorize("Toux fébrile")).containsExactly("respiratory", "fever-infection");
    }

    @Test
    void matchesWholeWordsOnly() {
        // "ha" (headache) must not match inside "hand", nor "ear" inside "heart" or "year"
        assertThat(categorizer.categorize("hand")).containsExactly("other");
        assertThat(categorizer.categorize("heart year")).containsExactly("other");
    }

    @Test
    void explainsWhichKeywordsMatched() {
        assertThat(categorizer.match("Dyspnée et toux"))
                .singleElement()
                .isEqualTo(new ComplaintCategorizer.Match("respiratory", List.of("dyspnee*", "toux")));
    }

    @Test
    void givesNoCategoryToAMissingComplaint() {
        assertThat(categorizer.categorize(null)).isEmpty();
        assertThat(categorizer.categorize("  ")).isEmpty();
    }

    @Test
    void normalisesAccentsLigaturesAndPunctuation() {
        assertThat(ComplaintCategorizer.normalise("Œdème  de QUINCKE !")).isEqualTo("oedeme de quincke");
        assertThat(ComplaintCategorizer.normalise("lt. hip-joint pain")).isEqualTo("lt hip joint pain");
    }

    @Test
    void exposesVersionAndCategories() {
        assertThat(categorizer.version()).isEqualTo("1.0.0");
        assertThat(categorizer.categories())
                .contains("respiratory", "chest-pain", "abdominal-pain", "trauma", "neurological", "fever-infection")
                .contains("psychiatric", ComplaintCategorizer.OTHER);
    }

    @Test
    void loadsFromTheClasspathWhenTheTerminologyJarHasIt() {
        // skipped when the server is built alone against a terminology jar installed before the lexicon existed
        assumeThat(ComplaintCategorizer.class.getClassLoader().getResource(ComplaintCategorizer.RESOURCE))
                .isNotNull();

        assertThat(ComplaintCategorizer.fromClasspath().categorize("douleur thoracique"))
                .containsExactly("chest-pain");
    }
}
