package fr.vigie.server.forecast.deep;

import org.springframework.stereotype.Component;

/**
 * Model {@code cnn-lstm}: a CNN-LSTM (two causal convolutions feeding an LSTM, 16 filters and units by default), direct multi-horizon, on level-normalised counts (see {@link
 * WindowEncoder} and {@link DeepTrainer}).
 */
@Component
public class CnnLstmForecastModel extends DeepForecastModel {

    public CnnLstmForecastModel() {
        this(DeepHyperparameters.defaults());
    }

    public CnnLstmForecastModel(DeepHyperparameters hyperparameters) {
        super(Architecture.CNN_LSTM, hyperparameters);
    }
}
