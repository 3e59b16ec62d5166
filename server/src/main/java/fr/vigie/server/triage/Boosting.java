package fr.vigie.server.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Thin, deterministic use of XGBoost4J (gradient-boosted trees, native library inside the jar; needs the OpenMP
 * runtime {@code libgomp1} on Linux). Training always runs on one thread with a fixed seed and the exact tree method,
 * so the same data gives byte-identical models; prediction uses in-place prediction (no DMatrix), which XGBoost
 * documents as thread-safe. Models are kept in XGBoost's Universal Binary JSON format ({@code ubj}), stable across
 * XGBoost versions.
 */
public final class Boosting {

    /** The seed of every training run. */
    public static final int SEED = 20261128;

    private Boosting() {}

    /** Parameters common to every model: one thread, fixed seed, exact trees. */
    public static Map<String, Object> baseParameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("nthread", 1);
        params.put("seed", SEED);
        params.put("tree_method", "exact");
        params.put("verbosity", 0);
        return params;
    }

    /** Trains a booster on dense rows (NaN = missing). */
    public static Booster train(float[][] rows, float[] labels, Map<String, Object> params, int rounds) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        try {
            DMatrix matrix = matrix(rows);
            try {
                matrix.setLabel(labels);
                return XGBoost.train(matrix, params, rounds, Map.of(), null, null);
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    /** Predictions for one row: class probabilities for a multi-class model, one value for a regression. */
    public static float[] predict(Booster booster, float[] row) {
        try {
            return booster.inplace_predict(row, 1, row.length, Float.NaN)[0];
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    /** Predictions for many rows. */
    public static float[][] predict(Booster booster, float[][] rows) {
        if (rows.length == 0) {
            return new float[0][];
        }
        int columns = rows[0].length;
        float[] flat = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * columns, columns);
        }
        try {
            return booster.inplace_predict(flat, rows.length, columns, Float.NaN);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    /**
     * SHAP contributions for one row (Lundberg et al., TreeSHAP): for a model with k outputs, k blocks of (features +
     * 1) values, the last of each block the bias.
     */
    public static float[] contributions(Booster booster, float[] row) {
        try {
            DMatrix matrix = matrix(new float[][] {row});
            try {
                return booster.predictContrib(matrix, 0)[0];
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost contributions failed: " + e.getMessage(), e);
        }
    }

    /** The model in Universal Binary JSON. */
    public static byte[] toBytes(Booster booster) {
        try {
            return booster.toByteArray("ubj");
        } catch (XGBoostError e) {
            throw new IllegalStateException("Cannot serialise XGBoost model: " + e.getMessage(), e);
        }
    }

    /** A model from its bytes (UBJ or JSON). */
    public static Booster fromBytes(byte[] bytes) {
        try {
            Booster booster = XGBoost.loadModel(bytes);
            booster.setParam("nthread", 1);
            return booster;
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("Not an XGBoost model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DMatrix matrix(float[][] rows) throws XGBoostError {
        int columns = rows[0].length;
        float[] flat = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, not " + columns);
            }
            System.arraycopy(rows[r], 0, flat, r * columns, columns);
        }
        return new DMatrix(flat, rows.length, columns, Float.NaN);
    }
}
