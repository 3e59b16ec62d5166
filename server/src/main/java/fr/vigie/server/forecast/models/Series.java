package fr.vigie.server.forecast.models;

import fr.vigie.server.forecast.model.FeatureTable;
import java.time.LocalDate;

/** Small helpers over daily count arrays where NaN means unknown. */
final class Series {

    private Series() {}

    /** Mean of the known values in [from, to) (indices clipped), NaN when none is known. */
    static double mean(double[] values, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = Math.max(0, from); i < Math.min(values.length, to); i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Number of known values in [from, to). */
    static int known(double[] values, int from, int to) {
        int n = 0;
        for (int i = Math.max(0, from); i < Math.min(values.length, to); i++) {
            if (!Double.isNaN(values[i])) {
                n++;
            }
        }
        return n;
    }

    /**
     * The counts of the days before {@code asOf}, checking the table reaches the day before it (the forecast service
     * always builds it so; unknown days are NaN rows, not absent ones).
     */
    static double[] countsBefore(FeatureTable history, LocalDate asOf) {
        checkCovers(history, asOf);
        return history.before(asOf).counts();
    }

    /** Fails unless the table has a row for the day before {@code asOf}. */
    static void checkCovers(FeatureTable history, LocalDate asOf) {
        if (history.size() == 0 || history.indexOf(asOf.minusDays(1)) < 0) {
            throw new IllegalArgumentException("no history on " + asOf.minusDays(1) + ", the day before asOf "
                    + asOf
                    + (history.size() == 0
                            ? ""
                            : " (history covers " + history.firstDate() + ".." + history.lastDate() + ")"));
        }
    }

    /** The value at i, or NaN outside the array. */
    static double at(double[] values, int i) {
        return i < 0 || i >= values.length ? Double.NaN : values[i];
    }
}
