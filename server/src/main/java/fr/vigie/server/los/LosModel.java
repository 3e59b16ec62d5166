package fr.vigie.server.los;

import fr.vigie.server.triage.Boosting;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;

/**
 * A length-of-stay model: three XGBoost quantile regressions ({@code reg:quantileerror}, quantiles 0.1, 0.5 and
 * 0.9) on log(1 + length of stay). Quantiles commute with the monotone log transform, so exp − 1 of each prediction
 * is that quantile of the stay itself: the median is the {@code expected} value (the estimate minimising the
 * absolute error) and 0.1–0.9 the 80 % interval ({@code lower}, {@code upper}). Crossing quantiles are put back in
 * order.
 */
public final class LosModel {

    /** The three quantiles, in model order. */
    public static final double[] QUANTILES = {0.1, 0.5, 0.9};

    /**
     * A prediction, in the model's unit.
     *
     * @param expected median
     * @param lower 10th percentile
     * @param upper 90th percentile
     */
    public record Prediction(double expected, double lower, double upper) {}

    private final Booster[] boosters;
    private final String version;
    private final String unit;
    private final List<String> features;

    public LosModel(Booster[] boosters, String version, String unit, List<String> features) {
        if (boosters.length != QUANTILES.length) {
            throw new IllegalArgumentException("a length-of-stay model needs " + QUANTILES.length + " boosters");
        }
        this.boosters = boosters.clone();
        this.version = version;
        this.unit = unit;
        this.features = List.copyOf(features);
    }

    /** XGBoost parameters of the model for one quantile. */
    public static Map<String, Object> parameters(double quantile) {
        Map<String, Object> params = Boosting.baseParameters();
        params.put("objective", "reg:quantileerror");
        params.put("quantile_alpha", quantile);
        params.put("eta", 0.05);
        params.put("max_depth", 3);
        params.put("min_child_weight", 5);
        params.put("subsample", 0.8);
        params.put("colsample_bytree", 0.8);
        return params;
    }

    /** Boosting rounds per quantile model. */
    public static final int ROUNDS = 300;

    /** Trains the three quantile models on stays in {@code unit} (already capped by the caller). */
    public static LosModel train(float[][] rows, double[] stays, String version, String unit, List<String> features) {
        float[] labels = new float[stays.length];
        for (int i = 0; i < stays.length; i++) {
            if (!(stays[i] >= 0)) {
                throw new IllegalArgumentException("length of stay " + stays[i] + " at row " + i + " is not >= 0");
            }
            labels[i] = (float) Math.log1p(stays[i]);
        }
        Booster[] boosters = new Booster[QUANTILES.length];
        for (int q = 0; q < QUANTILES.length; q++) {
            boosters[q] = Boosting.train(rows, labels, parameters(QUANTILES[q]), ROUNDS);
        }
        return new LosModel(boosters, version, unit, features);
    }

    /** The median and the 80 % interval for one row of features. */
    public Prediction predict(float[] row) {
        double[] values = new double[QUANTILES.length];
        for (int q = 0; q < QUANTILES.length; q++) {
            values[q] = Math.max(0, Math.expm1(Boosting.predict(boosters[q], row)[0]));
        }
        Arrays.sort(values);
        return new Prediction(values[1], values[0], values[2]);
    }

    /** Model version. */
    public String version() {
        return version;
    }

    /** UCUM unit of the predictions: {@code min} or {@code d}. */
    public String unit() {
        return unit;
    }

    /** Feature names, in vector order. */
    public List<String> features() {
        return features;
    }

    /** The three boosters (quantile order). */
    public Booster[] boosters() {
        return boosters.clone();
    }

    /** Frees the native models. */
    public void dispose() {
        for (Booster booster : boosters) {
            booster.dispose();
        }
    }
}
