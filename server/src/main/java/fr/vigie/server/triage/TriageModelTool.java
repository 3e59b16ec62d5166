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
 * <p>Both commands do the same for the second-reader model ({@link TriageModel#SECOND_READER_MODEL}, under {@code
 * models/triage-second-reader/}): the same features plus the nurse's level ({@code KTAS_RN}), the same label,
 * parameters, folds and seed, scored through the same engine with the nurse's level given. {@code KTAS_RN} is the
 * decision the second reader reviews, known when the ED system calls Vigie after the nurse's triage; it is never
 * an input of the standalone model, and the columns known only after triage (diagnosis, disposition, length of
 * stay, KTAS duration, error group, mistriage) are inputs of neither.
 */
public final class TriageModelTool {

    /** Model name and version, bumped whenever features, parameters or data change. */
    public static final String VERSION = "triage-ktas-1.0.0";

    /** Second-reader model name and version. */
    public static final String SECOND_READER_VERSION = "triage-ktas-second-reader-1.0.0";

    /** Seed of the fold assignment. */
    public static final long FOLD_SEED = 7L;

    /** Number of folds. */
    public static final int FOLDS = 5;

    /** Boosting rounds. */
    public static final int ROUNDS = 150;

    private static final Logger LOG = LoggerFactory.getLogger(TriageModelTool.class);
    private static final Path OUTPUT = Path.of("server/src/main/resources/models/triage");
    private static final String SECOND_READER_FOLDER = "triage-second-reader";

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

    /** Trains the standalone model on records. */
    public static TriageModel train(List<KtasRecord> records, TriageFeatures features) {
        return train(records, features, VERSION);
    }

    /** Trains the second-reader model on records (standalone features plus the nurse's level). */
    public static TriageModel trainSecondReader(List<KtasRecord> records, TriageFeatures features) {
        return train(records, features.withNurseLevel(), SECOND_READER_VERSION);
    }

    /** The input of a KTAS record for the second reader: what is known before triage plus {@code KTAS_RN}. */
    public static TriageInput secondReaderInput(KtasRecord record) {
        return TriageInput.of(record).withNurseLevel(NurseLevel.ofKtas(record.ktasNurse()));
    }

    private static TriageModel train(List<KtasRecord> records, TriageFeatures features, String version) {
        float[][] rows = new float[records.size()][];
        float[] labels = new float[records.size()];
        for (int i = 0; i < records.size(); i++) {
            KtasRecord record = records.get(i);
            rows[i] = features.vector(features.readsNurseLevel() ? secondReaderInput(record) : TriageInput.of(record));
            labels[i] = record.ktasExpert() - 1;
        }
        Booster booster = Boosting.train(rows, labels, parameters(), ROUNDS);
        return new TriageModel(booster, version, features);
    }

    /**
     * Cross-validated figures of the decision, of the model alone, and of the nurse, on the same folds; then the
     * same for the second reader (which sees the nurse's level), with how often it moved the nurse's level and
     * whether the move agreed with the experts.
     */
    public record Evaluation(
            TriageEvaluation.Metrics decision,
            TriageEvaluation.Metrics modelOnly,
            TriageEvaluation.Metrics nurse,
            TriageEvaluation.Metrics majority,
            int[] predicted,
            TriageEvaluation.Metrics secondReader,
            TriageEvaluation.Metrics secondReaderModelOnly,
            Moves moves) {

        /** A Markdown table and the confusion matrices. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            text.append("| KTAS vs expert (5-fold CV) | n | accuracy | linear kappa | under-triage | over-triage |\n");
            text.append("|---|---|---|---|---|---|\n");
            row(text, "rules + model (" + VERSION + ")", decision);
            row(text, "model alone", modelOnly);
            row(text, "nurse (KTAS_RN)", nurse);
            row(text, "majority class", majority);
            row(text, "second reader: rules + model (" + SECOND_READER_VERSION + ")", secondReader);
            row(text, "second reader: model alone", secondReaderModelOnly);
            text.append("\n").append(moves.describe()).append('\n');
            text.append("\nrules + model, confusion (rows expert 1-5, columns predicted 1-5):\n");
            matrix(text, decision.confusion());
            text.append("nurse, confusion:\n");
            matrix(text, nurse.confusion());
            text.append("second reader (rules + model), confusion:\n");
            matrix(text, secondReader.confusion());
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
     * How the second reader's KTAS level compares with the nurse's on held-out cases.
     *
     * @param moved cases where it differs from the nurse's
     * @param fixed moved cases where the nurse was wrong and the second reader agrees with the experts
     * @param broke moved cases where the nurse agreed with the experts
     * @param towardsUrgency moved cases where the second reader is more urgent than the nurse
     * @param nurseUnderTriaged cases the nurse under-triaged
     * @param underTriageCaught of those, cases the second reader made more urgent
     */
    public record Moves(
            int moved, int fixed, int broke, int towardsUrgency, int nurseUnderTriaged, int underTriageCaught) {

        static Moves of(int[] expert, int[] nurse, int[] reader) {
            int moved = 0;
            int fixed = 0;
            int broke = 0;
            int up = 0;
            int under = 0;
            int caught = 0;
            for (int i = 0; i < expert.length; i++) {
                if (nurse[i] > expert[i]) {
                    under++;
                    caught += reader[i] < nurse[i] ? 1 : 0;
                }
                if (reader[i] != nurse[i]) {
                    moved++;
                    fixed += reader[i] == expert[i] ? 1 : 0;
                    broke += nurse[i] == expert[i] ? 1 : 0;
                    up += reader[i] < nurse[i] ? 1 : 0;
                }
            }
            return new Moves(moved, fixed, broke, up, under, caught);
        }

        /** One line. */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "second reader moved the nurse's KTAS level in %d cases (%d towards urgency): %d now agree with"
                            + " the experts, %d had been right; it made %d of the nurse's %d under-triaged cases"
                            + " more urgent",
                    moved,
                    towardsUrgency,
                    fixed,
                    broke,
                    underTriageCaught,
                    nurseUnderTriaged);
        }
    }

    /** Stratified k-fold cross-validation of the decision, with the nurse on the same cases. */
    public static Evaluation crossValidate(List<KtasRecord> records, TriageFeatures features) {
        int n = records.size();
        int[] expert = records.stream().mapToInt(KtasRecord::ktasExpert).toArray();
        int[] nurse = records.stream().mapToInt(KtasRecord::ktasNurse).toArray();
        int[] folds = Folds.stratified(expert, FOLDS, FOLD_SEED);
        int[] decision = new int[n];
        int[] modelOnly = new int[n];
        int[] majority = new int[n];
        int[] reader = new int[n];
        int[] readerModelOnly = new int[n];
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
            TriageModel second = trainSecondReader(training, features);
            TriageEngine engine = new TriageEngine(model, second, UNDER_TRIAGE_COST_OVERRIDE);
            for (int i = 0; i < n; i++) {
                if (folds[i] == fold) {
                    TriageEngine.Result result = engine.assess(TriageInput.of(records.get(i)));
                    decision[i] = result.ktasLevel();
                    modelOnly[i] = result.modelKtasLevel();
                    majority[i] = mostFrequent;
                    TriageEngine.Result review = engine.assess(secondReaderInput(records.get(i)));
                    reader[i] = review.ktasLevel();
                    readerModelOnly[i] = review.modelKtasLevel();
                }
            }
            model.booster().dispose();
            second.booster().dispose();
        }
        return new Evaluation(
                TriageEvaluation.evaluate(expert, decision, TriageModel.LEVELS),
                TriageEvaluation.evaluate(expert, modelOnly, TriageModel.LEVELS),
                TriageEvaluation.evaluate(expert, nurse, TriageModel.LEVELS),
                TriageEvaluation.evaluate(expert, majority, TriageModel.LEVELS),
                decision,
                TriageEvaluation.evaluate(expert, reader, TriageModel.LEVELS),
                TriageEvaluation.evaluate(expert, readerModelOnly, TriageModel.LEVELS),
                Moves.of(expert, nurse, reader));
    }

    /** Cross-validates the triage models on the KTAS data, and with {@code train} writes both ({@link KtasToolArgs}). */
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
            TriageModel second = trainSecondReader(records, cli.features());
            Path secondOutput = cli.output().resolveSibling(SECOND_READER_FOLDER);
            Files.createDirectories(secondOutput);
            byte[] secondBytes = Boosting.toBytes(second.booster());
            Files.write(secondOutput.resolve("triage-ktas-second-reader.ubj"), secondBytes);
            Files.writeString(
                    secondOutput.resolve("model-card.json"),
                    card(data, records, second.features(), evaluation, secondBytes));
            LOG.info(
                    "Wrote {} ({} bytes) and its model card to {}",
                    SECOND_READER_VERSION,
                    secondBytes.length,
                    secondOutput);
        }
    }

    private static String card(
            Path data, List<KtasRecord> records, TriageFeatures features, Evaluation evaluation, byte[] model)
            throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode card = json.createObjectNode();
        boolean second = features.readsNurseLevel();
        card.put("name", second ? "triage-ktas-second-reader" : "triage-ktas");
        card.put("version", second ? SECOND_READER_VERSION : VERSION);
        card.put(
                "purpose",
                second
                        ? "Second reader of the triage nurse's decision: probability of each KTAS level (1-5) from"
                                + " what is known at triage plus the nurse's KTAS level; $triage uses it when the"
                                + " caller gives nurseLevel (or the Encounter has a FRENCH/KTAS priority), applies"
                                + " the same safety rules, and says when and why the answer moves the nurse's level"
                                + " (probable under- or over-triage). Not a substitute for the nurse's judgement."
                        : "Decision support for emergency triage: probability of each KTAS level (1-5) from what is"
                                + " known before triage; the $triage operation applies documented safety rules first"
                                + " and maps KTAS to FRENCH. Not a substitute for the triage nurse's judgement.");
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
        if (second) {
            dataNode.put(
                    "nurseLevelInput",
                    "KTAS_RN, the triage nurse's level, decided at triage: the decision this model reviews, given by"
                            + " the ED system when it calls Vigie. It is not an input of the standalone model.");
        }
        ArrayNode excluded = dataNode.putArray("excludedColumns");
        (second ? List.<String>of() : List.of("KTAS_RN")).forEach(excluded::add);
        List.of(
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
                        + UNDER_TRIAGE_COST_OVERRIDE + " (over-triage 1); KTAS 3 -> FRENCH 3A/3B by probability mass"
                        + (second ? "; the nurse's FRENCH level is kept when the model's KTAS level equals hers" : ""));
        ObjectNode params = card.putObject("parameters");
        parameters().forEach((key, value) -> params.put(key, String.valueOf(value)));
        params.put("rounds", ROUNDS);
        card.put("seed", Boosting.SEED);
        card.put("modelSha256", sha256(model));
        ObjectNode metrics = card.putObject("crossValidation");
        metrics.put("method", "stratified " + FOLDS + "-fold by KTAS_expert, fold seed " + FOLD_SEED);
        if (second) {
            metrics.set("rulesAndModel", metrics(json, evaluation.secondReader()));
            metrics.set("modelAlone", metrics(json, evaluation.secondReaderModelOnly()));
            metrics.set("nurse", metrics(json, evaluation.nurse()));
            metrics.set("standaloneRulesAndModel", metrics(json, evaluation.decision()));
            metrics.set("movesOfTheNursesLevel", json.valueToTree(evaluation.moves()));
            metrics.put("movesDescription", evaluation.moves().describe());
        } else {
            metrics.set("rulesAndModel", metrics(json, evaluation.decision()));
            metrics.set("modelAlone", metrics(json, evaluation.modelOnly()));
            metrics.set("nurse", metrics(json, evaluation.nurse()));
            metrics.set("majorityClass", metrics(json, evaluation.majority()));
        }
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
