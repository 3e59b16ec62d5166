package fr.vigie.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.terminology.TerminologyCatalog;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.Test;

class Cim10CodeSystemReaderTest {

    private static ConceptDefinitionComponent find(java.util.List<ConceptDefinitionComponent> concepts, String code) {
        for (ConceptDefinitionComponent concept : concepts) {
            if (concept.getCode().equals(code)) {
                return concept;
            }
            ConceptDefinitionComponent nested = find(concept.getConcept(), code);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    @Test
    void buildsACompleteCodeSystemWithSubcategoriesUnderTheirCategory() {
        CodeSystem cs = Cim10CodeSystemReader.read(Path.of("src/test/resources/fixtures/cim10-sample.csv"), "2025");
        assertThat(cs.getUrl()).isEqualTo(TerminologyCatalog.CS_CIM10_FR);
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        assertThat(cs.getCount()).isEqualTo(12);
        ConceptDefinitionComponent j44 = find(cs.getConcept(), "J44");
        assertThat(j44).isNotNull();
        assertThat(j44.getConcept())
                .extracting(ConceptDefinitionComponent::getCode)
                .contains("J44.0", "J44.1");
        assertThat(find(cs.getConcept(), "J45.0").getDisplay()).isNotBlank();
        assertThat(cs.getConcept())
                .extracting(ConceptDefinitionComponent::getCode)
                .doesNotContain("J44.1");
    }
}
