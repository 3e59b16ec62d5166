package fr.vigie.routes.documents.nlp;

import java.util.List;
import java.util.Objects;

/**
 * One vital-sign measurement found in a document.
 *
 * @param type what was measured
 * @param code the LOINC code to report it under (usually {@code type.loinc()}; 14743-9 for glucose in mmol/L, 38214-3
 *     for an EVA pain score)
 * @param additionalCode a second LOINC code the FHIR profile asks for (59408-5 for SpO2 by pulse oximetry), or null
 * @param values the value(s) in UCUM, normalised to the unit of {@code code}: one for most kinds, two components
 *     (systolic 8480-6, diastolic 8462-4, in mm[Hg]) for blood pressure
 * @param writtenUnit the unit as written in the text ("bpm", "batt/min", "cmHg", "°C"), or null if none was written and
 *     the unit was inferred from the kind and range (e.g. "TA 12/8")
 * @param span the text of the measurement (label through value and unit), e.g. "FC 110 bpm"
 * @param assertion PRESENT for a value measured in this encounter; HISTORY or HYPOTHETICAL when the sentence says so
 *     (a value quoted from a past episode, "si T° > 38.5"). Statements without a value such as "apyrétique" or "pas
 *     de fièvre" are not vital signs: they come out as a NEGATED {@link Diagnosis} (R50.9)
 */
public record VitalSign(
        VitalSignType type,
        Coding code,
        Coding additionalCode,
        List<Measurement> values,
        String writtenUnit,
        Span span,
        Assertion assertion) {

    public VitalSign {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        values = List.copyOf(values);
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(assertion, "assertion");
    }

    /** The single value of a one-value measurement (all kinds but blood pressure). */
    public Measurement value() {
        if (values.size() != 1) {
            throw new IllegalStateException(type + " has " + values.size() + " values, use values()");
        }
        return values.get(0);
    }
}
