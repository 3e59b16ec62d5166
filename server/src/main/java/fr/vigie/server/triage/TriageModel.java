package fr.vigie.server.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;

/**
 * The gradient-boosted KTAS level model: XGBoost {@code multi:softprob} over the {@link TriageFeatures}, five
 * classes (KTAS 1–5), trained on the expert panel's level of the KTAS data by {@link TriageModelTool}. Shipped as
 * {@value #MODEL} with its model card {@value #CARD} (data, features, parameters, seed, cross-validated metrics).
 * Loading checks that the card's feature list is the one {@link TriageFeatures} builds, so a lexicon change
 * without retraining fails at start rather than feeding the model shifted columns.
 *
 * <p>Probabilities and contributions are computed in Java from the booster's trees ({@link TreeEnsemble}): equal to
 * XGBoost4J's to float precision, without a native call per request, and the reason's TreeSHAP only over the trees
 * of the level it explains.
 */
public final class TriageModel {

    /** Classpath folder of the shipped model. */
    public static final String FOLDER = "models/triage/";

    /** Model file, Universal Binary JSON. */
    public static final String MODEL = FOLDER + "triage-ktas.ubj";

    /** Model card. */
    public static final String CARD = FOLDER + "model-card.json";

    /** Number of KTAS levels. */
    public static final int LEVELS = 5;

    private final Booster booster;
    private final TreeEnsemble trees;
    private final String version;
    private final TriageFeatures features;

    public TriageModel(Booster booster, String version, TriageFeatures features) {
        this.booster = booster;
        this.trees = TreeEnsemble.of(booster);
        this.version = version;
        this.features = features;
    }

    /** Loads the shipped model and checks its card against the features. */
    public static TriageModel fromClasspath(TriageFeatures features) {
        JsonNode card = readJson(CARD);
        List<String> cardFeatures = new ArrayList<>();
        card.path("features").forEach(node -> cardFeatures.add(node.asText()));
        if (!cardFeatures.equals(features.names())) {
            throw new IllegalStateException("Triage model "
                    + card.path("version").asText()
                    + " was trained on other features than the current ones (complaint lexicon changed?):"
                    + " rebuild it with TriageModelTool train. Card: " + cardFeatures + "; now: " + features.names());
        }
        return new TriageModel(
                Boosting.fromBytes(readBytes(MODEL)), card.path("version").asText(), features);
    }

    /** The model version, as in the model card and the {@code modelVersion} output. */
    public String version() {
        return version;
    }

    /** The features the model reads. */
    public TriageFeatures features() {
        return features;
    }

    /** The underlying booster (for serialisation). */
    public Booster booster() {
        return booster;
    }

    /** Probability of each KTAS level 1–5 (index 0 = level 1), summing to 1. */
    public double[] probabilities(float[] row) {
        float[] raw = trees.predict(row);
        double[] probabilities = new double[LEVELS];
        double sum = 0;
        for (int i = 0; i < LEVELS; i++) {
            probabilities[i] = raw[i];
            sum += raw[i];
        }
        for (int i = 0; i < LEVELS; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }

    /** SHAP contributions of each feature towards one KTAS level (1–5), in log-odds; bias left out. */
    public double[] contributions(float[] row, int ktasLevel) {
        return trees.contributions(row, ktasLevel - 1);
    }

    static JsonNode readJson(String resource) {
        try {
            return new ObjectMapper().readTree(readBytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + resource, e);
        }
    }

    static byte[] readBytes(String resource) {
        try (InputStream in = TriageModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        resource + " is not on the classpath: build it with the model command (README, $triage)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
