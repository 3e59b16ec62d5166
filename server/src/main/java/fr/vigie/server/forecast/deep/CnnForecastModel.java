package fr.vigie.server.forecast.deep;

import org.springframework.stereotype.Component;

/**
 * Model {@code cnn}: a 1-D convolutional network (causal dilated convolutions covering the 28-day window, 16 filters by default), direct multi-horizon, on level-normalised counts (see {@link
 * WindowEncoder} and {@link DeepTrainer}).
 */
@Component
public class CnnForecastModel extends DeepForecastModel {

    public CnnForecastModel() {
        this(DeepHyperparameters.defaults());
    }

    public CnnForecastModel(DeepHyperparameters hyperparameters) {
        super(Architecture.CNN, hyperparameters);
    }
}
