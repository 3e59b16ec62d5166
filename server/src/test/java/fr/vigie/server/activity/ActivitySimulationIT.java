package fr.vigie.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import fr.vigie.server.AbstractFhirIT;
import fr.vigie.server.triage.TriageModels;
import java.time.ZonedDateTime;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A simulated day written to the server through the FHIR transaction path (bearer token, server-side validation on),
 * read back, and written again without change; then the demo loader's path.
 */
class ActivitySimulationIT extends AbstractFhirIT {

    @Autowired
    TriageModels models;

    @Autowired
    DaoRegistry daoRegistry;

    @Test
    void aSimulatedDayIsStoredValidAndRewritingItChangesNothing() {
        SimulationResult result = new ActivitySimulator(Department.defaults(), TriageFunction.of(models.engine()))
                .run(41, ActivityTestSupport.START, 1);
        FhirServerActivityWriter.Summary first = new FhirServerActivityWriter(client).write(result);
        assertThat(first.bundles()).isEqualTo(1);

        assertThat(count(Encounter.class, result.runId()))
                .isEqualTo(result.visits().size());
        assertThat(count(Patient.class, result.runId()))
                .isEqualTo(result.visits().size());

        Bundle seen = client.search()
                .forResource(Encounter.class)
                .where(Encounter.STATUS.exactly().code("finished"))
                .and(Encounter.IDENTIFIER
                        .exactly()
                        .systemAndCode(ActivityFhirMapper.IDENTIFIER_SYSTEM, result.runId() + "-enc000001"))
                .include(Encounter.INCLUDE_SUBJECT)
                .include(Encounter.INCLUDE_PARTICIPANT)
                .returnBundle(Bundle.class)
                .execute();
        Encounter encounter = (Encounter) seen.getEntryFirstRep().getResource();
        assertThat(encounter.getPriority().getCodingFirstRep().getCode())
                .isEqualTo(result.visits().get(0).level().code());
        assertThat(encounter.getSubject().getReference()).startsWith("Patient/");
        assertThat(seen.getEntry()).anySatisfy(e -> assertThat(e.getResource()).isInstanceOf(Patient.class));
        assertThat(seen.getEntry()).anySatisfy(e -> assertThat(e.getResource()).isInstanceOf(PractitionerRole.class));
        String version = encounter.getMeta().getVersionId();

        new FhirServerActivityWriter(client).write(result);
        assertThat(count(Encounter.class, result.runId()))
                .isEqualTo(result.visits().size());
        Encounter again = client.read()
                .resource(Encounter.class)
                .withId(encounter.getIdElement().toUnqualifiedVersionless())
                .execute();
        assertThat(again.getMeta().getVersionId()).isEqualTo(version);
    }

    @Test
    void theDemoLoaderStoresTheSimulatedDaysOnce() {
        ActivityDemoLoader loader = new ActivityDemoLoader(
                daoRegistry,
                models,
                new ActivityDemoProperties(true, 1, 77, "Europe/Paris"),
                new fr.vigie.server.demo.DemoDataProperties(true, true));
        ZonedDateTime end = ActivityTestSupport.START.plusDays(30);
        int visits = loader.load(end);
        assertThat(visits).isPositive();
        assertThat(count(Encounter.class, ActivitySimulator.runId(77))).isEqualTo(visits);
        assertThat(loader.load(end)).isZero();
    }

    /** Resources of the simulation system whose identifier starts with the run id. */
    private int count(Class<? extends org.hl7.fhir.r4.model.Resource> type, String runId) {
        Bundle bundle = client.search()
                .forResource(type)
                .where(new ca.uhn.fhir.rest.gclient.TokenClientParam("identifier")
                        .hasSystemWithAnyCode(ActivityFhirMapper.IDENTIFIER_SYSTEM))
                .count(1000)
                .elementsSubset("identifier")
                // HAPI reuses a cached result of the same search for a minute: this one must see the latest writes.
                .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class)
                .execute();
        int count = 0;
        while (true) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                String value = ActivityFhirMapper.identifierOf((org.hl7.fhir.r4.model.Resource) entry.getResource());
                if (value.startsWith(runId + "-")) {
                    count++;
                }
            }
            if (bundle.getLink(Bundle.LINK_NEXT) == null) {
                return count;
            }
            bundle = client.loadPage().next(bundle).execute();
        }
    }
}
