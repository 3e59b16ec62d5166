package fr.vigie.routes.documents.nlp;

import java.util.Objects;

/**
 * A diagnosis, symptom or condition coded in CIM-10 FR (ICD-10 French edition, ATIH) by dictionary match (labels and
 * synonyms).
 *
 * @param code the CIM-10 code with its dot, e.g. {@code J44.1}, {@code R50.9}; system {@link #SYSTEM}
 * @param label the CIM-10 label of {@code code}
 * @param span the words matched in the text ("BPCO", "pas de fièvre" gives span "fièvre")
 * @param assertion PRESENT, NEGATED ("pas de fièvre", "apyrétique"), HYPOTHETICAL ("suspicion de pneumopathie"),
 *     HISTORY ("ATCD : HTA") or FAMILY_HISTORY ("père diabétique")
 */
public record Diagnosis(String code, String label, Span span, Assertion assertion) {

    /** Vigie's CIM-10 FR CodeSystem (terminology module). */
    public static final String SYSTEM = "https://vigie.example.org/fhir/CodeSystem/cim10-fr";

    public Diagnosis {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(assertion, "assertion");
    }
}
