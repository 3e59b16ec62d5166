package fr.vigie.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.vigie.server.AbstractFhirIT;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

/**
 * Resources carrying Vigie's extensions, posted by a client, pass the request validator when the extension is used as
 * its StructureDefinition says, and are refused with 422 and an OperationOutcome naming it when not. Without the
 * shipped definitions the validator refuses every extension under Vigie's base ("Unknown extension").
 */
class ExtensionsIT extends AbstractFhirIT {

    private static final String UCUM = "http://unitsofmeasure.org";

    @Test
    void everyExtensionDefinitionIsServedByUrl() {
        for (String url : new String[] {
            TerminologyCatalog.EXT_MISSION_AIRCRAFT,
            TerminologyCatalog.EXT_MISSION_FLIGHT_TIME,
            TerminologyCatalog.EXT_DROPPING_ZONE,
            TerminologyCatalog.EXT_TEXT_SPAN
        }) {
            Bundle found = client.search()
                    .forResource(StructureDefinition.class)
                    .where(StructureDefinition.URL.matches().value(url))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(found.getEntry()).as(url).singleElement().satisfies(entry -> assertThat(
                            ((StructureDefinition) entry.getResource()).getType())
                    .isEqualTo("Extension"));
        }
    }

    @Test
    void aMissionEncounterWithEveryMissionExtensionIsCreated() {
        MethodOutcome created = client.create().resource(mission()).execute();
        assertThat(created.getCreated()).isTrue();
        Encounter stored = client.read()
                .resource(Encounter.class)
                .withId(created.getId().toUnqualifiedVersionless())
                .execute();
        assertThat(stored.getExtensionByUrl(TerminologyCatalog.EXT_MISSION_FLIGHT_TIME)
                        .getValue())
                .isInstanceOfSatisfying(
                        Quantity.class, q -> assertThat(q.getValue()).isEqualByComparingTo("42"));
    }

    @Test
    void aMissionExtensionWithAValueOfAnotherTypeIsRefusedWith422() {
        Encounter encounter = mission();
        encounter.getExtensionByUrl(TerminologyCatalog.EXT_MISSION_FLIGHT_TIME).setValue(new StringType("42 min"));
        assertThatThrownBy(() -> client.create().resource(encounter).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssue())
                            .filteredOn(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                            .isNotEmpty()
                            .anySatisfy(issue -> assertThat(issue.getDiagnostics() + " " + issue.getLocation())
                                    .containsAnyOf("mission-flight-time", "Encounter.extension[4]"));
                });
    }

    @Test
    void aFlightTimeInHoursIsRefused() {
        Encounter encounter = mission();
        encounter
                .getExtensionByUrl(TerminologyCatalog.EXT_MISSION_FLIGHT_TIME)
                .setValue(
                        new Quantity().setValue(1).setUnit("h").setSystem(UCUM).setCode("h"));
        assertThatThrownBy(() -> client.create().resource(encounter).execute())
                .isInstanceOf(UnprocessableEntityException.class);
    }

    @Test
    void aHospitalWithItsDroppingZoneAndADzWithNightUseAreCreated() {
        Location dz = new Location().setName("DZ extensions IT");
        dz.addExtension(TerminologyCatalog.EXT_DZ_NIGHT_USE, new BooleanType(true));
        MethodOutcome dzCreated = client.create().resource(dz).execute();
        assertThat(dzCreated.getCreated()).isTrue();

        Location hospital = new Location().setName("CH extensions IT");
        Extension association = hospital.addExtension().setUrl(TerminologyCatalog.EXT_DROPPING_ZONE);
        association.addExtension(
                "dropZone",
                new Reference(dzCreated.getId().toUnqualifiedVersionless().getValue()).setDisplay(dz.getName()));
        association.addExtension(
                "distance",
                new Quantity()
                        .setValue(new BigDecimal("812.44"))
                        .setUnit("m")
                        .setSystem(UCUM)
                        .setCode("m"));
        assertThat(client.create().resource(hospital).execute().getCreated()).isTrue();

        hospital.getExtensionByUrl(TerminologyCatalog.EXT_DROPPING_ZONE).addExtension("bearing", new DecimalType(3));
        assertThatThrownBy(() -> client.create().resource(hospital).execute())
                .isInstanceOf(UnprocessableEntityException.class);
    }

    @Test
    void anExtractedDocumentAndAFactWithItsTextSpanAreCreated() {
        DocumentReference document = new DocumentReference().setStatus(DocumentReferenceStatus.CURRENT);
        DocumentReference.DocumentReferenceContentComponent content = document.addContent();
        content.getAttachment()
                .setContentType("text/plain; charset=utf-8")
                .setData("FC 88/min".getBytes(StandardCharsets.UTF_8));
        Extension page = content.getAttachment().addExtension().setUrl(TerminologyCatalog.EXT_EXTRACTED_PAGE);
        page.addExtension("page", new IntegerType(1));
        page.addExtension("offset", new IntegerType(0));
        page.addExtension("length", new IntegerType(9));
        page.addExtension("method", new CodeType("text"));
        page.addExtension("lowConfidence", new BooleanType(false));
        content.addExtension(TerminologyCatalog.EXT_EXTRACTION_ENGINE, new StringType("nlp: vigie-clinical-nlp 1"));
        MethodOutcome created = client.create().resource(document).execute();
        assertThat(created.getCreated()).isTrue();

        Observation heartRate = new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY);
        heartRate.getCode().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate"));
        heartRate.setValue(
                new Quantity().setValue(88).setUnit("/min").setSystem(UCUM).setCode("/min"));
        heartRate.addDerivedFrom(new Reference(created.getId().toUnqualifiedVersionless()));
        Extension span = heartRate.addExtension().setUrl(TerminologyCatalog.EXT_TEXT_SPAN);
        span.addExtension("offset", new IntegerType(0));
        span.addExtension("length", new IntegerType(9));
        span.addExtension("text", new StringType("FC 88/min"));
        span.addExtension("page", new IntegerType(1));
        span.addExtension("lowConfidence", new BooleanType(false));
        assertThat(client.create().resource(heartRate).execute().getCreated()).isTrue();

        span.getExtension().removeIf(sub -> sub.getUrl().equals("offset"));
        assertThatThrownBy(() -> client.create().resource(heartRate).execute())
                .isInstanceOf(UnprocessableEntityException.class);
    }

    /** A mission Encounter shaped like the registry mapper's ({@code MissionSheet}). */
    private static Encounter mission() {
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "FLD", "field"));
        encounter.addType().addCoding(new Coding(TerminologyCatalog.CS_MISSION_TYPE, "primary", null));
        encounter.addExtension(TerminologyCatalog.EXT_MISSION_AIRCRAFT, new StringType("Héli62"));
        encounter.addExtension(
                TerminologyCatalog.EXT_MISSION_DAY_NIGHT,
                new Coding(TerminologyCatalog.CS_DAY_NIGHT, "night", "Night"));
        encounter.addExtension(
                TerminologyCatalog.EXT_MISSION_POPULATION_GROUP,
                new Coding(TerminologyCatalog.CS_POPULATION_GROUP, "adult", null));
        Age age = new Age();
        age.setValue(67).setUnit("a").setSystem(UCUM).setCode("a");
        encounter.addExtension(TerminologyCatalog.EXT_MISSION_PATIENT_AGE, age);
        encounter.addExtension(
                TerminologyCatalog.EXT_MISSION_FLIGHT_TIME,
                new Quantity().setValue(42).setUnit("min").setSystem(UCUM).setCode("min"));
        return encounter;
    }
}
