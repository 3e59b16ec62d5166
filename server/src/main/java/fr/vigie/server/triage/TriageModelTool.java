package fr.vigie.server.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates and rebuilds the triage models (README, "$triage and $los"). From the repository root, after {@code
 * ./mvnw -o -q -pl server -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt}:
 *
 * <pre>
 * java -cp "server/target/classes:$(cat server/target/cp.txt)" fr.vigie.server.triage.TriageModelTool evaluate
 * java -cp "server/target/classes:$(cat server/target/cp.txt)" fr.vigie.server.triage.TriageModelTool train
 * </pre>
 *
 * <p>{@code evaluate} runs a stratified 5-fold cross-validation (folds by expert level, seed {@value #FOLD_SEED})
 * on {@link KtasDataset#DEFAULT_PATH}: for each fold the model is trained on the four others and the whole decision
 * (safety rules, then model) is scored on the held-out fold against the expert level ({@code KTAS_expert}), next to
 * the triage nurse ({@code KTAS_RN}) on the same cases. {@code train} does the same, then trains on every row and
 * writes {@link TriageModel#MODEL} and its model card (with the cross-validated figures) under {@code
 * server/src/main/resources/models/triage/}. Training is deterministic (one thread, fixed seed): rerunning gives
 * the same bytes.
 *
 * <p>{@code evaluate} also scores the review of the nurse's level ({@code nurseReview}, see {@link TriageEngine}) on
 * the same held-out cases: how many of the nurse's under- and over-triaged patients it flags, and how many of its
 * flags are right. {@code KTAS_RN} serves only there, as the decision under review and a baseline; it is never a
 * model input, nor are the columns known only after triage (diagnosis, disposition, length of stay, KTAS duration,
 * error group, mistriage).
 */
public final class TriageModelTool {

    /** Model name and version, bumped whenever features, parameters or data change. */
    public static final String VERSION = "triage-ktas-1.0.0";

    /** Seed of the fold assignment. */
    public static final long FOLD_SEED = 7L;

    /** Number of folds. */
    public static final int FOLDS = 5;

    /** Boosting rounds. */
    public static final int ROUNDS = 150;

    private static final Logger LOG = LoggerFactory.getLogger(TriageModelTool.class);
    private static final Path OUTPUT = Path.of("server/src/main/resources/models/triage");

    /** The engine's under-triage cost, or {@code -Dvigie.triage.under-triage-cost=} to compare others. */
    static final double UNDER_TRIAGE_COST_OVERRIDE = Double.parseDouble(
            System.getProperty("vigie.triage.under-triage-cost", "" + TriageEngine.UNDER_TRIAGE_COST));

    private TriageModelTool() {}

    /** XGBoost parameters of the triage model. */
    public static Map<String, Object> parameters() {
        Map<String, Object> params = Boosting.baseParameters();
        params.put("objective", "multi:softprob");
        params.put("num_class", TriageModel.LEVELS);
        params.put("eta", 0.05);
        params.put("max_depth", 4);
        params.put("min_child_weight", 1);
        params.put("subsample", 0.8);
        params.put("colsample_bytree", 0.8);
        params.put("lambda", 1.0);
        return params;
    }

    /** Trains the model on records. */
    public static TriageModel train(List<KtasRecord> records, TriageFeatures features) {
        float[][] rows = new float[records.size()][];
        float[] labels = new float[records.size()];
        for (int i = 0; i < records.size(); i++) {
            KtasRecord record = records.get(i);
            rows[i] = features.vector(TriageInput.of(record));
            labels[i] = record.ktasExpert() - 1;
        }
        Booster booster = Boosting.train(rows, labels, parameters(), ROUNDS);
        return new TriageModel(booster, VERSION, features);
    }

    /** The input of a KTAS record with the nurse's level, for the review (the answer does not read it). */
    public static TriageInput reviewInput(KtasRecord record) {
        return TriageInput.of(record).withNurseLevel(NurseLevel.ofKtas(record.ktasNurse()));
    }

    /**
     * Cross-validated figures of the decision, of the model alone, and of the nurse, on the same folds; then how the
     * review of the nurse's level did on the same held-out cases, at the engine's threshold and at others.
     */
    public record Evaluation(
            TriageEvaluation.Metrics decision,
            TriageEvaluation.Metrics modelOnly,
            TriageEvaluation.Metrics nurse,
            TriageEvaluation.Metrics majority,
            int[] predicted,
            List<ReviewFigures> reviews) {

        /** A Markdown table and the confusion matrices. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            text.append("| KTAS vs expert (5-fold CV) | n | accuracy | linear kappa | under-triage | over-triage |\n");
            text.append("|---|---|---|---|---|---|\n");
            row(text, "rules + model (" + VERSION + ")", decision);
            row(text, "model alone", modelOnly);
            row(text, "nurse (KTAS_RN)", nurse);
            row(text, "majority class", majority);
            text.append("\n").append(ReviewFigures.HEADER);
            reviews.forEach(review -> text.append(review.row()));
            text.append("\nrules + model, confusion (rows expert 1-5, columns predicted 1-5):\n");
            matrix(text, decision.confusion());
            text.append("nurse, confusion:\n");
            matrix(text, nurse.confusion());
            return text.toString();
        }

        private static void row(StringBuilder text, String name, TriageEvaluation.Metrics m) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n",
                    name,
                    m.count(),
                    m.accuracy(),
                    m.linearKappa(),
                    m.underTriageRate(),
                    m.overTriageRate()));
        }

        private static void matrix(StringBuilder text, int[][] confusion) {
            for (int[] line : confusion) {
                for (int cell : line) {
                    text.append(String.format(Locale.ROOT, "%5d", cell));
                }
                text.append('\n');
            }
        }
    }

    /**
     * How the review of the nurse's level did on held-out cases, at one threshold.
     *
     * @param threshold the probability beyond the nurse's level that flags it
     * @param cases held-out cases
     * @param nurseUnder cases the nurse under-triaged (less urgent than the experts)
     * @param flaggedUnder cases flagged {@code under-triage}
     * @param rightUnder flagged cases the nurse did under-triage
     * @param nurseOver cases the nurse over-triaged
     * @param flaggedOver cases flagged {@code over-triage}
     * @param rightOver flagged cases the nurse did over-triage
     */
    public record ReviewFigures(
            double threshold,
            int cases,
            int nurseUnder,
            int flaggedUnder,
            int rightUnder,
            int nurseOver,
            int flaggedOver,
            int rightOver) {

        static final String HEADER = "| review threshold | under-triage flags (share of cases) | nurse's under-triage"
                + " caught | flags right | over-triage flags | nurse's over-triage caught | flags right |\n"
                + "|---|---|---|---|---|---|---|\n";

        static ReviewFigures of(double threshold, int[] expert, int[] nurse, TriageEngine.Result[] results) {
            int nurseUnder = 0;
            int flaggedUnder = 0;
            int rightUnder = 0;
            int nurseOver = 0;
            int flaggedOver = 0;
            int rightOver = 0;
            for (int i = 0; i < expert.length; i++) {
                boolean under = nurse[i] > expert[i];
                boolean over = nurse[i] < expert[i];
                nurseUnder += under ? 1 : 0;
                nurseOver += over ? 1 : 0;
                TriageEngine.Review review = results[i].review(threshold);
                if (review == TriageEngine.Review.UNDER_TRIAGE) {
                    flaggedUnder++;
                    rightUnder += under ? 1 : 0;
                } else if (review == TriageEngine.Review.OVER_TRIAGE) {
                    flaggedOver++;
                    rightOver += over ? 1 : 0;
                }
            }
            return new ReviewFigures(
                    threshold, expert.length, nurseUnder, flaggedUnder, rightUnder, nurseOver, flaggedOver, rightOver);
        }

        /** One Markdown row. */
        public String row() {
            return String.format(
                    Locale.ROOT,
                    "| %.2f%s | %d (%.1f %%) | %d of %d (%.2f) | %d (%.2f) | %d (%.1f %%) | %d of %d (%.2f) | %d (%.2f) |%n",
                    threshold,
                    threshold == TriageEngine.REVIEW_THRESHOLD ? " (engine)" : "",
                    flaggedUnder,
                    100.0 * flaggedUnder / cases,
                    rightUnder,
                    nurseUnder,
                    ratio(rightUnder, nurseUnder),
                    rightUnder,
                    ratio(rightUnder, flaggedUnder),
                    flaggedOver,
                    100.0 * flaggedOver / cases,
                    rightOver,
                    nurseOver,
                    ratio(rightOver, nurseOver),
                    rightOver,
                    ratio(rightOver, flaggedOver));
        }

        private static double ratio(int part, int whole) {
            return whole == 0 ? Double.NaN : (double) part / whole;
        }
    }

    /** Thresholds the evaluation scores the review at (the engine's among them). */
    static final double[] REVIEW_THRESHOLDS = {0.3, 0.4, TriageEngine.REVIEW_THRESHOLD, 0.6, 0.7};

    /** Stratified k-fold cross-validation of the decision, with the nurse on the same cases. */
    public static Evaluation crossValidate(List<KtasRecord> records, TriageFeatures features) {
        int n = records.size();
        int[] expert = records.stream().mapToInt(KtasRecord::ktasExpert).toArray();
        int[] nurse = records.stream().mapToInt(KtasRecord::ktasNurse).toArray();
        int[] folds = Folds.stratified(expert, FOLDS, FOLD_SEED);
        int[] decision = new int[n];
        int[] modelOnly = new int[n];
        int[] majority = new int[n];
        TriageEngine.Result[] results = new TriageEngine.Result[n];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<KtasRecord> training = new ArrayList<>();
            int[] counts = new int[TriageModel.LEVELS + 1];
            for (int i = 0; i < n; i++) {
                if (folds[i] != fold) {
                    training.add(records.get(i));
                    counts[expert[i]]++;
                }
            }
            int mostFrequent = 1;
            for (int level = 2; level <= TriageModel.LEVELS; level++) {
                if (counts[level] > counts[mostFrequent]) {
                    mostFrequent = level;
                }
            }
            TriageModel model = train(training, features);
            TriageEngine engine = new TriageEngine(model, UNDER_TRIAGE_COST_OVERRIDE);
            for (int i = 0; i < n; i++) {
                if (folds[i] == fold) {
                    results[i] = engine.assess(reviewInput(records.get(i)));
                    decision[i] = results[i].ktasLevel();
                    modelOnly[i] = results[i].modelKtasLevel();
                    majority[i] = mostFrequent;
                }
            }
            model.booster().dispose();
        }
        List<ReviewFigures> reviews = new ArrayList<>();
        for (double threshold : REVIEW_THRESHOLDS) {
            reviews.add(ReviewFigures.of(threshold, expert, nurse, results));
        }
        return new Evaluation(
                TriageEvaluation.evaluate(expert, decision, TriageModel.LEVELS),
                TriageEvaluation.evaluate(expert, modelOnly, TriageModel.LEVELS),
                TriageEvaluation.evaluate(expert, nurse, TriageModel.LEVELS),
                TriageEvaluation.evaluate(expert, majority, TriageModel.LEVELS),
                decision,
                List.copyOf(reviews));
    }

    /** Cross-validates the triage model on the KTAS data, and with {@code train} writes it ({@link KtasToolArgs}). */
    public static void main(String[] args) throws IOException {
        KtasToolArgs cli = KtasToolArgs.parse(args, OUTPUT);
        List<KtasRecord> records = cli.records();
        Path data = cli.data();
        Evaluation evaluation = crossValidate(records, cli.features());
        LOG.info("Triage, {} rows of {}:\n{}", records.size(), data, evaluation.describe());
        if (cli.train()) {
            TriageModel model = train(records, cli.features());
            Files.createDirectories(cli.output());
            byte[] bytes = Boosting.toBytes(model.booster());
            Files.write(cli.output().resolve("triage-ktas.ubj"), bytes);
            Files.writeString(
                    cli.output().resolve("model-card.json"), card(data, records, model.features(), evaluation, bytes));
            LOG.info("Wrote {} ({} bytes) and its model card to {}", VERSION, bytes.length, cli.output());
        }
    }

    private static String card(
            Path data, List<KtasRecord> records, TriageFeatures features, Evaluation evaluation, byte[] model)
            throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode card = json.createObjectNode();
        card.put("name", "triage-ktas");
        card.put("version", VERSION);
        card.put(
                "purpose",
                "Decision support for emergency triage: probability of each KTAS level (1-5) from what is known before"
                        + " triage; the $triage operation applies documented safety rules first and maps KTAS to"
                        + " FRENCH; given the nurse's level it flags probable under- or over-triage from the same"
                        + " probabilities. Not a substitute for the triage nurse's judgement.");
        card.put("algorithm", "XGBoost 3.0.4 gradient-boosted trees (xgboost4j), objective multi:softprob");
        ObjectNode dataNode = card.putObject("data");
        dataNode.put("file", "ktas_train.csv (shared/data/ktas)");
        dataNode.put("sha256", sha256(Files.readAllBytes(data)));
        dataNode.put("rows", records.size());
        dataNode.put(
                "source",
                "Moon SH, Shim JL, Park KS, Park CS. Triage accuracy and causes of mistriage using the Korean Triage"
                        + " and Acuity Scale. PLoS ONE 14(9): e0216972, 2019. CC BY 4.0");
        dataNode.put("label", "KTAS_expert (expert panel level, 1-5)");
        ArrayNode excluded = dataNode.putArray("excludedColumns");
        List.of(
                        "KTAS_RN",
                        "Diagnosis in ED",
                        "Disposition",
                        "Error_group",
                        "Length of stay_min",
                        "KTAS duration_min",
                        "mistriage",
                        "Group",
                        "Patients number per hour")
                .forEach(excluded::add);
        ObjectNode labelCounts = dataNode.putObject("labelCounts");
        for (int level = 1; level <= TriageModel.LEVELS; level++) {
            final int l = level;
            labelCounts.put(
                    Integer.toString(level),
                    records.stream().filter(r -> r.ktasExpert() == l).count());
        }
        ArrayNode featureNames = card.putArray("features");
        features.names().forEach(featureNames::add);
        card.put("complaintLexiconVersion", features.lexiconVersion());
        card.put("missingValue", "NaN (XGBoost default branch)");
        card.put(
                "decision",
                "safety rules first; model level of least expected cost, under-triage cost "
                        + UNDER_TRIAGE_COST_OVERRIDE + " (over-triage 1); KTAS 3 -> FRENCH 3A/3B by probability mass;"
                        + " the nurse's level, when given, is flagged by a safety rule or by at least "
                        + TriageEngine.REVIEW_THRESHOLD + " model probability beyond it");
        ObjectNode params = card.putObject("parameters");
        parameters().forEach((key, value) -> params.put(key, String.valueOf(value)));
        params.put("rounds", ROUNDS);
        card.put("seed", Boosting.SEED);
        card.put("modelSha256", sha256(model));
        ObjectNode metrics = card.putObject("crossValidation");
        metrics.put("method", "stratified " + FOLDS + "-fold by KTAS_expert, fold seed " + FOLD_SEED);
        metrics.set("rulesAndModel", metrics(json, evaluation.decision()));
        metrics.set("modelAlone", metrics(json, evaluation.modelOnly()));
        metrics.set("nurse", metrics(json, evaluation.nurse()));
        metrics.set("majorityClass", metrics(json, evaluation.majority()));
        evaluation.reviews().stream()
                .filter(review -> review.threshold() == TriageEngine.REVIEW_THRESHOLD)
                .forEach(review -> metrics.set("reviewOfTheNursesLevel", json.valueToTree(review)));
        return json.writeValueAsString(card) + "\n";
    }

    private static ObjectNode metrics(ObjectMapper json, TriageEvaluation.Metrics m) {
        ObjectNode node = json.createObjectNode();
        node.put("n", m.count());
        node.put("accuracy", round(m.accuracy()));
        node.put("linearWeightedKappa", round(m.linearKappa()));
        node.put("underTriageRate", round(m.underTriageRate()));
        node.put("overTriageRate", round(m.overTriageRate()));
        ArrayNode confusion = node.putArray("confusion");
        for (int[] line : m.confusion()) {
            ArrayNode row = confusion.addArray();
            for (int cell : line) {
                row.add(cell);
            }
        }
        return node;
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }

    /** Hex SHA-256 of bytes (model cards). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
