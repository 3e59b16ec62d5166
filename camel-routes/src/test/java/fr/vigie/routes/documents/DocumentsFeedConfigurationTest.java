package fr.vigie.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.routes.documents.nlp.Diagnosis;
import fr.vigie.routes.documents.nlp.DocumentFacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code vigie.documents.nlp.*} settings reach the NLP engine the documents pipeline uses. */
class DocumentsFeedConfigurationTest {

    private static final byte[] NOTE = "Coqueluche confirmée chez l'enfant.".getBytes(StandardCharsets.UTF_8);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DocumentsFeedConfiguration.class))
            .withPropertyValues("vigie.documents.nlp.ner-enabled=false");

    @TempDir
    Path dir;

    @Test
    void aConfiguredCim10ListIsTheOneTheNlpReads() throws IOException {
        // the built-in extract plus one code it lacks: found only when the property is honoured
        Path list = dir.resolve("cim10-full.csv");
        try (InputStream builtIn = getClass().getResourceAsStream("/nlp/cim10/cim10-subset.csv")) {
            Files.write(list, builtIn.readAllBytes());
        }
        Files.writeString(
                list,
                "A37.9,A379,\"Coqueluche, sans précision\",sous-categorie\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        runner.withPropertyValues("vigie.documents.nlp.cim10-file=" + list).run(context -> {
            DocumentFacts facts = context.getBean(DocumentPipeline.class)
                    .process(NOTE, "note.txt")
                    .facts();
            assertThat(facts.diagnoses()).extracting(Diagnosis::code).containsExactly("A37.9");
            assertThat(facts.provenance().cim10()).contains("cim10-full.csv");
            assertThat(facts.provenance().nerModel()).isEqualTo("none");
        });
    }

    @Test
    void withoutSettingsTheBuiltInDictionariesAreRead() {
        runner.withPropertyValues("vigie.documents.nlp.cim10-file=").run(context -> {
            DocumentFacts facts = context.getBean(DocumentPipeline.class)
                    .process(NOTE, "note.txt")
                    .facts();
            assertThat(facts.diagnoses()).isEmpty();
            assertThat(facts.provenance().cim10()).contains("built-in");
        });
    }

    @Test
    void refusesToStartOnAPathThatIsNoFile() {
        runner.withPropertyValues("vigie.documents.nlp.bdpm-specialites-file=" + dir.resolve("missing.csv"))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("vigie.documents.nlp.bdpm-specialites-file: no readable file"));
    }
}
