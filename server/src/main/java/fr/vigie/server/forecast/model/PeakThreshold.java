package fr.vigie.server.forecast.model;

import java.util.Arrays;

/** The default peak threshold: the 90th percentile of the known daily counts of the training window. */
public final class PeakThreshold {

    /** Quantile used when the caller gives no threshold. */
    public static final double DEFAULT_QUANTILE = 0.9;

    private PeakThreshold() {}

    /**
     * 90th percentile (type 7, linear interpolation, as R's default) of the non-NaN counts.
     *
     * @throws IllegalArgumentException when no count is known
     */
    public static double defaultFor(double[] counts) {
        return quantile(counts, DEFAULT_QUANTILE);
    }

    /** {@code threshold} when it is a number, else {@link #defaultFor(double[])} of the counts. */
    public static double resolve(double threshold, double[] counts) {
        return Double.isNaN(threshold) ? defaultFor(counts) : threshold;
    }

    /** Type-7 quantile of the non-NaN values. */
    public static double quantile(double[] values, double p) {
        double[] known =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            throw new IllegalArgumentException("no known daily count to compute a threshold from");
        }
        double h = (known.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, known.length - 1);
        return known[lo] + (h - lo) * (known[hi] - known[lo]);
    }
}
