package fr.vigie.server.triage;

/**
 * The FRENCH triage scale (Fédération pour la Recherche en Urgence et en Médecine d'urgence, SFMU 2018): 1 is the
 * most urgent, 5 the least. Codes are those of the CodeSystem
 * {@code https://vigie.example.org/fhir/CodeSystem/triage-french} in the terminology module.
 */
public enum FrenchLevel {
    LEVEL_1("1"),
    LEVEL_2("2"),
    LEVEL_3A("3A"),
    LEVEL_3B("3B"),
    LEVEL_4("4"),
    LEVEL_5("5");

    /** Canonical URL of the FRENCH CodeSystem. */
    public static final String SYSTEM = "https://vigie.example.org/fhir/CodeSystem/triage-french";

    private final String code;

    FrenchLevel(String code) {
        this.code = code;
    }

    /** The CodeSystem code. */
    public String code() {
        return code;
    }

    /** True when this level is strictly more urgent than the other one. */
    public boolean isMoreUrgentThan(FrenchLevel other) {
        return ordinal() < other.ordinal();
    }

    /** The more urgent of two levels; a null level counts as "no constraint". */
    public static FrenchLevel mostUrgent(FrenchLevel a, FrenchLevel b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isMoreUrgentThan(b) ? a : b;
    }

    /** The level with this code. */
    public static FrenchLevel fromCode(String code) {
        for (FrenchLevel level : values()) {
            if (level.code.equalsIgnoreCase(code == null ? "" : code.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException("Unknown FRENCH triage level '" + code + "': expected 1, 2, 3A, 3B, 4 or 5");
    }
}
