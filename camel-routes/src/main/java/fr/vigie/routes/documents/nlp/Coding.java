package fr.vigie.routes.documents.nlp;

import java.util.Objects;

/** A code from a code system (LOINC, SNOMED CT, CIM-10, BDPM CIS...), as FHIR's {@code Coding}. */
public record Coding(String system, String code, String display) {

    public Coding {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
    }
}
