package fr.vigie.server.forecast.model;

/**
 * Intercept correction for series breaks: the ratio of what was observed to what the model predicted over the last
 * {@link #WINDOW_DAYS} days before the forecast origin, shrunk towards 1 by a prior worth {@link #PRIOR_DAYS} days of
 * agreement. A model whose training years no longer describe the level (an epidemic tripling a series, a coding or
 * catchment change halving it) multiplies its expected counts by this factor, so it follows the recent level within
 * days while a single odd day moves it little.
 */
public final class LevelCorrection {

    /** Days before the origin compared (4 weeks: whole weeks, so the weekly cycle cancels). */
    public static final int WINDOW_DAYS = 28;

    /** Weight of the prior "no break" (factor 1), in days of the model's own predictions. */
    public static final int PRIOR_DAYS = 7;

    private LevelCorrection() {}

    /**
     * The factor from the last {@link #WINDOW_DAYS} pairs ending at {@code end} (exclusive); NaN observations are
     * skipped. 1 when nothing is known.
     */
    public static double factor(double[] observed, double[] predicted, int end) {
        double obs = 0;
        double fit = 0;
        int n = 0;
        for (int i = Math.max(0, end - WINDOW_DAYS); i < end; i++) {
            if (Double.isNaN(observed[i]) || Double.isNaN(predicted[i])) {
                continue;
            }
            obs += observed[i];
            fit += predicted[i];
            n++;
        }
        if (n == 0 || fit <= 0) {
            return 1.0;
        }
        double prior = PRIOR_DAYS * fit / n;
        return (obs + prior) / (fit + prior);
    }
}
