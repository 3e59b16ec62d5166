package fr.vigie.server.triage;

import java.util.Locale;

/**
 * Agreement metrics between a predicted and a reference triage level, as pure functions. Levels are integers
 * 1..k with 1 the most urgent (KTAS 1–5; FRENCH can be ranked 1, 2, 3A, 3B, 4, 5 → 1–6 with {@link
 * FrenchLevel#ordinal()} + 1). Under-triage means a predicted level less urgent (numerically larger) than the
 * reference; over-triage a more urgent (smaller) one.
 *
 * <p>The linear-weighted Cohen kappa uses disagreement weights |i − j| / (k − 1) (Cohen J., Psychological Bulletin
 * 1968;70:213–220): κ = 1 − Σ w·O / Σ w·E, with O the observed and E the chance-expected confusion counts.
 */
public final class TriageEvaluation {

    /**
     * Every metric at once.
     *
     * @param count number of cases
     * @param accuracy fraction of exact agreement, 0–1
     * @param linearKappa linear-weighted Cohen kappa
     * @param underTriageRate fraction predicted less urgent than the reference, 0–1
     * @param overTriageRate fraction predicted more urgent than the reference, 0–1
     * @param confusion counts, row = reference level − 1, column = predicted level − 1
     */
    public record Metrics(
            int count,
            double accuracy,
            double linearKappa,
            double underTriageRate,
            double overTriageRate,
            int[][] confusion) {

        /** The metrics and the confusion matrix as a few readable lines. */
        public String describe() {
            StringBuilder text = new StringBuilder(String.format(
                    Locale.ROOT,
                    "n=%d accuracy=%.3f linear-weighted kappa=%.3f under-triage=%.3f over-triage=%.3f%n",
                    count,
                    accuracy,
                    linearKappa,
                    underTriageRate,
                    overTriageRate));
            text.append("confusion (rows reference 1..k, columns predicted 1..k):");
            for (int[] row : confusion) {
                text.append(System.lineSeparator());
                for (int cell : row) {
                    text.append(String.format(Locale.ROOT, "%6d", cell));
                }
            }
            return text.toString();
        }
    }

    private TriageEvaluation() {}

    /** All metrics for levels 1..levels. */
    public static Metrics evaluate(int[] reference, int[] predicted, int levels) {
        int[][] confusion = confusionMatrix(reference, predicted, levels);
        return new Metrics(
                reference.length,
                accuracy(confusion),
                linearWeightedKappa(confusion),
                underTriageRate(confusion),
                overTriageRate(confusion),
                confusion);
    }

    /**
     * The confusion matrix: {@code [reference − 1][predicted − 1]}.
     *
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or hold a level outside 1..levels
     */
    public static int[][] confusionMatrix(int[] reference, int[] predicted, int levels) {
        if (reference.length != predicted.length) {
            throw new IllegalArgumentException(
                    "reference has " + reference.length + " levels but predicted has " + predicted.length);
        }
        if (reference.length == 0) {
            throw new IllegalArgumentException("no cases to evaluate");
        }
        if (levels < 2) {
            throw new IllegalArgumentException("at least 2 levels are needed, got " + levels);
        }
        int[][] confusion = new int[levels][levels];
        for (int i = 0; i < reference.length; i++) {
            confusion[checked(reference[i], levels, i)][checked(predicted[i], levels, i)]++;
        }
        return confusion;
    }

    /** Fraction of exact agreement. */
    public static double accuracy(int[][] confusion) {
        long agree = 0;
        for (int i = 0; i < confusion.length; i++) {
            agree += confusion[i][i];
        }
        return (double) agree / total(confusion);
    }

    /** Fraction predicted less urgent than the reference (above the diagonal). */
    public static double underTriageRate(int[][] confusion) {
        long under = 0;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = i + 1; j < confusion.length; j++) {
                under += confusion[i][j];
            }
        }
        return (double) under / total(confusion);
    }

    /** Fraction predicted more urgent than the reference (below the diagonal). */
    public static double overTriageRate(int[][] confusion) {
        long over = 0;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < i; j++) {
                over += confusion[i][j];
            }
        }
        return (double) over / total(confusion);
    }

    /**
     * Linear-weighted Cohen kappa. When chance disagreement is zero (both raters always give the same single level)
     * kappa is undefined; 1 is returned then if they agree perfectly, which is the usual convention.
     */
    public static double linearWeightedKappa(int[][] confusion) {
        int k = confusion.length;
        double n = total(confusion);
        double[] rows = new double[k];
        double[] columns = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rows[i] += confusion[i][j];
                columns[j] += confusion[i][j];
            }
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double weight = Math.abs(i - j) / (double) (k - 1);
                observed += weight * confusion[i][j];
                expected += weight * rows[i] * columns[j] / n;
            }
        }
        if (expected == 0) {
            return observed == 0 ? 1.0 : Double.NaN;
        }
        return 1.0 - observed / expected;
    }

    private static long total(int[][] confusion) {
        long total = 0;
        for (int[] row : confusion) {
            for (int cell : row) {
                total += cell;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("empty confusion matrix");
        }
        return total;
    }

    private static int checked(int level, int levels, int index) {
        if (level < 1 || level > levels) {
            throw new IllegalArgumentException("level " + level + " at index " + index + " is outside 1.." + levels);
        }
        return level - 1;
    }
}
