package fr.vigie.routes.documents.nlp;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A value with its UCUM unit, as FHIR's {@code Quantity} (system {@code http://unitsofmeasure.org}). {@code code} is
 * the LOINC code of the component it measures (systolic 8480-6, diastolic 8462-4) or the fact's own code.
 */
public record Measurement(Coding code, BigDecimal value, String ucum) {

    public Measurement {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ucum, "ucum");
    }
}
