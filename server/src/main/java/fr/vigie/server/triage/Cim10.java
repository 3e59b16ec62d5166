package fr.vigie.server.triage;

/** CIM-10 (French ICD-10) code shape, shared by {@code $los} and the inpatient model's features. */
public final class Cim10 {

    /** A letter, two digits, optionally a dot and up to four more characters (e.g. J45, J45.0, S72.00). */
    public static final String PATTERN = "[A-Z][0-9]{2}(\\.?[0-9A-Z+]{0,4})?";

    private Cim10() {}
}
