package fr.vigie.routes.documents.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedicalEntityRecognizerTest {

    private static final MedicalEntityRecognizer SHIPPED = NlpResources.shippedRecognizer();
    private static final SentenceSplitter SPLITTER = new SentenceSplitter();

    @Test
    void shippedModelCoversEveryQuaeroGroupAndCarriesItsCard() {
        assertThat(SHIPPED.groups()).containsExactlyInAnyOrder(SemanticGroup.values());
        assertThat(SHIPPED.modelId()).isEqualTo("vigie-quaero-ner 1");
        assertThat(SHIPPED.modelCard()).contains("\"EMEA\"", "\"MEDLINE\"", "\"f1\"", "CLEF eHealth 2015");
    }

    @Test
    void shippedModelFindsCommonEntitiesOfUnseenSentences() {
        // written for this test, not from QUAERO; a sanity check, the real score comes from NerEvaluation
        String text = "Le paracétamol est contre-indiqué en cas d'insuffisance hépatique sévère.\n"
                + "Les effets indésirables les plus fréquents sont les nausées et les vomissements.\n"
                + "Cancer du poumon chez les patients fumeurs.";
        Set<String> gold = Set.of(
                "CHEM paracétamol",
                "DISO insuffisance hépatique",
                "ANAT hépatique",
                "DISO nausées",
                "DISO vomissements",
                "DISO Cancer du poumon",
                "ANAT poumon",
                "LIVB patients",
                "DISO effets indésirables");
        Set<String> found = SHIPPED.find(text, SPLITTER.split(text)).stream()
                .map(f -> f.group() + " " + text.substring(f.begin(), f.end()))
                .collect(Collectors.toSet());
        long correct = found.stream().filter(gold::contains).count();
        double precision = (double) correct / found.size();
        double recall = (double) correct / gold.size();
        assertThat(precision).isGreaterThanOrEqualTo(0.6);
        assertThat(recall).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void trainsScoresAndReloadsABundle(@TempDir Path dir) throws IOException {
        Path corpus = Path.of("src/test/resources/nlp/brat-mini");
        Path out = dir.resolve("mini-ner.zip");
        new NerTrainer()
                .run(new NerTrainer.Options(corpus, List.of("train"), "test", out, "PERCEPTRON", 20, 0, "inner"));
        MedicalEntityRecognizer reloaded = MedicalEntityRecognizer.load(Files.readAllBytes(out), out.toString());
        assertThat(reloaded.groups())
                .containsExactlyInAnyOrder(
                        SemanticGroup.PROC,
                        SemanticGroup.DISO,
                        SemanticGroup.CHEM,
                        SemanticGroup.LIVB,
                        SemanticGroup.ANAT);
        assertThat(reloaded.modelCard()).contains("\"trainSplits\"", "\"metrics\"", "PERCEPTRON");
        NerEvaluation.Scores scores =
                NerEvaluation.score(reloaded, SPLITTER, BratDocument.readFolder(corpus.resolve("test/MEDLINE")));
        // the test title repeats words of a training title: a trained model recovers some of its entities
        assertThat(scores.overall().gold()).isEqualTo(3);
        assertThat(scores.overall().truePositives()).isPositive();
    }

    @Test
    void exactMatchScoringCountsTypeAndOffsets() throws IOException {
        BratDocument doc = BratDocument.read(Path.of("src/test/resources/nlp/brat-mini/test/EMEA/6.txt"));
        assertThat(doc.entities()).extracting(BratDocument.Annotation::key).containsExactly("CHEM 3-13", "DISO 33-39");
        NerEvaluation.Counts c = new NerEvaluation.Counts(1, 2, 4);
        assertThat(c.precision()).isEqualTo(0.5);
        assertThat(c.recall()).isEqualTo(0.25);
        assertThat(c.f1()).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    }
}
