package fr.vigie.server.forecast.deep;

/**
 * Hyperparameters shared by the three networks. Defaults were chosen on the synthetic and NMMAPS series to keep
 * training under a minute on 10 years of daily data on 2 cores.
 *
 * @param window past days the network sees (default 28; valid 14..112)
 * @param hidden units of the LSTM, filters of each convolution and units of the dense layer (default 16; 4..256)
 * @param maxEpochs passes over the training origins at most (default 15; 1..500)
 * @param patience epochs without a better validation loss before training stops, the best epoch being kept (default
 *     4; 1..maxEpochs; 3 saved one epoch, 9–14 % of the time, with the same networks on NMMAPS 1987–1996, but was
 *     not checked on other series)
 * @param batchSize origins per gradient step (default 128; 8..1024)
 * @param learningRate Adam step size (default 0.005; 1e-5..0.1)
 * @param l2 weight decay (default 1e-4; 0..0.1)
 * @param validationFraction share of the latest origins held out for early stopping and to fit the predictive
 *     distributions (default 0.15; 0.05..0.5)
 */
public record DeepHyperparameters(
        int window,
        int hidden,
        int maxEpochs,
        int patience,
        int batchSize,
        double learningRate,
        double l2,
        double validationFraction) {

    public DeepHyperparameters {
        check(window >= 14 && window <= 112, "window must be in 14..112: " + window);
        check(hidden >= 4 && hidden <= 256, "hidden must be in 4..256: " + hidden);
        check(maxEpochs >= 1 && maxEpochs <= 500, "maxEpochs must be in 1..500: " + maxEpochs);
        check(patience >= 1 && patience <= maxEpochs, "patience must be in 1..maxEpochs: " + patience);
        check(batchSize >= 8 && batchSize <= 1024, "batchSize must be in 8..1024: " + batchSize);
        check(learningRate >= 1e-5 && learningRate <= 0.1, "learningRate must be in 1e-5..0.1: " + learningRate);
        check(l2 >= 0 && l2 <= 0.1, "l2 must be in 0..0.1: " + l2);
        check(
                validationFraction >= 0.05 && validationFraction <= 0.5,
                "validationFraction must be in 0.05..0.5: " + validationFraction);
    }

    /** The defaults documented above. */
    public static DeepHyperparameters defaults() {
        return new DeepHyperparameters(28, 16, 15, 4, 128, 0.005, 1e-4, 0.15);
    }

    /** The same with another epoch budget (and patience capped to it). */
    public DeepHyperparameters withMaxEpochs(int epochs) {
        return new DeepHyperparameters(
                window, hidden, epochs, Math.min(patience, epochs), batchSize, learningRate, l2, validationFraction);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
