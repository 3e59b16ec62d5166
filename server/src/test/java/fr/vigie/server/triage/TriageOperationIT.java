package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import fr.vigie.server.AbstractFhirIT;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code $triage} over HTTP, at system level and on an Encounter with its Observations. */
class TriageOperationIT extends AbstractFhirIT {

    static final String UCUM = "http://unitsofmeasure.org";
    static final String LOINC = "http://loinc.org";

    static Quantity q(double value, String code) {
        return new Quantity()
                .setValue(BigDecimal.valueOf(value))
                .setSystem(UCUM)
                .setCode(code);
    }

    static Parameters stableAdult() {
        Parameters in = new Parameters();
        in.addParameter().setName("age").setValue(new IntegerType(34));
        in.addParameter().setName("sex").setValue(new CodeType("female"));
        in.addParameter().setName("arrivalMode").setValue(new CodeType("walk-in"));
        in.addParameter().setName("heartRate").setValue(q(78, "/min"));
        in.addParameter().setName("respiratoryRate").setValue(q(16, "/min"));
        in.addParameter().setName("systolicBloodPressure").setValue(q(124, "mm[Hg]"));
        in.addParameter().setName("diastolicBloodPressure").setValue(q(76, "mm[Hg]"));
        in.addParameter().setName("bodyTemperature").setValue(q(36.8, "Cel"));
        in.addParameter().setName("oxygenSaturation").setValue(q(98, "%"));
        in.addParameter().setName("consciousness").setValue(new CodeType("A"));
        in.addParameter().setName("painScore").setValue(new IntegerType(3));
        in.addParameter().setName("injury").setValue(new BooleanType(true));
        in.addParameter().setName("onOxygen").setValue(new BooleanType(false));
        in.addParameter().setName("chiefComplaint").setValue(new StringType("entorse de la cheville"));
        return in;
    }

    static Parameters with(Parameters base, String name, Type value) {
        Parameters copy = base.copy();
        copy.getParameter().removeIf(p -> p.getName().equals(name));
        copy.addParameter().setName(name).setValue(value);
        return copy;
    }

    Parameters triage(Parameters in) {
        return client.operation().onServer().named("$triage").withParameters(in).execute();
    }

    static List<String> strings(Parameters out, String name) {
        return out.getParameter().stream()
                .filter(p -> p.getName().equals(name))
                .map(p -> p.getValue().primitiveValue())
                .toList();
    }

    @Test
    void stableAdultGetsALowLevelWithItsProbabilitiesAndNothingMissing() {
        Parameters out = triage(stableAdult());

        Coding level = (Coding) out.getParameter("level").getValue();
        assertThat(level.getSystem()).isEqualTo(FrenchLevel.SYSTEM);
        assertThat(List.of("3B", "4", "5")).contains(level.getCode());
        assertThat(((Coding) out.getParameter("ktasLevel").getValue()).getSystem())
                .isEqualTo(TriageRequest.KTAS_SYSTEM);
        List<Parameters.ParametersParameterComponent> probabilities = out.getParameter().stream()
                .filter(p -> p.getName().equals("probability"))
                .toList();
        assertThat(probabilities).hasSize(5);
        double sum = probabilities.stream()
                .mapToDouble(p -> ((org.hl7.fhir.r4.model.DecimalType)
                                p.getPart().get(1).getValue())
                        .getValueAsNumber()
                        .doubleValue())
                .sum();
        assertThat(sum).isBetween(0.999, 1.001);
        assertThat(((IntegerType) out.getParameter("news2").getValue()).getValue())
                .isZero();
        assertThat(out.getParameter("news2Risk").getValue().primitiveValue()).isEqualTo("low");
        assertThat(strings(out, "missing")).isEmpty();
        assertThat(strings(out, "reason")).anyMatch(r -> r.startsWith("model triage-ktas-"));
        assertThat(out.getParameter("modelVersion").getValue().primitiveValue()).startsWith("triage-ktas-");
    }

    @Test
    void criticalSaturationIsLevelOneBecauseOfTheSafetyRuleWhateverTheModelSays() {
        Parameters out = triage(with(stableAdult(), "oxygenSaturation", q(80, "%")));

        assertThat(((Coding) out.getParameter("level").getValue()).getCode()).isEqualTo("1");
        assertThat(((Coding) out.getParameter("ktasLevel").getValue()).getCode())
                .isEqualTo("1");
        assertThat(strings(out, "reason")).anyMatch(r -> r.contains("SR-SPO2-CRITICAL") && r.contains("80 %"));
        assertThat(out.getParameter("news2Risk").getValue().primitiveValue()).isEqualTo("low-medium");
    }

    @Test
    void fahrenheitIsConvertedAndMissingInputsAreListed() {
        Parameters in = new Parameters();
        in.addParameter().setName("bodyTemperature").setValue(q(104, "[degF]")); // 40 °C: NEWS2 2 points
        Parameters out = triage(in);

        assertThat(((IntegerType) out.getParameter("news2").getValue()).getValue())
                .isEqualTo(2);
        assertThat(strings(out, "missing"))
                .contains("age", "heartRate", "oxygenSaturation", "chiefComplaint")
                .doesNotContain("bodyTemperature");
        assertThat(strings(out, "reason")).anyMatch(r -> r.startsWith("NEWS2 is a lower bound"));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("heartRate", q(0, "/min"), "heartRate 0 /min is outside"),
                Arguments.of("heartRate", q(400, "/min"), "heartRate 400 /min is outside"),
                Arguments.of("bodyTemperature", q(10, "Cel"), "bodyTemperature 10 Cel is outside"),
                Arguments.of("heartRate", q(80, "beats"), "Unknown unit 'beats'"),
                Arguments.of("diastolicBloodPressure", q(150, "mm[Hg]"), "diastolicBloodPressure 150 mm[Hg] is above"),
                Arguments.of("arrivalMode", new CodeType("taxi"), "arrivalMode 'taxi'"),
                Arguments.of("sex", new CodeType("F"), "sex 'F'"),
                Arguments.of("consciousness", new CodeType("X"), "consciousness 'X'"),
                Arguments.of("painScore", new IntegerType(12), "painScore 12 is outside"),
                Arguments.of("age", new IntegerType(-3), "age -3"),
                Arguments.of("weight", new IntegerType(70), "Unknown parameter 'weight'"),
                Arguments.of("heartRate", new IntegerType(80), "heartRate must be a valueQuantity"),
                Arguments.of(
                        "nurseLevel",
                        new Coding(TriageRequest.KTAS_SYSTEM, "6", null),
                        "nurseLevel code '6' is not a KTAS level"),
                Arguments.of("nurseLevel", new CodeType("3C"), "nurseLevel code '3C' is not a FRENCH level"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIs400NamingTheValue(String name, Type value, String message) {
        assertThatThrownBy(() -> triage(with(stableAdult(), name, value)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void encounterTriageReadsPatientObservationsAdmitSourceAndReasonAndPersists() {
        Patient patient = new Patient();
        patient.setGender(Enumerations.AdministrativeGender.MALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1950-03-01"));
        String patientId = client.create().resource(patient).execute().getId().getIdPart();

        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "EMER", "emergency"));
        encounter.setSubject(new Reference("Patient/" + patientId));
        encounter.getPeriod().setStart(new Date());
        encounter
                .getHospitalization()
                .setAdmitSource(new CodeableConcept(new Coding(ArrivalModeSystem.URL, "smur", null)));
        encounter.addReasonCode().setText("douleur thoracique");
        String encounterId =
                client.create().resource(encounter).execute().getId().getIdPart();

        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.addContent()
                .getAttachment()
                .setContentType("text/plain")
                .setData("Patient répond à la voix".getBytes());
        document.getContext().addEncounter(new Reference("Encounter/" + encounterId));
        String documentId = client.create().resource(document).execute().getId().getIdPart();

        long now = System.currentTimeMillis();
        String oldHr = observation(encounterId, patientId, "8867-4", q(88, "/min"), now - 3_600_000, null);
        String hr = observation(encounterId, patientId, "8867-4", q(128, "/min"), now - 60_000, null);
        observation(encounterId, patientId, "9279-1", q(26, "/min"), now - 60_000, null);
        observation(encounterId, patientId, "59408-5", q(93, "%"), now - 60_000, null);
        observation(encounterId, patientId, "8310-5", q(98.6, "[degF]"), now - 60_000, null);
        Observation bp = new Observation();
        bp.setStatus(Observation.ObservationStatus.FINAL);
        bp.getCode().addCoding(new Coding(LOINC, "85354-9", "Blood pressure panel"));
        bp.setSubject(new Reference("Patient/" + patientId));
        bp.setEncounter(new Reference("Encounter/" + encounterId));
        bp.setEffective(new DateTimeType(new Date(now - 60_000)));
        bp.addComponent()
                .setCode(new CodeableConcept(new Coding(LOINC, "8480-6", null)))
                .setValue(q(88, "mm[Hg]"));
        bp.addComponent()
                .setCode(new CodeableConcept(new Coding(LOINC, "8462-4", null)))
                .setValue(q(52, "mm[Hg]"));
        client.create().resource(bp).execute();
        // a fact extracted from a document is an ordinary Observation derived from the DocumentReference
        observation(
                encounterId,
                patientId,
                "67775-7",
                new CodeableConcept().setText("V"),
                now - 30_000,
                "DocumentReference/" + documentId);

        Parameters in = new Parameters();
        in.addParameter().setName("persist").setValue(new BooleanType(true));
        Parameters out = client.operation()
                .onInstance(new IdType("Encounter", encounterId))
                .named("$triage")
                .withParameters(in)
                .execute();

        // V (from the document) and SBP 88 score 3 each, HR 128 2, RR 26 3, SpO2 93 2: NEWS2 13, at most level 2
        assertThat(((IntegerType) out.getParameter("news2").getValue()).getValue())
                .isEqualTo(13);
        assertThat(out.getParameter("news2Risk").getValue().primitiveValue()).isEqualTo("high");
        assertThat(List.of("1", "2"))
                .contains(((Coding) out.getParameter("level").getValue()).getCode());
        assertThat(strings(out, "reason")).anyMatch(r -> r.contains("SR-NEWS2-HIGH"));
        assertThat(strings(out, "missing")).contains("injury", "painScore").doesNotContain("age", "sex", "heartRate");

        Reference stored = (Reference) out.getParameter("riskAssessment").getValue();
        RiskAssessment assessment = client.read()
                .resource(RiskAssessment.class)
                .withId(stored.getReferenceElement())
                .execute();
        assertThat(assessment.getSubject().getReference()).isEqualTo("Patient/" + patientId);
        assertThat(assessment.getEncounter().getReference()).isEqualTo("Encounter/" + encounterId);
        assertThat(assessment.getMethod().getCodingFirstRep().getCode()).startsWith("triage-ktas-");
        List<String> basis =
                assessment.getBasis().stream().map(Reference::getReference).toList();
        assertThat(basis)
                .contains("Observation/" + hr)
                .doesNotContain("Observation/" + oldHr)
                .hasSize(6);
        assertThat(assessment.getPrediction()).hasSize(6);
    }

    @Test
    void withTheNursesLevelTheAnswerIsUnchangedAndReviewsIt() {
        Parameters alone = triage(stableAdult());
        Parameters out = triage(with(stableAdult(), "nurseLevel", new Coding(FrenchLevel.SYSTEM, "4", null)));

        assertThat(out.getParameter("modelVersion").getValue().primitiveValue()).isEqualTo(TriageModelTool.VERSION);
        assertThat(((Coding) out.getParameter("level").getValue()).getCode())
                .isEqualTo(((Coding) alone.getParameter("level").getValue()).getCode());
        assertThat(alone.getParameter("nurseReview")).isNull();
        assertThat(((Coding) out.getParameter("nurseLevel").getValue()).getCode())
                .isEqualTo("4");
        String review = out.getParameter("nurseReview").getValue().primitiveValue();
        String ktas = ((Coding) out.getParameter("ktasLevel").getValue()).getCode();
        if ("4".equals(ktas)) {
            assertThat(review).isEqualTo("agree");
        } else {
            assertThat(review).isIn("under-triage", "over-triage", "uncertain");
        }
        assertThat(strings(out, "reason")).anyMatch(r -> r.startsWith("nurse's level FRENCH 4 (KTAS 4): "));
        assertThat(strings(out, "missing")).isEmpty();
    }

    @Test
    void encounterPriorityIsTheNursesLevelAndACriticalValueFlagsItsUnderTriage() {
        String patientId =
                client.create().resource(new Patient()).execute().getId().getIdPart();
        Encounter encounter = new Encounter();
        encounter.setSubject(new Reference("Patient/" + patientId));
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "EMER", "emergency"));
        encounter.setPriority(new CodeableConcept(new Coding(TriageRequest.KTAS_SYSTEM, "5", "Non-urgent")));
        encounter.addReasonCode().setText("mal de gorge");
        String encounterId =
                client.create().resource(encounter).execute().getId().getIdPart();
        observation(encounterId, patientId, "59408-5", q(82, "%"), System.currentTimeMillis() - 60_000, null);

        Parameters out = client.operation()
                .onInstance(new IdType("Encounter", encounterId))
                .named("$triage")
                .withNoParameters(Parameters.class)
                .execute();

        assertThat(((Coding) out.getParameter("nurseLevel").getValue()).getCode())
                .isEqualTo("5");
        assertThat(((Coding) out.getParameter("level").getValue()).getCode()).isEqualTo("1");
        assertThat(out.getParameter("nurseReview").getValue().primitiveValue()).isEqualTo("under-triage");
        assertThat(strings(out, "reason"))
                .anyMatch(r -> r.contains("SR-SPO2-CRITICAL"))
                .anyMatch(r -> r.startsWith("nurse's level FRENCH 5 (KTAS 5): probable under-triage"));

        // the body overrides the Encounter, as for every other input
        Parameters in = new Parameters();
        in.addParameter().setName("nurseLevel").setValue(new Coding(FrenchLevel.SYSTEM, "1", null));
        Parameters overridden = client.operation()
                .onInstance(new IdType("Encounter", encounterId))
                .named("$triage")
                .withParameters(in)
                .execute();
        assertThat(((Coding) overridden.getParameter("nurseLevel").getValue()).getCode())
                .isEqualTo("1");
        assertThat(overridden.getParameter("nurseReview").getValue().primitiveValue())
                .isEqualTo("agree");
    }

    @Test
    void persistAtSystemLevelIsRefusedBecauseARiskAssessmentNeedsAPatient() {
        assertThatThrownBy(() -> triage(with(stableAdult(), "persist", new BooleanType(true))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("persist=true needs a patient");
    }

    String observation(String encounterId, String patientId, String loinc, Type value, long time, String derivedFrom) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding(new Coding(LOINC, loinc, null));
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setEncounter(new Reference("Encounter/" + encounterId));
        observation.setEffective(new DateTimeType(new Date(time)));
        observation.setValue(value);
        if (derivedFrom != null) {
            observation.addDerivedFrom(new Reference(derivedFrom));
        }
        return client.create().resource(observation).execute().getId().getIdPart();
    }
}
