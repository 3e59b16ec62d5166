package fr.vigie.server.triage;

/**
 * The triage nurse's level, when the ED system already has it: the optional {@code nurseLevel} input that adds a
 * review of the nurse's decision to {@code $triage}'s answer (see {@link TriageEngine}). In the KTAS data it is
 * {@code KTAS_RN}, which is never a model input: the answer is the same with or without it.
 *
 * @param ktas the KTAS level 1–5 (FRENCH 3A and 3B are KTAS 3)
 * @param french the FRENCH level when the nurse gave one, or when the KTAS level maps to a single FRENCH level;
 *     null for KTAS 3, which is FRENCH 3A or 3B
 */
public record NurseLevel(int ktas, FrenchLevel french) {

    public NurseLevel {
        if (ktas < 1 || ktas > TriageModel.LEVELS) {
            throw new IllegalArgumentException("KTAS level " + ktas + " is outside 1–5");
        }
        if (french != null && TriageEngine.toKtas(french) != ktas) {
            throw new IllegalArgumentException("FRENCH " + french.code() + " is not KTAS " + ktas);
        }
    }

    /** A nurse's FRENCH level. */
    public static NurseLevel ofFrench(FrenchLevel level) {
        return new NurseLevel(TriageEngine.toKtas(level), level);
    }

    /** A nurse's KTAS level (KTAS 3 leaves FRENCH 3A or 3B open). */
    public static NurseLevel ofKtas(int ktas) {
        return new NurseLevel(
                ktas,
                switch (ktas) {
                    case 1 -> FrenchLevel.LEVEL_1;
                    case 2 -> FrenchLevel.LEVEL_2;
                    case 4 -> FrenchLevel.LEVEL_4;
                    case 5 -> FrenchLevel.LEVEL_5;
                    default -> null;
                });
    }

    /** The nurse's FRENCH level; KTAS 3 given as KTAS is split into 3A/3B by the model's probabilities. */
    public FrenchLevel french(double[] probabilities) {
        return french != null ? french : TriageEngine.toFrench(ktas, probabilities);
    }
}
