package fr.vigie.server.los;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.server.triage.Boosting;
import fr.vigie.server.triage.Folds;
import fr.vigie.server.triage.KtasRecord;
import fr.vigie.server.triage.KtasToolArgs;
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
 * coverage of the 80 % interval before and after calibration, next to a baseline predicting the training folds'
 * median stay. Stays are capped at 24 h for training and scoring alike. {@code train} also trains on every row and
 * writes the three models and the model card (with the calibration offset) under {@code
 * server/src/main/resources/models/los-emergency/}.
 *
 * <p>Calibration (cross-conformal quantile regression): {@link #train} fits the three quantile models on all its
 * rows, then splits the same rows into {@value #CALIBRATION_FOLDS} stratified folds (seed {@value
 * #CALIBRATION_SEED}), fits the 10th and 90th percentile models on four and scores the fifth, and takes the conformal
 * quantile ({@link LosModel#conformalOffset}) of these out-of-fold scores as the offset. In {@code evaluate} this
 * happens inside each training part of the outer cross-validation, so the held-out fold never informs its own
 * interval.
 */
public final class LosModelTool {

    /** Model name and version. */
    public static final String VERSION = "los-emergency-1.1.0";

    /** Target coverage of the interval. */
    public static final double COVERAGE = 0.8;

    /** Folds of the calibration's inner cross-validation. */
    public static final int CALIBRATION_FOLDS = 5;

    /** Seed of the calibration folds (not the evaluation's, so inner and outer splits differ). */
    public static final long CALIBRATION_SEED = 8L;

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
     * @param coverage share of stays inside the model's calibrated 80 % interval
     * @param rawCoverage share of stays inside the quantile models' own interval (before calibration)
     * @param width mean width of the calibrated interval, minutes
     * @param rawWidth mean width of the uncalibrated interval, minutes
     */
    public record Evaluation(
            int n,
            double modelMae,
            double modelMedianAe,
            double baselineMae,
            double baselineMedianAe,
            double coverage,
            double rawCoverage,
            double width,
            double rawWidth) {

        /** A Markdown table. */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "| ED length of stay (5-fold CV, capped 24 h) | n | MAE (min) | median AE (min) | 80 %% interval"
                            + " coverage | mean width (min) |%n|---|---|---|---|---|---|%n"
                            + "| model (%s), calibrated interval | %d | %.1f | %.1f | %.3f | %.0f |%n"
                            + "| same, uncalibrated interval | %d | %.1f | %.1f | %.3f | %.0f |%n"
                            + "| median baseline | %d | %.1f | %.1f | - | - |%nMAE change vs baseline: %+.1f %%%n",
                    VERSION,
                    n,
                    modelMae,
                    modelMedianAe,
                    coverage,
                    width,
                    n,
                    modelMae,
                    modelMedianAe,
                    rawCoverage,
                    rawWidth,
                    n,
                    baselineMae,
                    baselineMedianAe,
                    100 * (modelMae - baselineMae) / baselineMae);
        }
    }

    /** Trains on records with a stay, interval calibrated (see the class comment). */
    public static LosModel train(List<KtasRecord> records, TriageFeatures features) {
        List<KtasRecord> usable =
                records.stream().filter(r -> r.lengthOfStayMinutes() != null).toList();
        float[][] rows =
                usable.stream().map(r -> EmergencyLos.vector(features, r)).toArray(float[][]::new);
        double[] stays = usable.stream().mapToDouble(EmergencyLos::cappedStay).toArray();
        LosModel model = LosModel.train(rows, stays, VERSION, "min", EmergencyLos.names(features));
        return model.withCalibration(calibrationOffset(usable, rows, stays)).withMaximum(EmergencyLos.CAP_MINUTES);
    }

    /** The cross-conformal offset: out-of-fold conformity scores of the 10th/90th percentile models. */
    static double calibrationOffset(List<KtasRecord> usable, float[][] rows, double[] stays) {
        int[] expert = usable.stream().mapToInt(KtasRecord::ktasExpert).toArray();
        int[] folds = Folds.stratified(expert, CALIBRATION_FOLDS, CALIBRATION_SEED);
        double[] scores = new double[rows.length];
        for (int fold = 0; fold < CALIBRATION_FOLDS; fold++) {
            List<float[]> trainRows = new ArrayList<>();
            List<Float> trainLabels = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                if (folds[i] != fold) {
                    trainRows.add(rows[i]);
                    trainLabels.add((float) Math.log1p(stays[i]));
                }
            }
            float[][] x = trainRows.toArray(float[][]::new);
            float[] y = new float[trainLabels.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = trainLabels.get(i);
            }
            Booster lower = Boosting.train(x, y, LosModel.parameters(LosModel.QUANTILES[0]), LosModel.ROUNDS);
            Booster upper = Boosting.train(
                    x, y, LosModel.parameters(LosModel.QUANTILES[LosModel.QUANTILES.length - 1]), LosModel.ROUNDS);
            for (int i = 0; i < rows.length; i++) {
                if (folds[i] == fold) {
                    scores[i] = LosModel.conformityScore(lower, upper, rows[i], stays[i]);
                }
            }
            lower.dispose();
            upper.dispose();
        }
        return LosModel.conformalOffset(scores, COVERAGE);
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
        int rawCovered = 0;
        double width = 0;
        double rawWidth = 0;
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
                    float[] row = EmergencyLos.vector(features, usable.get(i));
                    LosModel.Prediction p = model.predict(row);
                    LosModel.Prediction raw = model.withCalibration(0).predict(row);
                    modelErrors[i] = Math.abs(p.expected() - actual);
                    baselineErrors[i] = Math.abs(median - actual);
                    covered += actual >= p.lower() && actual <= p.upper() ? 1 : 0;
                    rawCovered += actual >= raw.lower() && actual <= raw.upper() ? 1 : 0;
                    width += p.upper() - p.lower();
                    rawWidth += raw.upper() - raw.lower();
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
                (double) covered / usable.size(),
                (double) rawCovered / usable.size(),
                width / usable.size(),
                rawWidth / usable.size());
    }

    /** Cross-validates the length-of-stay model on the KTAS data, and with {@code train} writes it ({@link KtasToolArgs}). */
    public static void main(String[] args) throws IOException {
        KtasToolArgs cli = KtasToolArgs.parse(args, OUTPUT);
        List<KtasRecord> records = cli.records();
        Path data = cli.data();
        Evaluation evaluation = crossValidate(records, cli.features());
        LOG.info("Emergency length of stay, {} rows of {}:\n{}", records.size(), data, evaluation.describe());
        if (cli.train()) {
            LosModel model = train(records, cli.features());
            Files.createDirectories(cli.output());
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode card = json.createObjectNode();
            card.put("name", "los-emergency");
            card.put("version", VERSION);
            card.put(
                    "purpose",
                    "Decision support: emergency-department length of stay (minutes) at triage, median and 80 %"
                            + " interval. Not a discharge plan.");
            card.put(
                    "algorithm",
                    "XGBoost 3.0.4 reg:quantileerror on log(1 + minutes), quantiles 0.1, 0.5, 0.9; interval calibrated"
                            + " by conformalized quantile regression");
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
            ObjectNode calibration = card.putObject("intervalCalibration");
            calibration.put(
                    "method",
                    "cross-conformal quantile regression (Romano, Patterson, Candes, NeurIPS 2019): conformity score"
                            + " max(q10 - y, y - q90) on log(1 + minutes), out of fold over " + CALIBRATION_FOLDS
                            + " stratified folds (seed " + CALIBRATION_SEED + "), conformal quantile for coverage "
                            + COVERAGE + "; lower = q10 - offset, upper = q90 + offset on that scale");
            calibration.put(EmergencyLos.CALIBRATION_FIELD, model.calibration());
            ObjectNode cv = card.putObject("crossValidation");
            cv.put("method", "stratified 5-fold by KTAS_expert, fold seed " + TriageModelTool.FOLD_SEED);
            cv.put("n", evaluation.n());
            cv.put("maeMinutes", round(evaluation.modelMae()));
            cv.put("medianAbsoluteErrorMinutes", round(evaluation.modelMedianAe()));
            cv.put("intervalCoverage80", round(evaluation.coverage()));
            cv.put("intervalCoverage80Uncalibrated", round(evaluation.rawCoverage()));
            cv.put("meanIntervalWidthMinutes", round(evaluation.width()));
            cv.put("meanIntervalWidthMinutesUncalibrated", round(evaluation.rawWidth()));
            cv.put("baselineMaeMinutes", round(evaluation.baselineMae()));
            cv.put("baselineMedianAbsoluteErrorMinutes", round(evaluation.baselineMedianAe()));
            Booster[] boosters = model.boosters();
            ArrayNode files = card.putArray("files");
            for (int q = 0; q < boosters.length; q++) {
                byte[] bytes = Boosting.toBytes(boosters[q]);
                String file = EmergencyLos.modelFile(EmergencyLos.percent(q));
                Files.write(cli.output().resolve(file), bytes);
                files.addObject()
                        .put("file", file)
                        .put("quantile", LosModel.QUANTILES[q])
                        .put("sha256", sha(bytes));
            }
            Files.writeString(cli.output().resolve("model-card.json"), json.writeValueAsString(card) + "\n");
            LOG.info("Wrote {} to {}", VERSION, cli.output());
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
