package fr.vigie.server.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decides a triage level: the documented {@link SafetyRules} first, then the {@link TriageModel}; the answer is
 * the more urgent of the two, so the model can raise the urgency the rules impose but never lower it.
 *
 * <ol>
 *   <li>NEWS2 is scored on the vital signs (a lower bound when some are missing) and the safety rules applied.
 *   <li>The model gives a probability for each KTAS level 1–5; its level is the one of least expected cost with
 *       under-triage weighted {@value #UNDER_TRIAGE_COST} times over-triage (see {@link #UNDER_TRIAGE_COST}).
 *   <li>KTAS to FRENCH (ConceptMap {@code ktas-to-french}): 1→1, 2→2, 4→4, 5→5; KTAS 3 maps to FRENCH 3A or 3B
 *       ({@code narrower}), chosen here as 3A when the model puts at least as much probability on the more urgent
 *       levels (1 + 2) as on the less urgent ones (4 + 5), else 3B. This split is our rule, not SFMU's: the KTAS data
 *       carry no 3A/3B label.
 *   <li>The FRENCH level is the more urgent of the model's and the rules'; the KTAS level likewise (FRENCH 3A and 3B
 *       count as KTAS 3).
 * </ol>
 *
 * <p>The reason lists the fired rules with their values, then the {@value #TOP_FEATURES} features that pushed the
 * model most towards its level (TreeSHAP contributions, Lundberg et al. 2020) with their values.
 *
 * <p><b>Review of the nurse's level.</b> When the input carries the nurse's level ({@link TriageInput#nurseLevel()}),
 * the answer is still the standalone decision above: no model reads the nurse's level (the KTAS data's notes forbid
 * {@code KTAS_RN} as a model input; it serves only as a baseline and to evaluate this review). The {@link Review}
 * then compares the answer with the nurse's KTAS level and flags the nurse's level only when the evidence for the
 * other side is strong: {@code under-triage} when the answer is more urgent because a safety rule says so, or
 * because the model puts at least {@value #REVIEW_THRESHOLD} of its probability on levels more urgent than the
 * nurse's; {@code over-triage} when the answer is less urgent and the model puts at least that much on less urgent
 * levels; {@code uncertain} when the answer differs with less evidence; {@code agree} when the KTAS levels match.
 */
public final class TriageEngine {

    /** How many model features the reason quotes. */
    public static final int TOP_FEATURES = 3;

    /** A model feature quoted in the reason: its name, its value as text, and its SHAP contribution (log-odds). */
    public record FeatureReason(String name, String value, double contribution) {

        /** e.g. "heartRate = 128 (+0.41 towards KTAS 2)". */
        public String describe(int ktasLevel) {
            return String.format(Locale.ROOT, "%s = %s (%+.2f towards KTAS %d)", name, value, contribution, ktasLevel);
        }
    }

    /**
     * A triage decision.
     *
     * @param level the FRENCH level
     * @param ktasLevel the KTAS level 1–5
     * @param probabilities the model's probability of each KTAS level (index 0 = KTAS 1)
     * @param modelKtasLevel the model's own level, before the safety rules
     * @param safety the safety rules' outcome, NEWS2 included
     * @param features the model features behind the level
     * @param missing the inputs that were missing
     * @param modelVersion the model version
     * @param nurseLevel the nurse's level when the input has one, else null
     * @param nurseFrench the nurse's FRENCH level (KTAS 3 split like the model's) when the input has one, else null
     */
    public record Result(
            FrenchLevel level,
            int ktasLevel,
            double[] probabilities,
            int modelKtasLevel,
            SafetyRules.Assessment safety,
            List<FeatureReason> features,
            List<String> missing,
            String modelVersion,
            NurseLevel nurseLevel,
            FrenchLevel nurseFrench) {

        /** The answer against the nurse's level, null when the input has none (see the class comment). */
        public Review review() {
            return review(REVIEW_THRESHOLD);
        }

        /** The review with another threshold (for evaluation). */
        public Review review(double threshold) {
            if (nurseLevel == null) {
                return null;
            }
            int nurse = nurseLevel.ktas();
            if (ktasLevel == nurse) {
                return Review.AGREE;
            }
            if (ktasLevel < nurse) {
                boolean rule = safety.level().map(TriageEngine::toKtas).orElse(TriageModel.LEVELS + 1) < nurse;
                return rule || moreUrgentThanNurse() >= threshold ? Review.UNDER_TRIAGE : Review.UNCERTAIN;
            }
            return lessUrgentThanNurse() >= threshold ? Review.OVER_TRIAGE : Review.UNCERTAIN;
        }

        /** The model's probability of a KTAS level more urgent than the nurse's (0 without a nurse's level). */
        public double moreUrgentThanNurse() {
            double sum = 0;
            for (int level = 1; nurseLevel != null && level < nurseLevel.ktas(); level++) {
                sum += probabilities[level - 1];
            }
            return sum;
        }

        /** The model's probability of a KTAS level less urgent than the nurse's (0 without a nurse's level). */
        public double lessUrgentThanNurse() {
            double sum = 0;
            for (int level = TriageModel.LEVELS; nurseLevel != null && level > nurseLevel.ktas(); level--) {
                sum += probabilities[level - 1];
            }
            return sum;
        }

        /** The reason lines: fired rules first, then the model's main features. */
        public List<String> reasons() {
            List<String> lines = new ArrayList<>();
            for (SafetyRules.FiredRule rule : safety.fired()) {
                lines.add("safety rule " + rule.id() + ": " + rule.values() + " → at most FRENCH "
                        + rule.level().code() + " (" + rule.rationale() + " Source: " + rule.source() + ")");
            }
            StringBuilder model = new StringBuilder(String.format(
                    Locale.ROOT,
                    "model %s: KTAS %d (probability %.2f)",
                    modelVersion,
                    modelKtasLevel,
                    probabilities[modelKtasLevel - 1]));
            if (!features.isEmpty()) {
                model.append("; main features: ");
                model.append(String.join(
                        ", ",
                        features.stream().map(f -> f.describe(modelKtasLevel)).toList()));
            }
            lines.add(model.toString());
            Review review = review();
            if (review != null) {
                lines.add(String.format(
                        Locale.ROOT,
                        "nurse's level FRENCH %s (KTAS %d): %s (answer KTAS %d; model probability of a more urgent"
                                + " level %.2f, of a less urgent one %.2f; flagged at %.2f or by a safety rule)",
                        nurseFrench.code(),
                        nurseLevel.ktas(),
                        switch (review) {
                            case AGREE -> "agrees with the answer";
                            case UNDER_TRIAGE -> "probable under-triage, review it";
                            case OVER_TRIAGE -> "probable over-triage, review it";
                            case UNCERTAIN -> "differs from the answer, without enough evidence to flag it";
                        },
                        ktasLevel,
                        moreUrgentThanNurse(),
                        lessUrgentThanNurse(),
                        REVIEW_THRESHOLD));
            }
            return lines;
        }
    }

    /** The answer compared with the nurse's level (see the class comment). */
    public enum Review {
        /** Same KTAS level as the nurse. */
        AGREE("agree"),
        /** A safety rule, or the model with enough probability, puts the patient more urgent than the nurse did. */
        UNDER_TRIAGE("under-triage"),
        /** The model, with enough probability, puts the patient less urgent than the nurse did. */
        OVER_TRIAGE("over-triage"),
        /** The answer differs from the nurse's level, with too little probability beyond it to flag it. */
        UNCERTAIN("uncertain");

        private final String code;

        Review(String code) {
            this.code = code;
        }

        /** The code of the {@code nurseReview} output. */
        public String code() {
            return code;
        }
    }

    /**
     * Cost of under-triage relative to over-triage in the model's decision: the model's level is the one with the
     * least expected cost, an exact match costing 0, a more urgent level than the truth 1 and a less urgent one this
     * weight. 1 would be the most probable level; above 1 the model leans towards urgency when in doubt.
     */
    public static final double UNDER_TRIAGE_COST = 1.5;

    /**
     * Probability the model must put on the levels beyond the nurse's (more urgent, or less urgent) for the review
     * to flag the nurse's level: a majority of its probability mass.
     */
    public static final double REVIEW_THRESHOLD = 0.5;

    private final TriageModel model;
    private final double underTriageCost;

    /** An engine with the default under-triage cost. */
    public TriageEngine(TriageModel model) {
        this(model, UNDER_TRIAGE_COST);
    }

    /** An engine with another under-triage cost (for evaluation). */
    public TriageEngine(TriageModel model, double underTriageCost) {
        this.model = model;
        this.underTriageCost = underTriageCost;
    }

    /** The model behind the engine. */
    public TriageModel model() {
        return model;
    }

    /** Triage without the explanation of the model's level (for evaluation and bulk use). */
    public Result assess(TriageInput input) {
        return assess(input, false);
    }

    /** Triage; {@code explain} adds the model's main features to the result. */
    public Result assess(TriageInput input, boolean explain) {
        News2.Result news2 = News2.score(input.vitals());
        SafetyRules.Assessment safety = SafetyRules.apply(input.vitals(), news2);
        NurseLevel nurse = input.nurseLevel();
        float[] row = model.features().vector(input, news2.total());
        double[] probabilities = model.probabilities(row);
        int modelKtas = leastCost(probabilities, underTriageCost);
        FrenchLevel level = FrenchLevel.mostUrgent(
                toFrench(modelKtas, probabilities), safety.level().orElse(null));
        int ktas = Math.min(modelKtas, safety.level().map(TriageEngine::toKtas).orElse(TriageModel.LEVELS));
        List<FeatureReason> features = explain ? explain(model, row, modelKtas, input) : List.of();
        return new Result(
                level,
                ktas,
                probabilities,
                modelKtas,
                safety,
                features,
                input.missing(),
                model.version(),
                nurse,
                nurse == null ? null : nurse.french(probabilities));
    }

    /** KTAS to FRENCH, KTAS 3 split into 3A/3B by the probability mass on either side (see class comment). */
    public static FrenchLevel toFrench(int ktas, double[] probabilities) {
        return switch (ktas) {
            case 1 -> FrenchLevel.LEVEL_1;
            case 2 -> FrenchLevel.LEVEL_2;
            case 3 ->
                probabilities[0] + probabilities[1] >= probabilities[3] + probabilities[4]
                        ? FrenchLevel.LEVEL_3A
                        : FrenchLevel.LEVEL_3B;
            case 4 -> FrenchLevel.LEVEL_4;
            case 5 -> FrenchLevel.LEVEL_5;
            default -> throw new IllegalArgumentException("KTAS level " + ktas + " is outside 1–5");
        };
    }

    /** FRENCH to KTAS (ConceptMap {@code french-to-ktas}): 3A and 3B are KTAS 3. */
    public static int toKtas(FrenchLevel level) {
        return switch (level) {
            case LEVEL_1 -> 1;
            case LEVEL_2 -> 2;
            case LEVEL_3A, LEVEL_3B -> 3;
            case LEVEL_4 -> 4;
            case LEVEL_5 -> 5;
        };
    }

    private static List<FeatureReason> explain(TriageModel used, float[] row, int ktas, TriageInput input) {
        double[] contributions = used.contributions(row, ktas);
        List<String> names = used.features().names();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < contributions.length; i++) {
            if (contributions[i] > 0 && !Float.isNaN(row[i])) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -contributions[i]));
        List<FeatureReason> reasons = new ArrayList<>();
        for (int i : order.subList(0, Math.min(TOP_FEATURES, order.size()))) {
            reasons.add(new FeatureReason(names.get(i), describe(names.get(i), row[i], input), contributions[i]));
        }
        return List.copyOf(reasons);
    }

    private static String describe(String name, float value, TriageInput input) {
        if (name.startsWith("complaint:")) {
            return (value == 1f ? "yes" : "no") + " (\"" + input.chiefComplaint() + "\")";
        }
        if (name.startsWith("arrival:")) {
            return value == 1f ? "yes (" + input.arrivalMode() + ")" : "no (" + input.arrivalMode() + ")";
        }
        return switch (name) {
            case "sexMale" -> input.sex();
            case "injury" -> value == 1f ? "yes" : "no";
            case "consciousness" -> input.vitals().consciousness().code();
            case "heartRate", "respiratoryRate" -> rounded(value) + " /min";
            case "systolicBloodPressure", "diastolicBloodPressure" -> rounded(value) + " mm[Hg]";
            case "bodyTemperature" -> rounded(value) + " Cel";
            case "oxygenSaturation" -> rounded(value) + " %";
            case "age" -> rounded(value) + " years";
            case "shockIndex" -> String.format(Locale.ROOT, "%.2f", value);
            default -> rounded(value);
        };
    }

    private static String rounded(float value) {
        return PhysiologicalRanges.format(Math.round(value * 10.0) / 10.0);
    }

    /**
     * The KTAS level (1–5) of least expected cost: choosing level j costs, summed over the true level i with its
     * probability, 0 when i = j, 1 when j is more urgent (over-triage), {@code underTriageCost} when less urgent.
     */
    static int leastCost(double[] probabilities, double underTriageCost) {
        int best = 0;
        double bestCost = Double.MAX_VALUE;
        for (int j = 0; j < probabilities.length; j++) {
            double cost = 0;
            for (int i = 0; i < probabilities.length; i++) {
                cost += i == j ? 0 : probabilities[i] * (j > i ? underTriageCost : 1.0);
            }
            if (cost < bestCost - 1e-12) {
                best = j;
                bestCost = cost;
            }
        }
        return best + 1;
    }
}
