package fr.vigie.server.forecast.model;

/**
 * A kind of admissions model (seasonal-naive, glm, xgboost, lstm, cnn, cnn-lstm). Implementations are Spring beans
 * discovered by {@link #name()}; they hold no per-hospital state: {@link #train} returns it.
 */
public interface ForecastModel {

    /** The name the operations use ({@code model=…}): lower-case kebab-case, unique. */
    String name();

    /**
     * Trains on {@code history} (every row may be used; the caller has already cut it at the training end date).
     *
     * @throws IllegalArgumentException when the history is too short or has no known count
     */
    TrainedForecast train(FeatureTable history, TrainingSettings settings);

    /** Reads back what {@link TrainedForecast#save()} wrote. */
    TrainedForecast load(byte[] bytes);
}
