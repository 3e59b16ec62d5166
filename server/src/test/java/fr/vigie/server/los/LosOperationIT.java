package fr.vigie.server.los;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.vigie.server.AbstractFhirIT;
import fr.vigie.server.triage.FrenchLevel;
import java.math.BigDecimal;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** {@code $los} and {@code $los-train} over HTTP. */
class LosOperationIT extends AbstractFhirIT {

    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    Parameters los(Parameters in) {
        return client.operation().onServer().named("$los").withParameters(in).execute();
    }

    static Parameters emergencyInput() {
        Parameters in = new Parameters();
        in.addParameter().setName("age").setValue(new IntegerType(71));
        in.addParameter().setName("sex").setValue(new CodeType("male"));
        in.addParameter().setName("arrivalMode").setValue(new CodeType("public-ambulance"));
        in.addParameter()
                .setName("heartRate")
                .setValue(new Quantity()
                        .setValue(BigDecimal.valueOf(104))
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("/min"));
        in.addParameter().setName("chiefComplaint").setValue(new org.hl7.fhir.r4.model.StringType("dyspnée"));
        return in;
    }

    @Test
    void emergencyStayIsInMinutesWithAnOrderedIntervalAndTheComputedTriageLevel() {
        Parameters out = los(emergencyInput());

        Quantity expected = (Quantity) out.getParameter("expected").getValue();
        Quantity lower = (Quantity) out.getParameter("lower").getValue();
        Quantity upper = (Quantity) out.getParameter("upper").getValue();
        assertThat(expected.getCode()).isEqualTo("min");
        assertThat(expected.getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(lower.getValue()).isLessThanOrEqualTo(expected.getValue());
        assertThat(expected.getValue()).isLessThanOrEqualTo(upper.getValue());
        assertThat(upper.getValue().doubleValue()).isLessThanOrEqualTo(1440.0);
        assertThat(out.getParameter("modelVersion").getValue().primitiveValue()).startsWith("los-emergency-");
        assertThat(out.getParameter().stream()
                        .filter(p -> p.getName().equals("reason"))
                        .map(p -> p.getValue().primitiveValue()))
                .anyMatch(r -> r.contains("computed by triage-ktas-"));
    }

    @Test
    void givenTriageLevelIsUsedAndBadCodesAre400() {
        Parameters in = emergencyInput();
        in.addParameter().setName("triageLevel").setValue(new Coding(FrenchLevel.SYSTEM, "1", null));
        Parameters out = los(in);
        assertThat(((Coding) out.getParameter("triageLevel").getValue()).getCode())
                .isEqualTo("1");

        Parameters badLevel = emergencyInput();
        badLevel.addParameter().setName("triageLevel").setValue(new Coding(FrenchLevel.SYSTEM, "6", null));
        assertThatThrownBy(() -> los(badLevel))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("triageLevel code '6'");
        Parameters badDiagnosis = emergencyInput();
        badDiagnosis.addParameter().setName("diagnosis").setValue(new Coding(ICD10, "pneumonia", null));
        assertThatThrownBy(() -> los(badDiagnosis))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("diagnosis code 'pneumonia'");
        Parameters badSetting = emergencyInput();
        badSetting.addParameter().setName("setting").setValue(new CodeType("icu"));
        assertThatThrownBy(() -> los(badSetting))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("setting 'icu'");
    }

    /** One method, in order: no model (422), training from this server's Encounters, then predictions in days. */
    @Test
    void inpatientIs422UntilRetrainedFromTheServersEncountersThenPredictsDays() {
        Parameters inpatient = emergencyInput();
        inpatient.addParameter().setName("setting").setValue(new CodeType("inpatient"));
        inpatient.addParameter().setName("diagnosis").setValue(new Coding(ICD10, "J18.9", null));
        assertThatThrownBy(() -> los(inpatient))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("$los-train");

        // 30 finished stays: pneumonia (J) about 6 days, fractures (S) about 12, the old staying longer
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        long day = 86_400_000L;
        long start = System.currentTimeMillis() - 60 * day;
        String lastEncounter = null;
        for (int i = 0; i < 30; i++) {
            String patientUrl = "urn:uuid:" + UUID.randomUUID();
            Patient patient = new Patient();
            patient.setGender(
                    i % 2 == 0 ? Enumerations.AdministrativeGender.MALE : Enumerations.AdministrativeGender.FEMALE);
            patient.setBirthDateElement(new DateType((1940 + i) + "-01-01"));
            transaction
                    .addEntry()
                    .setFullUrl(patientUrl)
                    .setResource(patient)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient");
            boolean fracture = i % 3 == 0;
            double days = (fracture ? 12 : 6) + (i % 5) * 0.5;
            Encounter encounter = new Encounter();
            encounter.setStatus(Encounter.EncounterStatus.FINISHED);
            encounter.setClass_(new Coding(ACT_CODE, "IMP", "inpatient encounter"));
            encounter.setSubject(new Reference(patientUrl));
            encounter.getPeriod().setStart(new Date(start + i * day));
            encounter.getPeriod().setEnd(new Date(start + i * day + (long) (days * day)));
            encounter.addReasonCode(new CodeableConcept(new Coding(ICD10, fracture ? "S72.0" : "J18.9", null)));
            transaction
                    .addEntry()
                    .setFullUrl("urn:uuid:" + UUID.randomUUID())
                    .setResource(encounter)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Encounter");
        }
        Bundle response = client.transaction().withBundle(transaction).execute();
        lastEncounter = new IdType(response.getEntry()
                        .get(response.getEntry().size() - 1)
                        .getResponse()
                        .getLocation())
                .getIdPart();

        Parameters trained = client.operation()
                .onServer()
                .named("$los-train")
                .withNoParameters(Parameters.class)
                .execute();
        assertThat(((IntegerType) trained.getParameter("encountersUsed").getValue()).getValue())
                .isGreaterThanOrEqualTo(30);
        assertThat(trained.getParameter("modelVersion").getValue().primitiveValue())
                .startsWith("los-inpatient-");

        Parameters pneumonia = los(inpatient);
        Quantity expected = (Quantity) pneumonia.getParameter("expected").getValue();
        assertThat(expected.getCode()).isEqualTo("d");
        assertThat(expected.getValue().doubleValue()).isBetween(4.0, 9.0);
        Parameters fracture = inpatient.copy();
        fracture.getParameter().removeIf(p -> p.getName().equals("diagnosis"));
        fracture.addParameter().setName("diagnosis").setValue(new Coding(ICD10, "S72.0", null));
        assertThat(((Quantity) los(fracture).getParameter("expected").getValue()).getValue())
                .isGreaterThan(expected.getValue());

        // the instance form reads the Encounter: class IMP means the inpatient model, diagnosis from reasonCode
        Parameters fromEncounter = client.operation()
                .onInstance(new IdType("Encounter", lastEncounter))
                .named("$los")
                .withNoParameters(Parameters.class)
                .execute();
        assertThat(fromEncounter.getParameter("setting").getValue().primitiveValue())
                .isEqualTo("inpatient");
        assertThat(((Quantity) fromEncounter.getParameter("expected").getValue()).getCode())
                .isEqualTo("d");
    }
}
