package fr.vigie.server.forecast.model;

/**
 * What a training run is asked for.
 *
 * @param seed random seed (fixed: the same data and settings give the same model)
 * @param maxHorizon longest horizon the model must answer, in days (1..14); day 0 of a forecast is the asOf day itself,
 *     so a horizon of h covers asOf..asOf+h-1
 * @param peakThreshold admissions a day above which a day is a peak; {@code NaN} = the 90th percentile of the known
 *     daily counts in the training window ({@link PeakThreshold#defaultFor})
 * @param progress receives progress reports (fraction 0..1 and a message); never null
 */
public record TrainingSettings(long seed, int maxHorizon, double peakThreshold, TrainingProgress progress) {

    /** Longest horizon the operations accept. */
    public static final int MAX_HORIZON = 14;

    public TrainingSettings {
        if (maxHorizon < 1 || maxHorizon > MAX_HORIZON) {
            throw new IllegalArgumentException("maxHorizon must be in 1.." + MAX_HORIZON + ": " + maxHorizon);
        }
        if (progress == null) {
            progress = TrainingProgress.NONE;
        }
    }

    /** Defaults: seed 42, horizon 14, threshold from the data, no progress reports. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(42L, MAX_HORIZON, Double.NaN, TrainingProgress.NONE);
    }

    /** The same settings reporting progress to {@code listener}. */
    public TrainingSettings withProgress(TrainingProgress listener) {
        return new TrainingSettings(seed, maxHorizon, peakThreshold, listener);
    }
}
