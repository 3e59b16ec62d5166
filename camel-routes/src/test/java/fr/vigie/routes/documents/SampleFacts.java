package fr.vigie.routes.documents;

import fr.vigie.routes.documents.nlp.Assertion;
import fr.vigie.routes.documents.nlp.Coding;
import fr.vigie.routes.documents.nlp.Demographics;
import fr.vigie.routes.documents.nlp.Diagnosis;
import fr.vigie.routes.documents.nlp.DocumentFacts;
import fr.vigie.routes.documents.nlp.Measurement;
import fr.vigie.routes.documents.nlp.NlpProvenance;
import fr.vigie.routes.documents.nlp.Prescription;
import fr.vigie.routes.documents.nlp.Span;
import fr.vigie.routes.documents.nlp.VitalSign;
import fr.vigie.routes.documents.nlp.VitalSignType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written NLP results for a fixed note, standing in for {@code ClinicalNlp} in the mapping and feed tests so
 * they test Vigie's FHIR output, not the NLP's accuracy (which has its own tests and evaluation).
 */
final class SampleFacts {

    static final String NOTE = "Patiente de 72 ans amenée par le SMUR. Motif : dyspnée.\n"
            + "TA 135/85 mmHg, SpO2 92 %, T 38,5 °C.\n"
            + "Pas de pneumopathie. Suspicion d'embolie pulmonaire.\n"
            + "Paracétamol 1 g per os 3 fois par jour pendant 5 jours.";

    private static final String LOINC = VitalSignType.LOINC;

    private SampleFacts() {}

    /** What a perfect NLP finds in {@code text} if it holds {@link #NOTE}; nothing it does not hold. */
    static DocumentFacts analyze(String text) {
        List<VitalSign> vitals = new ArrayList<>();
        List<Diagnosis> diagnoses = new ArrayList<>();
        List<Prescription> prescriptions = new ArrayList<>();
        Demographics demographics = Demographics.NONE;
        if (text.contains("TA 135/85 mmHg")) {
            vitals.add(new VitalSign(
                    VitalSignType.BLOOD_PRESSURE,
                    new Coding(LOINC, "85354-9", VitalSignType.BLOOD_PRESSURE.display()),
                    null,
                    List.of(
                            new Measurement(
                                    new Coding(LOINC, "8480-6", "Systolic blood pressure"),
                                    new BigDecimal("135"),
                                    "mm[Hg]"),
                            new Measurement(
                                    new Coding(LOINC, "8462-4", "Diastolic blood pressure"),
                                    new BigDecimal("85"),
                                    "mm[Hg]")),
                    "mmHg",
                    span(text, "TA 135/85 mmHg"),
                    Assertion.PRESENT));
            vitals.add(new VitalSign(
                    VitalSignType.OXYGEN_SATURATION,
                    new Coding(LOINC, "2708-6", VitalSignType.OXYGEN_SATURATION.display()),
                    new Coding(LOINC, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
                    List.of(new Measurement(
                            new Coding(LOINC, "2708-6", VitalSignType.OXYGEN_SATURATION.display()),
                            new BigDecimal("92"),
                            "%")),
                    "%",
                    span(text, "SpO2 92 %"),
                    Assertion.PRESENT));
            vitals.add(new VitalSign(
                    VitalSignType.TEMPERATURE,
                    new Coding(LOINC, "8310-5", VitalSignType.TEMPERATURE.display()),
                    null,
                    List.of(new Measurement(
                            new Coding(LOINC, "8310-5", VitalSignType.TEMPERATURE.display()),
                            new BigDecimal("38.5"),
                            "Cel")),
                    "°C",
                    span(text, "T 38,5 °C"),
                    Assertion.PRESENT));
            demographics = new Demographics(
                    new Demographics.Age(72, "a", span(text, "72 ans")),
                    new Demographics.Sex("female", span(text, "Patiente")),
                    new Demographics.ArrivalMode("smur", "SMUR", span(text, "SMUR")),
                    new Demographics.ChiefComplaint("dyspnée", span(text, "dyspnée")));
            diagnoses.add(new Diagnosis(
                    "J18.9", "Pneumopathie, sans précision", span(text, "pneumopathie"), Assertion.NEGATED));
            diagnoses.add(new Diagnosis(
                    "I26.9",
                    "Embolie pulmonaire, sans mention de cœur pulmonaire aigu",
                    span(text, "embolie pulmonaire"),
                    Assertion.HYPOTHETICAL));
            prescriptions.add(new Prescription(
                    "60234100",
                    "Paracétamol",
                    span(text, "Paracétamol"),
                    new Prescription.Dose(BigDecimal.ONE, "g", span(text, "1 g")),
                    new Prescription.Route("26643006", "Oral route", "orale", span(text, "per os")),
                    new Prescription.Frequency(3, BigDecimal.ONE, "d", false, span(text, "3 fois par jour")),
                    new Prescription.Duration(new BigDecimal("5"), "d", span(text, "pendant 5 jours")),
                    span(text, "Paracétamol 1 g per os 3 fois par jour pendant 5 jours"),
                    Assertion.PRESENT));
        }
        return new DocumentFacts(
                text,
                List.of(),
                vitals,
                demographics,
                diagnoses,
                prescriptions,
                List.of(),
                new NlpProvenance("sample-facts (test)", "none", "none", "test", "test"));
    }

    static Span span(String text, String quoted) {
        int offset = text.indexOf(quoted);
        if (offset < 0) {
            throw new IllegalArgumentException("'" + quoted + "' is not in the text");
        }
        return Span.of(text, offset, offset + quoted.length());
    }
}
