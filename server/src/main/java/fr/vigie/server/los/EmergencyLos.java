package fr.vigie.server.los;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.triage.Boosting;
import fr.vigie.server.triage.KtasRecord;
import fr.vigie.server.triage.TriageFeatures;
import fr.vigie.server.triage.TriageInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;

/**
 * The emergency-department length-of-stay model: {@link LosModel} in minutes over the triage features ({@link
 * TriageFeatures}) plus {@code triageLevel} (KTAS 1–5; FRENCH 3A and 3B count as 3), trained on the KTAS data's
 * {@code Length of stay_min} with the expert level as {@code triageLevel}. Stays are capped at {@value
 * #CAP_MINUTES} minutes (24 h) before training and evaluation: in the training file 129 of 887 stays (14.5 %) exceed
 * 24 h, forming a separate mode of 4 to 8 days (admitted patients whose ward stay was recorded) with 12 values above
 * 100,000 min (maximum 709,510, about 16 months), while only 3 lie between 24 h and 48 h. An emergency stay never
 * lasts days, so these are recording artefacts, not stays to predict; the cap keeps them as "very long" without
 * letting them dominate. Predictions, interval ends included, are therefore at most 24 h. The interval is
 * calibrated ({@link LosModel#calibration()}, offset in the model card, see {@link LosModelTool}).
 */
public final class EmergencyLos {

    /** Cap applied to stays, minutes. */
    public static final double CAP_MINUTES = 1440;

    /** Field of the model card's {@code intervalCalibration} holding the offset ({@link LosModel#calibration()}). */
    public static final String CALIBRATION_FIELD = "offsetLog1pMinutes";

    /** Classpath folder of the shipped model. */
    public static final String FOLDER = "models/los-emergency/";

    /** File name of the quantile model {@code q} (10, 50, 90). */
    static String modelFile(int percent) {
        return "los-emergency-q" + percent + ".ubj";
    }

    private EmergencyLos() {}

    /** Feature names: the triage features, then {@code triageLevel}. */
    public static List<String> names(TriageFeatures features) {
        List<String> names = new ArrayList<>(features.names());
        names.add("triageLevel");
        return names;
    }

    /** The feature vector; {@code ktasLevel} 1–5. */
    public static float[] vector(TriageFeatures features, TriageInput input, int ktasLevel) {
        float[] base = features.vector(input);
        float[] row = new float[base.length + 1];
        System.arraycopy(base, 0, row, 0, base.length);
        row[base.length] = ktasLevel;
        return row;
    }

    /** The training row of a KTAS record (expert level as triage level). */
    public static float[] vector(TriageFeatures features, KtasRecord record) {
        return vector(features, TriageInput.of(record), record.ktasExpert());
    }

    /** A KTAS record's capped stay in minutes, or null when missing. */
    public static Double cappedStay(KtasRecord record) {
        return record.lengthOfStayMinutes() == null ? null : Math.min(record.lengthOfStayMinutes(), CAP_MINUTES);
    }

    /** Loads the shipped model, checking its feature list, with its interval calibration. */
    public static LosModel fromClasspath(TriageFeatures features) {
        JsonNode card = json(read(FOLDER + "model-card.json"));
        List<String> cardFeatures = new ArrayList<>();
        card.path("features").forEach(node -> cardFeatures.add(node.asText()));
        List<String> names = names(features);
        if (!cardFeatures.equals(names)) {
            throw new IllegalStateException(
                    "Emergency length-of-stay model " + card.path("version").asText()
                            + " was trained on other features than the current ones: rebuild it with LosModelTool train");
        }
        Booster[] boosters = new Booster[LosModel.QUANTILES.length];
        for (int q = 0; q < boosters.length; q++) {
            boosters[q] = Boosting.fromBytes(read(FOLDER + modelFile(percent(q))));
        }
        JsonNode offset = card.path("intervalCalibration").path(CALIBRATION_FIELD);
        if (!offset.isNumber()) {
            throw new IllegalStateException("Emergency length-of-stay model card has no intervalCalibration."
                    + CALIBRATION_FIELD + ": rebuild it with LosModelTool train");
        }
        return new LosModel(boosters, card.path("version").asText(), "min", names, offset.asDouble(), CAP_MINUTES);
    }

    static int percent(int quantileIndex) {
        return (int) Math.round(LosModel.QUANTILES[quantileIndex] * 100);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = EmergencyLos.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        resource + " is not on the classpath: build it with LosModelTool train (README, $los)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
