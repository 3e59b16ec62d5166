package fr.vigie.server.forecast.deep;

import org.springframework.stereotype.Component;

/**
 * Model {@code lstm}: an LSTM layer (16 units by default) reading the 28-day window, direct multi-horizon, on level-normalised counts (see {@link
 * WindowEncoder} and {@link DeepTrainer}).
 */
@Component
public class LstmForecastModel extends DeepForecastModel {

    public LstmForecastModel() {
        this(DeepHyperparameters.defaults());
    }

    public LstmForecastModel(DeepHyperparameters hyperparameters) {
        super(Architecture.LSTM, hyperparameters);
    }
}
