package fr.vigie.server.forecast.deep;

import java.util.List;

/**
 * What is stored beside a network's weights: enough to rebuild its inputs (window, scalers), turn its outputs into
 * counts (negative-binomial size per horizon) and describe it in a model card.
 *
 * @param format version of this layout (1)
 * @param model model name ({@code lstm}, {@code cnn}, {@code cnn-lstm})
 * @param library the library that trained it ({@code deeplearning4j <version>})
 * @param seed training seed
 * @param hyperparameters hyperparameters used
 * @param maxHorizon horizons the network answers (days asOf..asOf+maxHorizon-1)
 * @param trainedFrom first day of the training table (ISO date)
 * @param trainedTo last day of the training table (ISO date)
 * @param trainingOrigins forecast origins trained on
 * @param validationOrigins latest origins held out (early stopping, predictive distributions)
 * @param validationFrom first held-out origin (ISO date)
 * @param epochs epochs run
 * @param bestEpoch epoch kept (lowest validation loss), 1-based
 * @param validationLoss mean squared error of the level ratio on the held-out origins at the kept epoch
 * @param validationMae mean absolute error in admissions a day on the held-out origins, per horizon
 * @param nbSize negative-binomial size per horizon fitted to the held-out errors (1e9 = Poisson)
 * @param exogenous standardised feature columns, in channel order
 * @param means their training means
 * @param scales their training standard deviations
 * @param trainingSeconds wall-clock training time
 */
public record DeepModelMetadata(
        int format,
        String model,
        String library,
        long seed,
        DeepHyperparameters hyperparameters,
        int maxHorizon,
        String trainedFrom,
        String trainedTo,
        int trainingOrigins,
        int validationOrigins,
        String validationFrom,
        int epochs,
        int bestEpoch,
        double validationLoss,
        double[] validationMae,
        double[] nbSize,
        List<String> exogenous,
        double[] means,
        double[] scales,
        double trainingSeconds) {

    /** The current {@link #format()}. */
    public static final int FORMAT = 1;
}
