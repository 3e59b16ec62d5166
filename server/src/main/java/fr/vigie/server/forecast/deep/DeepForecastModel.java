package fr.vigie.server.forecast.deep;

import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingSettings;

/**
 * Common part of the {@code lstm}, {@code cnn} and {@code cnn-lstm} models: training by {@link DeepTrainer}, loading
 * by {@link TrainedDeepForecast#load}. Subclasses only choose the {@link Architecture}.
 */
public abstract class DeepForecastModel implements ForecastModel {

    /** Deeplearning4j / ND4J version the networks are trained with (root POM {@code dl4j.version}). */
    public static final String LIBRARY_VERSION = "1.0.0-M2.1";

    private final Architecture architecture;
    private final DeepHyperparameters hyperparameters;

    protected DeepForecastModel(Architecture architecture, DeepHyperparameters hyperparameters) {
        this.architecture = architecture;
        this.hyperparameters = hyperparameters;
    }

    @Override
    public String name() {
        return architecture.modelName();
    }

    /** The hyperparameters this model trains with. */
    public DeepHyperparameters hyperparameters() {
        return hyperparameters;
    }

    @Override
    public TrainedForecast train(FeatureTable history, TrainingSettings settings) {
        return new DeepTrainer(architecture, hyperparameters).train(history, settings);
    }

    @Override
    public TrainedForecast load(byte[] bytes) {
        return TrainedDeepForecast.load(bytes, name());
    }
}
