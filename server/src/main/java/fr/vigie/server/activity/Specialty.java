package fr.vigie.server.activity;

/**
 * A medical specialty of the department's doctors, coded in SNOMED CT as in the FHIR R4 value set {@code
 * c80-practice-codes} (the preferred binding of {@code PractitionerRole.specialty}).
 *
 * @param key the simulator's key (pathologies and shifts name it)
 * @param code SNOMED CT code
 * @param display display of that code in {@code c80-practice-codes}
 * @param label French label, shown as the CodeableConcept text
 */
public record Specialty(String key, String code, String display, String label) {

    /** SNOMED CT. */
    public static final String SYSTEM = "http://snomed.info/sct";

    /** The specialty that sees patients of specialties with nobody on shift. */
    public static final String EMERGENCY = "emergency";
}
