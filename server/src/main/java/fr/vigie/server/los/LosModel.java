package fr.vigie.server.los;

import fr.vigie.server.triage.Boosting;
import fr.vigie.server.triage.TreeEnsemble;
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
 *
 * <p>Quantile models fitted on a few hundred stays give intervals that are too narrow on new stays (the emergency
 * model's covered 72 % of held-out stays instead of 80 %). A {@link #calibration()} offset, on the log(1 + stay)
 * scale, widens both ends: conformalized quantile regression (Romano, Patterson, Candès, "Conformalized Quantile
 * Regression", NeurIPS 2019), where the offset is the conformal quantile of the scores max(q10 − y, y − q90) of
 * stays the models did not see ({@link #conformalOffset(double[], double)}). It does not change the median.
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
    private final TreeEnsemble[] trees;
    private final String version;
    private final String unit;
    private final List<String> features;
    private final double calibration;
    private final double maximum;

    /** An uncalibrated model: the interval is the quantile models' own. */
    public LosModel(Booster[] boosters, String version, String unit, List<String> features) {
        this(boosters, version, unit, features, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * A model whose interval is widened by {@code calibration} on the log(1 + stay) scale at each end, and whose
     * predictions are at most {@code maximum} (the cap of the stays it learnt from).
     */
    public LosModel(
            Booster[] boosters,
            String version,
            String unit,
            List<String> features,
            double calibration,
            double maximum) {
        this(boosters, ensembles(boosters), version, unit, features, calibration, maximum);
    }

    private LosModel(
            Booster[] boosters,
            TreeEnsemble[] trees,
            String version,
            String unit,
            List<String> features,
            double calibration,
            double maximum) {
        if (boosters.length != QUANTILES.length) {
            throw new IllegalArgumentException("a length-of-stay model needs " + QUANTILES.length + " boosters");
        }
        if (!Double.isFinite(calibration)) {
            throw new IllegalArgumentException("calibration offset " + calibration + " is not a number");
        }
        this.boosters = boosters.clone();
        this.trees = trees;
        this.version = version;
        this.unit = unit;
        this.features = List.copyOf(features);
        this.calibration = calibration;
        this.maximum = maximum;
    }

    /** The same boosters with another calibration offset (they are shared, not copied). */
    public LosModel withCalibration(double offset) {
        return new LosModel(boosters, trees, version, unit, features, offset, maximum);
    }

    /** The same boosters with predictions capped at {@code cap} (they are shared, not copied). */
    public LosModel withMaximum(double cap) {
        return new LosModel(boosters, trees, version, unit, features, calibration, cap);
    }

    /** The calibration offset on the log(1 + stay) scale, 0 for none. */
    public double calibration() {
        return calibration;
    }

    /**
     * The split-conformal quantile of conformity scores for a target coverage: the ⌈(n + 1) × coverage⌉-th
     * smallest score (Romano et al. 2019, theorem 1), the largest score when that rank exceeds n.
     */
    public static double conformalOffset(double[] scores, double coverage) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no conformity scores");
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil((sorted.length + 1) * coverage);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** The conformity score of a stay against a row's raw 10th and 90th percentiles, on the log(1 + stay) scale. */
    public static double conformityScore(Booster lower, Booster upper, float[] row, double stay) {
        double y = Math.log1p(stay);
        return Math.max(Boosting.predict(lower, row)[0] - y, y - Boosting.predict(upper, row)[0]);
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

    /** The median and the (calibrated) 80 % interval for one row of features. */
    public Prediction predict(float[] row) {
        double[] log = new double[QUANTILES.length];
        for (int q = 0; q < QUANTILES.length; q++) {
            log[q] = trees[q].predict(row)[0];
        }
        Arrays.sort(log);
        return new Prediction(stay(log[1]), stay(log[0] - calibration), stay(log[2] + calibration));
    }

    private double stay(double log) {
        return Math.min(maximum, Math.max(0, Math.expm1(log)));
    }

    /** The boosters' trees evaluated in Java (see {@link TreeEnsemble}: no native call per prediction). */
    private static TreeEnsemble[] ensembles(Booster[] boosters) {
        TreeEnsemble[] trees = new TreeEnsemble[boosters.length];
        for (int q = 0; q < boosters.length; q++) {
            trees[q] = TreeEnsemble.of(boosters[q]);
        }
        return trees;
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
