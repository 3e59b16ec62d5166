package fr.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Standard FHIR REST behaviour integrators rely on, for the resources Vigie is built around. */
class FhirRestIT extends AbstractFhirIT {

    private static final String FINESS = "https://finess.esante.gouv.fr";

    static Location hospital(String finess, String name, double lat, double lon) {
        Location location = new Location();
        location.addIdentifier().setSystem(FINESS).setValue(finess);
        location.setName(name);
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setMode(Location.LocationMode.INSTANCE);
        location.addType()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "HOSP", "Hospital"));
        location.getPosition().setLatitude(lat).setLongitude(lon);
        return location;
    }

    static Encounter admission(Reference location, String identifier) {
        Encounter encounter = new Encounter();
        encounter.addIdentifier().setSystem("urn:vigie:test:encounter").setValue(identifier);
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        encounter.addLocation().setLocation(location);
        encounter.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2024-01-10T08:00:00+01:00"));
        encounter.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2024-01-14T11:00:00+01:00"));
        return encounter;
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 9);
    }

    @Test
    void createsReadsVersionsUpdatesPatchesAndDeletesALocation() {
        String finess = unique();
        MethodOutcome created = client.create()
                .resource(hospital(finess, "CH Test", 50.61, 3.03))
                .execute();
        IdType id = (IdType) created.getId();
        assertThat(created.getCreated()).isTrue();
        assertThat(id.getVersionIdPart()).isEqualTo("1");

        Location read = client.read()
                .resource(Location.class)
                .withId(id.toUnqualifiedVersionless())
                .execute();
        assertThat(read.getName()).isEqualTo("CH Test");
        assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(finess);

        read.setName("CH Test renamed");
        MethodOutcome updated = client.update().resource(read).execute();
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

        Parameters patch = new Parameters();
        Parameters.ParametersParameterComponent op = patch.addParameter().setName("operation");
        op.addPart().setName("type").setValue(new org.hl7.fhir.r4.model.CodeType("replace"));
        op.addPart().setName("path").setValue(new org.hl7.fhir.r4.model.StringType("Location.status"));
        op.addPart().setName("value").setValue(new org.hl7.fhir.r4.model.CodeType("suspended"));
        client.patch()
                .withFhirPatch(patch)
                .withId(id.toUnqualifiedVersionless())
                .execute();

        Location version1 = client.read()
                .resource(Location.class)
                .withIdAndVersion(id.getIdPart(), "1")
                .execute();
        assertThat(version1.getName()).isEqualTo("CH Test");
        Location current =
                client.read().resource(Location.class).withId(id.getIdPart()).execute();
        assertThat(current.getStatus()).isEqualTo(Location.LocationStatus.SUSPENDED);
        assertThat(current.getMeta().getVersionId()).isEqualTo("3");

        Bundle history = client.history()
                .onInstance(id.toUnqualifiedVersionless())
                .returnBundle(Bundle.class)
                .execute();
        assertThat(history.getEntry()).hasSize(3);

        client.delete().resourceById(id.toUnqualifiedVersionless()).execute();
        assertThatThrownBy(() -> client.read()
                        .resource(Location.class)
                        .withId(id.getIdPart())
                        .execute())
                .isInstanceOf(ResourceGoneException.class);
    }

    @Test
    void jsonPatchAndXmlAreAccepted() {
        IGenericClient xml = clientAs("test-admin", ADMIN_SCOPES);
        xml.setEncoding(ca.uhn.fhir.rest.api.EncodingEnum.XML);
        IdType id = (IdType) xml.create()
                .resource(hospital(unique(), "CH XML", 48.85, 2.35))
                .execute()
                .getId();
        Location read =
                xml.read().resource(Location.class).withId(id.getIdPart()).execute();
        assertThat(read.getName()).isEqualTo("CH XML");

        client.patch()
                .withBody("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"CH JSON Patch\"}]")
                .withId(id.toUnqualifiedVersionless())
                .execute();
        assertThat(client.read()
                        .resource(Location.class)
                        .withId(id.getIdPart())
                        .execute()
                        .getName())
                .isEqualTo("CH JSON Patch");
        assertThat(PatchTypeEnum.JSON_PATCH.getContentType()).isEqualTo("application/json-patch+json");
    }

    @Test
    void transactionWithConditionalCreateLinksEncounterAndDocumentToTheHospital() {
        String finess = unique();
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Location hospital = hospital(finess, "CHU Transaction", 43.60, 1.44);
        tx.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(hospital)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Location")
                .setIfNoneExist("identifier=" + FINESS + "|" + finess);
        String locationRef = tx.getEntryFirstRep().getFullUrl();
        Encounter encounter = admission(new Reference(locationRef), unique());
        String encounterUrl = "urn:uuid:" + UUID.randomUUID();
        tx.addEntry()
                .setFullUrl(encounterUrl)
                .setResource(encounter)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Encounter");
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.getType().addCoding(new Coding("http://loinc.org", "11490-0", "Physician Discharge summary"));
        document.getContext().addEncounter(new Reference(encounterUrl));
        document.addContent()
                .setAttachment(new Attachment().setContentType("text/plain").setData("Compte rendu".getBytes()));
        tx.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(document)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("DocumentReference");

        Bundle response;
        try {
            response = client.transaction().withBundle(tx).execute();
        } catch (UnprocessableEntityException e) {
            throw new AssertionError(FHIR.newJsonParser().encodeResourceToString(e.getOperationOutcome()), e);
        }
        assertThat(response.getEntry())
                .extracting(e -> e.getResponse().getStatus())
                .allMatch(s -> s.startsWith("201"));

        // The same transaction again: the conditional create finds the hospital instead of duplicating it.
        Bundle again = client.transaction().withBundle(tx).execute();
        assertThat(again.getEntry().get(0).getResponse().getStatus()).startsWith("200");
        Bundle hospitals = client.search()
                .forResource(Location.class)
                .where(Location.IDENTIFIER.exactly().systemAndCode(FINESS, finess))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(hospitals.getTotal()).isEqualTo(1);

        // Chaining and _include / _revinclude from the encounter to its hospital and documents.
        Bundle found = client.search()
                .forResource(Encounter.class)
                .where(Encounter.LOCATION.hasChainedProperty(
                        Location.IDENTIFIER.exactly().systemAndCode(FINESS, finess)))
                .include(Encounter.INCLUDE_LOCATION)
                .revInclude(DocumentReference.INCLUDE_ENCOUNTER)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .containsExactlyInAnyOrder(
                        "Encounter", "Encounter", "Location", "DocumentReference", "DocumentReference");
    }

    @Test
    void conditionalUpdateByIdentifierCreatesThenUpdates() {
        String finess = unique();
        String url = "Location?identifier=" + FINESS + "|" + finess;
        MethodOutcome first = client.update()
                .resource(hospital(finess, "CH Conditional", 45.0, 5.0))
                .conditionalByUrl(url)
                .execute();
        assertThat(first.getCreated()).isTrue();
        MethodOutcome second = client.update()
                .resource(hospital(finess, "CH Conditional 2", 45.0, 5.0))
                .conditionalByUrl(url)
                .execute();
        assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(second.getId().getVersionIdPart()).isEqualTo("2");
    }

    @Test
    void searchSortsAndPagesWithCount() {
        String city = "Ville" + unique();
        for (int i = 0; i < 5; i++) {
            Location location = hospital(unique(), "Site " + (char) ('E' - i), 44.0 + i, 1.0);
            location.getAddress().setCity(city);
            client.create().resource(location).execute();
        }
        Bundle page1 = client.search()
                .forResource(Location.class)
                .where(Location.ADDRESS_CITY.matchesExactly().value(city))
                .sort(new SortSpec("name"))
                .count(2)
                .totalMode(ca.uhn.fhir.rest.api.SearchTotalModeEnum.ACCURATE)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(page1.getTotal()).isEqualTo(5);
        assertThat(page1.getEntry())
                .extracting(e -> ((Location) e.getResource()).getName())
                .containsExactly("Site A", "Site B");
        Bundle page2 = client.loadPage().next(page1).execute();
        assertThat(page2.getEntry())
                .extracting(e -> ((Location) e.getResource()).getName())
                .containsExactly("Site C", "Site D");
    }

    @Test
    void rejectsAnEncounterWithoutItsMandatoryClass() {
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        assertThatThrownBy(() -> client.create().resource(encounter).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getDiagnostics())
                            .contains("Encounter.class"));
                });
    }

    @Test
    void rejectsAnInvalidEntryInsideATransaction() {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry()
                .setResource(hospital(unique(), "CH ok", 45.0, 5.0))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Location");
        Encounter noClass = new Encounter().setStatus(Encounter.EncounterStatus.PLANNED);
        tx.addEntry()
                .setResource(noClass)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Encounter");
        assertThatThrownBy(() -> client.transaction().withBundle(tx).execute())
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("Encounter.class");
    }

    @Test
    void validateOperationReportsErrorsWithoutStoring() {
        Encounter noClass = new Encounter().setStatus(Encounter.EncounterStatus.PLANNED);
        assertThatThrownBy(() -> client.validate().resource(noClass).execute())
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("Encounter.class");
        MethodOutcome ok = client.validate()
                .resource(admission(new Reference("Location/unknown"), unique()))
                .execute();
        assertThat(((OperationOutcome) ok.getOperationOutcome()).getIssue())
                .noneMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
    }
}
