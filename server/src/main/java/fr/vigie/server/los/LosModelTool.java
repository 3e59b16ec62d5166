package fr.vigie.server.los;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.server.triage.Boosting;
import fr.vigie.server.triage.ComplaintCategorizer;
import fr.vigie.server.triage.Folds;
import fr.vigie.server.triage.KtasDataset;
import fr.vigie.server.triage.KtasRecord;
import fr.vigie.server.triage.TriageFeatures;
import fr.vigie.server.triage.TriageModelTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import ml.dmlc.xgboost4j.java.Booster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates and rebuilds the emergency length-of-stay model ({@link EmergencyLos}); same class path as {@link
 * TriageModelTool}:
 *
 * <pre>
 * java -cp "server/target/classes:$(cat server/target/cp.txt)" fr.vigie.server.los.LosModelTool evaluate
 * java -cp "server/target/classes:$(cat server/target/cp.txt)" fr.vigie.server.los.LosModelTool train
 * </pre>
 *
 * <p>{@code evaluate}: the same stratified 5-fold split as the triage model (by expert level, seed {@value
 * TriageModelTool#FOLD_SEED}); on each held-out fold, mean and median absolute error of the median prediction, the
 * coverage of the 80 % interval, next to a baseline predicting the training folds' median stay. Stays are capped at
 * 24 h for training and scoring alike. {@code train} also trains on every row and writes the three models and the
 * model card under {@code server/src/main/resources/models/los-emergency/}.
 */
public final class LosModelTool {

    /** Model name and version. */
    public static final String VERSION = "los-emergency-1.0.0";

    private static final Logger LOG = LoggerFactory.getLogger(LosModelTool.class);
    private static final Path OUTPUT = Path.of("server/src/main/resources/models/los-emergency");

    private LosModelTool() {}

    /**
     * Cross-validated errors in minutes.
     *
     * @param n stays scored
     * @param modelMae mean absolute error of the model's median
     * @param modelMedianAe median absolute error of the model's median
     * @param baselineMae mean absolute error of the training median
     * @param baselineMedianAe median absolute error of the training median
     * @param coverage share of stays inside the model's 80 % interval
     */
    public record Evaluation(
            int n,
            double modelMae,
            double modelMedianAe,
            double baselineMae,
            double baselineMedianAe,
            double coverage) {

        /** A Markdown table. */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "| ED length of stay (5-fold CV, capped 24 h) | n | MAE (min) | median AE (min) | 80 %% interval"
                            + " coverage |%n|---|---|---|---|---|%n| model (%s) | %d | %.1f | %.1f | %.3f |%n"
                            + "| median baseline | %d | %.1f | %.1f | - |%nMAE change vs baseline: %+.1f %%%n",
                    VERSION,
                    n,
                    modelMae,
                    modelMedianAe,
                    coverage,
                    n,
                    baselineMae,
                    baselineMedianAe,
                    100 * (modelMae - baselineMae) / baselineMae);
        }
    }

    /** Trains on records with a stay. */
    public static LosModel train(List<KtasRecord> records, TriageFeatures features) {
        List<float[]> rows = new ArrayList<>();
        List<Double> stays = new ArrayList<>();
        for (KtasRecord record : records) {
            Double stay = EmergencyLos.cappedStay(record);
            if (stay != null) {
                rows.add(EmergencyLos.vector(features, record));
                stays.add(stay);
            }
        }
        return LosModel.train(
                rows.toArray(float[][]::new),
                stays.stream().mapToDouble(Double::doubleValue).toArray(),
                VERSION,
                "min",
                EmergencyLos.names(features));
    }

    /** Stratified 5-fold cross-validation against the median baseline. */
    public static Evaluation crossValidate(List<KtasRecord> records, TriageFeatures features) {
        List<KtasRecord> usable =
                records.stream().filter(r -> r.lengthOfStayMinutes() != null).toList();
        int[] expert = usable.stream().mapToInt(KtasRecord::ktasExpert).toArray();
        int[] folds = Folds.stratified(expert, TriageModelTool.FOLDS, TriageModelTool.FOLD_SEED);
        double[] modelErrors = new double[usable.size()];
        double[] baselineErrors = new double[usable.size()];
        int covered = 0;
        for (int fold = 0; fold < TriageModelTool.FOLDS; fold++) {
            List<KtasRecord> training = new ArrayList<>();
            for (int i = 0; i < usable.size(); i++) {
                if (folds[i] != fold) {
                    training.add(usable.get(i));
                }
            }
            double median = median(training.stream()
                    .mapToDouble(r -> EmergencyLos.cappedStay(r))
                    .toArray());
            LosModel model = train(training, features);
            for (int i = 0; i < usable.size(); i++) {
                if (folds[i] == fold) {
                    double actual = EmergencyLos.cappedStay(usable.get(i));
                    LosModel.Prediction p = model.predict(EmergencyLos.vector(features, usable.get(i)));
                    modelErrors[i] = Math.abs(p.expected() - actual);
                    baselineErrors[i] = Math.abs(median - actual);
                    if (actual >= p.lower() && actual <= p.upper()) {
                        covered++;
                    }
                }
            }
            model.dispose();
        }
        return new Evaluation(
                usable.size(),
                mean(modelErrors),
                median(modelErrors),
                mean(baselineErrors),
                median(baselineErrors),
                (double) covered / usable.size());
    }

    /** {@code evaluate [csv]} or {@code train [csv] [output folder]}. */
    public static void main(String[] args) throws IOException {
        String command = args.length > 0 ? args[0] : "evaluate";
        Path data = args.length > 1 ? Path.of(args[1]) : KtasDataset.DEFAULT_PATH;
        Path output = args.length > 2 ? Path.of(args[2]) : OUTPUT;
        List<KtasRecord> records = KtasDataset.read(data);
        TriageFeatures features = new TriageFeatures(ComplaintCategorizer.fromClasspath());
        Evaluation evaluation = crossValidate(records, features);
        LOG.info("Emergency length of stay, {} rows of {}:\n{}", records.size(), data, evaluation.describe());
        if ("train".equals(command)) {
            LosModel model = train(records, features);
            Files.createDirectories(output);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode card = json.createObjectNode();
            card.put("name", "los-emergency");
            card.put("version", VERSION);
            card.put(
                    "purpose",
                    "Decision support: emergency-department length of stay (minutes) at triage, median and 80 %"
                            + " interval. Not a discharge plan.");
            card.put("algorithm", "XGBoost 3.0.4 reg:quantileerror on log(1 + minutes), quantiles 0.1, 0.5, 0.9");
            ObjectNode dataNode = card.putObject("data");
            dataNode.put("file", "ktas_train.csv (shared/data/ktas)");
            dataNode.put("sha256", sha(Files.readAllBytes(data)));
            dataNode.put("rows", records.size());
            dataNode.put("target", "Length of stay_min, capped at " + (int) EmergencyLos.CAP_MINUTES + " min");
            dataNode.put("triageLevelDuringTraining", "KTAS_expert");
            ArrayNode names = card.putArray("features");
            model.features().forEach(names::add);
            ObjectNode params = card.putObject("parameters");
            LosModel.parameters(0.5).forEach((key, value) -> params.put(key, String.valueOf(value)));
            params.put("quantile_alpha", Arrays.toString(LosModel.QUANTILES));
            params.put("rounds", LosModel.ROUNDS);
            card.put("seed", Boosting.SEED);
            ObjectNode cv = card.putObject("crossValidation");
            cv.put("method", "stratified 5-fold by KTAS_expert, fold seed " + TriageModelTool.FOLD_SEED);
            cv.put("n", evaluation.n());
            cv.put("maeMinutes", round(evaluation.modelMae()));
            cv.put("medianAbsoluteErrorMinutes", round(evaluation.modelMedianAe()));
            cv.put("intervalCoverage80", round(evaluation.coverage()));
            cv.put("baselineMaeMinutes", round(evaluation.baselineMae()));
            cv.put("baselineMedianAbsoluteErrorMinutes", round(evaluation.baselineMedianAe()));
            Booster[] boosters = model.boosters();
            ArrayNode files = card.putArray("files");
            for (int q = 0; q < boosters.length; q++) {
                byte[] bytes = Boosting.toBytes(boosters[q]);
                String file = EmergencyLos.modelFile(EmergencyLos.percent(q));
                Files.write(output.resolve(file), bytes);
                files.addObject()
                        .put("file", file)
                        .put("quantile", LosModel.QUANTILES[q])
                        .put("sha256", sha(bytes));
            }
            Files.writeString(output.resolve("model-card.json"), json.writeValueAsString(card) + "\n");
            LOG.info("Wrote {} to {}", VERSION, output);
        } else if (!"evaluate".equals(command)) {
            throw new IllegalArgumentException("Unknown command '" + command + "': expected evaluate or train");
        }
    }

    /** Mean. */
    public static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Median. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String sha(byte[] bytes) {
        return TriageModelTool.sha256(bytes);
    }
}
