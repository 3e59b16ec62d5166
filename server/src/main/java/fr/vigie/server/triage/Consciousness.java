package fr.vigie.server.triage;

import java.util.Locale;

/**
 * Level of consciousness on the ACVPU scale used by NEWS2 (Royal College of Physicians, 2017): Alert, new
 * Confusion, responds to Voice, responds to Pain, Unresponsive. Plain AVPU inputs (A | V | P | U, as in the
 * {@code $triage} parameter and the KTAS "Mental" column) map onto the same constants; new confusion is kept
 * apart because NEWS2 scores it like V, P or U (3) while it is not one of the four AVPU codes.
 */
public enum Consciousness {
    ALERT("A"),
    NEW_CONFUSION("C"),
    VOICE("V"),
    PAIN("P"),
    UNRESPONSIVE("U");

    private final String code;

    Consciousness(String code) {
        this.code = code;
    }

    /** The one-letter ACVPU code. */
    public String code() {
        return code;
    }

    /**
     * The constant for an ACVPU code, case-insensitive.
     *
     * @throws IllegalArgumentException naming the code when it is not one of A, C, V, P, U
     */
    public static Consciousness fromCode(String code) {
        if (code != null) {
            String upper = code.trim().toUpperCase(Locale.ROOT);
            for (Consciousness value : values()) {
                if (value.code.equals(upper)) {
                    return value;
                }
            }
        }
        throw new IllegalArgumentException("Unknown consciousness code '" + code + "': expected A, C, V, P or U");
    }
}
