package fr.vigie.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.triage.FrenchLevel;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FHIR shape of a simulated day as transaction bundles. */
class ActivityFhirMapperTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static SimulationResult result;
    private static List<Bundle> bundles;

    @BeforeAll
    static void simulate() {
        result = ActivityTestSupport.simulate(21, ActivityTestSupport.START, 2);
        bundles = FhirServerActivityWriter.bundles(result);
    }

    @Test
    void oneTransactionPerDayWhoseReferencesAllResolveInsideIt() {
        assertThat(bundles).hasSize(2);
        for (Bundle bundle : bundles) {
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            Set<String> fullUrls = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getFullUrl)
                    .collect(Collectors.toSet());
            assertThat(fullUrls).hasSize(bundle.getEntry().size()).allMatch(url -> url.startsWith("urn:uuid:"));
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                assertThat(resource.hasId()).isFalse();
                assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
                assertThat(entry.getRequest().getUrl())
                        .isEqualTo(resource.fhirType() + "?identifier=" + ActivityFhirMapper.IDENTIFIER_SYSTEM + "|"
                                + ActivityFhirMapper.identifierOf(resource));
                for (Reference reference :
                        FHIR.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                    assertThat(fullUrls)
                            .as("%s in %s", reference.getReference(), entry.getFullUrl())
                            .contains(reference.getReference());
                }
            }
        }
    }

    @Test
    void encounterPeriodsStatusesAndLengthsAgree() {
        int finished = 0;
        int open = 0;
        for (Encounter encounter : encounters()) {
            Period period = encounter.getPeriod();
            assertThat(period.hasStart()).isTrue();
            if (encounter.getStatus() == Encounter.EncounterStatus.FINISHED) {
                finished++;
                assertThat(period.getEnd()).isAfterOrEqualTo(period.getStart());
                long minutes = (period.getEnd().getTime() - period.getStart().getTime()) / 60_000;
                assertThat(encounter.getLength().getValue().longValue()).isEqualTo(minutes);
                assertThat(encounter.getLength().getCode()).isEqualTo("min");
                assertThat(encounter
                                .getHospitalization()
                                .getDischargeDisposition()
                                .getCodingFirstRep()
                                .getCode())
                        .isIn("home", "oth", "aadvice");
            } else {
                open++;
                assertThat(period.hasEnd()).isFalse();
                assertThat(encounter.getStatus())
                        .isIn(
                                Encounter.EncounterStatus.ARRIVED,
                                Encounter.EncounterStatus.TRIAGED,
                                Encounter.EncounterStatus.INPROGRESS);
            }
            // The status history tiles the stay: each step starts where the previous one ended.
            List<Encounter.StatusHistoryComponent> history = encounter.getStatusHistory();
            assertThat(history.get(0).getStatus()).isEqualTo(Encounter.EncounterStatus.ARRIVED);
            assertThat(history.get(0).getPeriod().getStart()).isEqualTo(period.getStart());
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).getPeriod().getStart())
                        .isEqualTo(history.get(i - 1).getPeriod().getEnd());
            }
            Period last = history.get(history.size() - 1).getPeriod();
            assertThat(last.getEnd()).isEqualTo(period.getEnd());
            for (Encounter.EncounterParticipantComponent participant : encounter.getParticipant()) {
                assertThat(participant.getPeriod().getStart()).isAfterOrEqualTo(period.getStart());
                if (participant.getPeriod().hasEnd() && period.hasEnd()) {
                    assertThat(participant.getPeriod().getEnd()).isBeforeOrEqualTo(period.getEnd());
                }
            }
            assertThat(encounter.getClass_().getCode()).isEqualTo("EMER");
        }
        assertThat(finished).isGreaterThan(100);
        assertThat(open).as("patients still in the department at the end").isPositive();
    }

    @Test
    void codesComeFromTheirCodeSystems() throws IOException {
        Set<String> frenchCodes = codes("terminology/CodeSystem/triage-french.json");
        Set<String> arrivalModes = codes("terminology/CodeSystem/arrival-mode.json");
        Set<String> pathologies = new HashSet<>();
        result.department().pathologies().forEach(p -> pathologies.add(p.code()));
        Set<String> levelsSeen = new HashSet<>();
        for (Encounter encounter : encounters()) {
            if (encounter.hasPriority()) {
                assertThat(encounter.getPriority().getCodingFirstRep().getSystem())
                        .isEqualTo(FrenchLevel.SYSTEM);
                assertThat(frenchCodes)
                        .contains(encounter.getPriority().getCodingFirstRep().getCode());
                levelsSeen.add(encounter.getPriority().getCodingFirstRep().getCode());
            }
            assertThat(encounter.getReasonCodeFirstRep().getCodingFirstRep().getSystem())
                    .isEqualTo(ActivityFhirMapper.CIM10_SYSTEM);
            assertThat(pathologies)
                    .contains(encounter
                            .getReasonCodeFirstRep()
                            .getCodingFirstRep()
                            .getCode());
            assertThat(arrivalModes)
                    .contains(encounter
                            .getHospitalization()
                            .getAdmitSource()
                            .getCodingFirstRep()
                            .getCode());
        }
        assertThat(levelsSeen).hasSizeGreaterThan(2);
        PractitionerRole role = bundles.get(0).getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(PractitionerRole.class::isInstance)
                .map(PractitionerRole.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(role.getSpecialtyFirstRep().getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(role.getAvailableTime()).isNotEmpty();
    }

    private static List<Encounter> encounters() {
        return bundles.stream()
                .flatMap(b -> b.getEntry().stream())
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Encounter.class::isInstance)
                .map(Encounter.class::cast)
                .toList();
    }

    private static Set<String> codes(String resource) throws IOException {
        try (InputStream in = ActivityFhirMapperTest.class.getClassLoader().getResourceAsStream(resource)) {
            Set<String> codes = new HashSet<>();
            for (JsonNode concept : new ObjectMapper().readTree(in).path("concept")) {
                codes.add(concept.path("code").asText());
            }
            return codes;
        }
    }
}
