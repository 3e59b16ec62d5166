package fr.vigie.server.forecast.models;

import fr.vigie.server.forecast.model.CountDistribution;
import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.FrenchCalendar;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.springframework.stereotype.Component;

/**
 * Gradient-boosted trees (XGBoost4J) on lag features, one model for every horizon (the horizon is a feature). A row
 * is a pair (origin o, horizon h) for the day {@code d = o + h}; its features are the horizon, the calendar of day d,
 * the counts of the 7 days before o, the same weekday's latest count and the 7-day mean, all divided by the level
 * {@code L} = mean count of the 28 days before o, and the exposures of day o-1 (every {@code env:*} column).
 *
 * <p>Series breaks: the target is {@code y[d] / L} (Poisson objective, each row weighted by L, which is the Poisson
 * likelihood of the counts with offset log L), so the trees learn shapes relative to the recent level and the
 * forecast is always rescaled by the level at the origin: a tripled or halved series is followed within the 28-day
 * window, without extrapolating trees beyond the counts they saw.
 *
 * <p>Intervals: negative binomial with a size per horizon estimated on the last 20 % of origins, held out from a
 * first fit; the final model is then refitted on every origin. Hyperparameters (fixed, seed from the settings):
 * {@value #ROUNDS} rounds, eta 0.1 (0.01..0.3), max depth 4 (2..8), subsample 0.8, colsample 0.8, min child weight 5,
 * histogram trees on one thread (OpenMP threads spin when the
 * machine is busy, and one thread keeps runs byte-identical).
 */
@Component
public class XgboostModel implements ForecastModel {

    public static final String NAME = "xgboost";
    private static final int VERSION = 1;
    private static final int WARMUP = 28;
    static final int ROUNDS = 150;
    private static final double HOLDOUT = 0.2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainedForecast train(FeatureTable history, TrainingSettings settings) {
        List<String> env = GlmModel.envColumns(history);
        double[] y = history.counts();
        int maxHorizon = settings.maxHorizon();
        Rows all = new Rows();
        for (int o = WARMUP + 1; o < y.length; o++) {
            double level = Series.mean(y, o - WARMUP, o);
            if (Double.isNaN(level) || level <= 0) {
                continue;
            }
            for (int h = 0; h < maxHorizon && o + h < y.length; h++) {
                if (!Double.isNaN(y[o + h])) {
                    all.add(o, h, features(history, env, y, o, h, level), (float) (y[o + h] / level), (float) level);
                }
            }
        }
        if (all.size() < 200) {
            throw new IllegalArgumentException("xgboost needs more history: only " + all.size()
                    + " (origin, horizon) pairs with a known count and a non-zero 28-day level");
        }
        int cut = (int)
                (all.origins.get(all.size() - 1) - (all.origins.get(all.size() - 1) - all.origins.get(0)) * HOLDOUT);
        Rows early = all.filter(o -> o < cut - maxHorizon);
        Rows late = all.filter(o -> o >= cut);
        Map<String, Object> params = parameters(settings.seed());
        double[] sizes = new double[maxHorizon];
        Arrays.fill(sizes, Double.POSITIVE_INFINITY);
        if (early.size() >= 100 && late.size() >= 50) {
            settings.progress().report(0.05, "xgboost: fitting on the first 80 % to measure errors");
            Booster probe = train(early, params);
            float[][] predicted = predict(probe, late.features());
            probe.dispose();
            for (int h = 0; h < maxHorizon; h++) {
                List<Double> obs = new ArrayList<>();
                List<Double> pred = new ArrayList<>();
                for (int i = 0; i < late.size(); i++) {
                    if (late.horizons.get(i) == h) {
                        obs.add((double) late.labels.get(i) * late.weights.get(i));
                        pred.add((double) predicted[i][0] * late.weights.get(i));
                    }
                }
                sizes[h] = CountDistribution.estimateSize(
                        obs.stream().mapToDouble(Double::doubleValue).toArray(),
                        pred.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        settings.progress().report(0.5, "xgboost: fitting on every origin");
        Booster booster = train(all, params);
        settings.progress().report(1.0, "xgboost: trained");
        try {
            return new Trained(env, booster.toByteArray("ubj"), sizes, booster);
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot serialise the XGBoost model: " + e.getMessage(), e);
        }
    }

    @Override
    public TrainedForecast load(byte[] bytes) {
        ModelBytes.Reader in = new ModelBytes.Reader(bytes, NAME, VERSION);
        List<String> env = in.getStrings();
        double[] sizes = in.getDoubles();
        byte[] model = in.getBytes();
        try {
            Booster booster = XGBoost.loadModel(model);
            booster.setParam("nthread", 1);
            return new Trained(env, model, sizes, booster);
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("not an XGBoost model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> parameters(long seed) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "count:poisson");
        params.put("eta", 0.1);
        params.put("max_depth", 4);
        params.put("subsample", 0.8);
        params.put("colsample_bytree", 0.8);
        params.put("min_child_weight", 5);
        params.put("tree_method", "hist");
        params.put("nthread", 1);
        params.put("seed", (int) seed);
        params.put("verbosity", 0);
        return params;
    }

    private static Booster train(Rows rows, Map<String, Object> params) {
        try {
            DMatrix matrix = new DMatrix(rows.flat(), rows.size(), rows.width(), Float.NaN);
            try {
                matrix.setLabel(rows.labelArray());
                matrix.setWeight(rows.weightArray());
                return XGBoost.train(matrix, params, ROUNDS, Map.of(), null, null);
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    private static float[][] predict(Booster booster, List<float[]> rows) {
        if (rows.isEmpty()) {
            return new float[0][];
        }
        int width = rows.get(0).length;
        float[] flat = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, flat, r * width, width);
        }
        try {
            return booster.inplace_predict(flat, rows.size(), width, Float.NaN);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    /** Features of (origin o, horizon h); counts relative to the level. */
    static float[] features(FeatureTable table, List<String> env, double[] y, int o, int h, double level) {
        float[] row = new float[1 + FrenchCalendar.NAMES.size() + 9 + env.size()];
        int k = 0;
        row[k++] = h;
        for (double c : FrenchCalendar.features(table.firstDate().plusDays(o + h))) {
            row[k++] = (float) c;
        }
        for (int lag = 1; lag <= 7; lag++) {
            row[k++] = (float) (Series.at(y, o - lag) / level);
        }
        row[k++] = (float) (SeasonalNaiveModel.predict(y, o, h) / level);
        row[k++] = (float) (Series.mean(y, o - 7, o) / level);
        int last = o - 1;
        for (String name : env) {
            int column = table.column(name);
            row[k++] = column >= 0 && last >= 0 && last < table.size()
                    ? (float) table.features()[last][column]
                    : Float.NaN;
        }
        return row;
    }

    /** Training rows being collected. */
    private static final class Rows {
        final List<Integer> origins = new ArrayList<>();
        final List<Integer> horizons = new ArrayList<>();
        final List<float[]> features = new ArrayList<>();
        final List<Float> labels = new ArrayList<>();
        final List<Float> weights = new ArrayList<>();

        void add(int o, int h, float[] row, float label, float weight) {
            origins.add(o);
            horizons.add(h);
            features.add(row);
            labels.add(label);
            weights.add(weight);
        }

        int size() {
            return features.size();
        }

        int width() {
            return features.get(0).length;
        }

        List<float[]> features() {
            return features;
        }

        Rows filter(java.util.function.IntPredicate origin) {
            Rows out = new Rows();
            for (int i = 0; i < size(); i++) {
                if (origin.test(origins.get(i))) {
                    out.add(origins.get(i), horizons.get(i), features.get(i), labels.get(i), weights.get(i));
                }
            }
            return out;
        }

        float[] flat() {
            int width = width();
            float[] flat = new float[size() * width];
            for (int r = 0; r < size(); r++) {
                System.arraycopy(features.get(r), 0, flat, r * width, width);
            }
            return flat;
        }

        float[] labelArray() {
            float[] out = new float[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = labels.get(i);
            }
            return out;
        }

        float[] weightArray() {
            float[] out = new float[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = weights.get(i);
            }
            return out;
        }
    }

    private static final class Trained implements TrainedForecast {
        private final List<String> env;
        private final byte[] model;
        private final double[] sizes;
        private final Booster booster;

        Trained(List<String> env, byte[] model, double[] sizes, Booster booster) {
            this.env = List.copyOf(env);
            this.model = model;
            this.sizes = sizes;
            this.booster = booster;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<DayForecast> forecast(FeatureTable history, LocalDate asOf, int horizon, double peakThreshold) {
            double[] y = Series.countsBefore(history, asOf);
            int o = y.length;
            double level = Series.mean(y, o - WARMUP, o);
            if (Double.isNaN(level)) {
                throw new IllegalArgumentException(
                        "no admissions counted in the " + WARMUP + " days before " + asOf + ": xgboost needs a level");
            }
            FeatureTable past = history.before(asOf);
            List<float[]> rows = new ArrayList<>();
            for (int h = 0; h < horizon; h++) {
                rows.add(features(past, env, y, o, h, level));
            }
            float[][] predicted = level > 0 ? predict(booster, rows) : null;
            List<DayForecast> days = new ArrayList<>();
            for (int h = 0; h < horizon; h++) {
                double mean = level > 0 ? predicted[h][0] * level : 0;
                days.add(CountDistribution.forecast(
                        asOf.plusDays(h), mean, sizes[Math.min(h, sizes.length - 1)], peakThreshold));
            }
            return days;
        }

        @Override
        public byte[] save() {
            return new ModelBytes.Writer(NAME, VERSION)
                    .putStrings(env)
                    .putDoubles(sizes)
                    .putBytes(model)
                    .toBytes();
        }
    }
}
