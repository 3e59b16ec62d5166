package fr.vigie.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.server.AbstractFhirIT;
import fr.vigie.terminology.TerminologyCatalog;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Vigie's own terminology is stored at start and answers the standard terminology operations. */
class TerminologyIT extends AbstractFhirIT {

    @Autowired
    TerminologyLoader loader;

    @Test
    void secondLoadChangesNothing() {
        TerminologyLoader.LoadSummary summary = loader.load();
        assertThat(summary.stored()).isEmpty();
        assertThat(summary.unchanged())
                .isEqualTo(TerminologyCatalog.resourcePaths().size());
    }

    @Test
    void expandsTheFrenchTriageValueSet() {
        ValueSet expanded = client.operation()
                .onType(ValueSet.class)
                .named("$expand")
                .withParameter(
                        Parameters.class,
                        "url",
                        new UriType(TerminologyCatalog.CANONICAL_BASE + "/ValueSet/triage-french"))
                .returnResourceType(ValueSet.class)
                .execute();
        assertThat(expanded.getExpansion().getContains())
                .extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactlyInAnyOrder("1", "2", "3A", "3B", "4", "5");
    }

    @Test
    void expandsTheCopdValueSetFromCim10() {
        ValueSet expanded = client.operation()
                .onType(ValueSet.class)
                .named("$expand")
                .withParameter(Parameters.class, "url", new UriType(TerminologyCatalog.VS_COPD))
                .returnResourceType(ValueSet.class)
                .execute();
        assertThat(expanded.getExpansion().getContains())
                .extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .contains("J44.0", "J44.1")
                .allMatch(code -> code.startsWith("J44"));
    }

    @Test
    void looksUpAMissionType() {
        Parameters result = client.operation()
                .onType(CodeSystem.class)
                .named("$lookup")
                .withParameter(Parameters.class, "system", new UriType(TerminologyCatalog.CS_MISSION_TYPE))
                .andParameter("code", new CodeType("secondary"))
                .execute();
        assertThat(((StringType) result.getParameter("display").getValue()).getValue())
                .isNotBlank();
    }

    @Test
    void validatesCodesAgainstOurCodeSystems() {
        Parameters good = client.operation()
                .onType(CodeSystem.class)
                .named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(TerminologyCatalog.CS_DZ_TYPE))
                .andParameter("code", new CodeType("hospital-helipad"))
                .execute();
        assertThat(((BooleanType) good.getParameter("result").getValue()).booleanValue())
                .isTrue();
        Parameters bad = client.operation()
                .onType(CodeSystem.class)
                .named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(TerminologyCatalog.CS_DZ_TYPE))
                .andParameter("code", new CodeType("submarine-base"))
                .execute();
        assertThat(((BooleanType) bad.getParameter("result").getValue()).booleanValue())
                .isFalse();
    }

    @Test
    void translatesFrenchTriageToKtas() {
        Parameters result = client.operation()
                .onType(ConceptMap.class)
                .named("$translate")
                .withParameter(
                        Parameters.class,
                        "url",
                        new UriType(TerminologyCatalog.CANONICAL_BASE + "/ConceptMap/french-to-ktas"))
                .andParameter("coding", new Coding(TerminologyCatalog.CS_TRIAGE_FRENCH, "3B", null))
                .execute();
        assertThat(((BooleanType) result.getParameter("result").getValue()).booleanValue())
                .isTrue();
        Coding concept = (Coding) result.getParameter("match").getPart().stream()
                .filter(part -> part.getName().equals("concept"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(concept.getSystem()).isEqualTo(TerminologyCatalog.CS_TRIAGE_KTAS);
        assertThat(concept.getCode()).isEqualTo("3");
    }
}
