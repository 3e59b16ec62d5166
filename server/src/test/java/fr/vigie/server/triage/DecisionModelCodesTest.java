package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;

/**
 * Every shipped model's version is a code of CodeSystem decision-model: {@code $triage} writes it in {@code
 * RiskAssessment.method} with that system, so a retrained model whose version is not added to the CodeSystem would
 * store codings nobody can look up.
 */
class DecisionModelCodesTest {

    @Test
    void everyShippedModelVersionIsADecisionModelCode() throws IOException {
        assertThat(TriageOperationProvider.MODEL_SYSTEM).isEqualTo(TerminologyCatalog.CS_DECISION_MODEL);
        CodeSystem codeSystem;
        try (InputStream in = TerminologyCatalog.open("CodeSystem/decision-model.json")) {
            codeSystem = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class, in);
        }
        Set<String> codes = codeSystem.getConcept().stream()
                .map(CodeSystem.ConceptDefinitionComponent::getCode)
                .collect(Collectors.toSet());

        List<String> versions;
        try (Stream<Path> cards = Files.walk(Path.of("src/main/resources/models"))) {
            versions = cards.filter(path -> path.getFileName().toString().equals("model-card.json"))
                    .map(DecisionModelCodesTest::version)
                    .toList();
        }
        assertThat(versions).contains(TriageModelTool.VERSION);
        assertThat(codes).containsAll(versions);
    }

    private static String version(Path card) {
        try {
            return new ObjectMapper().readTree(card.toFile()).path("version").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
