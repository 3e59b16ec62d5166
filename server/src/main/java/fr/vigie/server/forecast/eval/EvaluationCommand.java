package fr.vigie.server.forecast.eval;

import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.TrainingSettings;
import fr.vigie.server.forecast.models.GlmModel;
import fr.vigie.server.forecast.models.SeasonalNaiveModel;
import fr.vigie.server.forecast.models.XgboostModel;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line evaluation of the admissions models on a daily series file: trains each model on the rows up to
 * {@code --train-until}, forecasts every day from {@code --evaluate-from} to {@code --evaluate-until} and prints, per
 * horizon, the metrics of {@link ForecastMetrics} side by side with the training time (Markdown table). Run from the
 * repository root (see the README, "Forecasting"):
 *
 * <pre>
 * java -cp server/target/vigie-server.jar -Dloader.main=fr.vigie.server.forecast.eval.EvaluationCommand \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --file ../shared/data/nmmaps-chicago/chicagoNMMAPS.csv --outcome resp \
 *   --columns temp=temperature-mean,dptp=dew-point,rhum=humidity,pm10=pm10,o3=o3 \
 *   --train-until 1997-12-31 --evaluate-from 1998-01-01 --evaluate-until 2000-12-31 --horizons 1,7
 * </pre>
 *
 * Options: {@code --date} (date column, default {@code date}), {@code --models} (comma list, default every model on
 * the class path: seasonal-naive, glm, xgboost and, when present, lstm, cnn, cnn-lstm), {@code --peak-threshold}
 * (default: 90th percentile of the training counts), {@code --seed} (42), {@code --out} (also write the table to a
 * file).
 */
public final class EvaluationCommand {

    private static final String DEEP_PACKAGE = "fr.vigie.server.forecast.deep.";

    private static final List<String> DEEP = List.of(
            DEEP_PACKAGE + "LstmForecastModel",
            DEEP_PACKAGE + "CnnForecastModel",
            DEEP_PACKAGE + "CnnLstmForecastModel");

    private EvaluationCommand() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path file = Path.of(required(options, "file"));
        Map<String, String> columns = new LinkedHashMap<>();
        for (String pair : options.getOrDefault("columns", "").split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                columns.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : kv[0].strip());
            }
        }
        FeatureTable table =
                SeriesFile.read(file, options.getOrDefault("date", "date"), required(options, "outcome"), columns);
        LocalDate trainUntil = LocalDate.parse(required(options, "train-until"));
        LocalDate from = LocalDate.parse(
                options.getOrDefault("evaluate-from", trainUntil.plusDays(1).toString()));
        LocalDate until = LocalDate.parse(
                options.getOrDefault("evaluate-until", table.lastDate().toString()));
        List<Integer> horizons = Arrays.stream(
                        options.getOrDefault("horizons", "1,7").split(","))
                .map(String::strip)
                .map(Integer::valueOf)
                .toList();
        int maxHorizon = horizons.stream().mapToInt(Integer::intValue).max().orElse(1);
        double threshold =
                options.containsKey("peak-threshold") ? Double.parseDouble(options.get("peak-threshold")) : Double.NaN;
        TrainingSettings settings =
                new TrainingSettings(Long.parseLong(options.getOrDefault("seed", "42")), maxHorizon, threshold, null);
        List<ForecastModel> models = models(options.get("models"));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double nativeStart = startDeepRuntime(models);
        List<Backtest.Result> results = new ArrayList<>();
        for (ForecastModel model : models) {
            out.println("training " + model.name() + " on " + table.firstDate() + ".." + trainUntil + "...");
            results.add(Backtest.run(model, table, trainUntil, from, until, horizons, settings));
        }
        String report = table(file, table, trainUntil, from, until, results, horizons)
                + String.format(
                        Locale.ROOT,
                        "Load average (1 min) %.2f before, %.2f after%s%n",
                        loadBefore,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Double.isNaN(nativeStart)
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "; ND4J native start %.1f s, once per process, before the deep models'"
                                                + " training times",
                                        nativeStart));
        out.println(report);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), report, StandardCharsets.UTF_8);
        }
    }

    /**
     * Loads ND4J's native backend (seconds; the first time it also unpacks it) before the deep models are timed, so
     * each model's training time is its own and not the process start's. NaN when no deep model is evaluated.
     */
    static double startDeepRuntime(List<ForecastModel> models) {
        if (models.stream().noneMatch(m -> m.getClass().getName().startsWith(DEEP_PACKAGE))) {
            return Double.NaN;
        }
        long start = System.nanoTime();
        try {
            Class.forName(DEEP_PACKAGE + "DeepRuntime").getMethod("init").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the deep models' runtime", e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The named models, or every model on the class path. */
    static List<ForecastModel> models(String names) {
        Map<String, ForecastModel> available = new LinkedHashMap<>();
        for (ForecastModel m : List.of(new SeasonalNaiveModel(), new GlmModel(), new XgboostModel())) {
            available.put(m.name(), m);
        }
        for (String className : DEEP) {
            try {
                ForecastModel m = (ForecastModel)
                        Class.forName(className).getDeclaredConstructor().newInstance();
                available.put(m.name(), m);
            } catch (ReflectiveOperationException | LinkageError e) {
                // the deep models are optional on this class path
            }
        }
        if (names == null || names.isBlank()) {
            return List.copyOf(available.values());
        }
        List<ForecastModel> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            ForecastModel m = available.get(name.strip());
            if (m == null) {
                throw new IllegalArgumentException("unknown model " + name + "; available: " + available.keySet());
            }
            chosen.add(m);
        }
        return chosen;
    }

    static String table(
            Path file,
            FeatureTable table,
            LocalDate trainUntil,
            LocalDate from,
            LocalDate until,
            List<Backtest.Result> results,
            List<Integer> horizons) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "%nSeries %s: %s..%s; trained on ..%s, evaluated %s..%s; peak threshold %.1f a day (90th percentile"
                        + " of training counts unless given); %d processors, max heap %d MB%n",
                file.getFileName(),
                table.firstDate(),
                table.lastDate(),
                trainUntil,
                from,
                until,
                results.isEmpty() ? Double.NaN : results.get(0).threshold(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1 << 20)));
        for (int h : horizons) {
            s.append(String.format(
                    Locale.ROOT, "%nHorizon %d (day %s asOf)%n%n", h, h == 1 ? "=" : "+" + (h - 1) + " after"));
            s.append("| model | days | MAE | RMSE | MAPE % | AUROC peak | Brier | cover 80 % | cover 95 % |"
                    + " TP | FP | FN | TN | train s | train CPU s | forecast ms |\n");
            s.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Backtest.Result r : results) {
                ForecastMetrics m = r.byHorizon().get(h);
                s.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.3f | %.3f | %.1f | %.3f | %.4f | %.3f | %.3f | %d | %d | %d | %d | %.1f | %.1f | %.2f |%n",
                        r.model(),
                        m.days(),
                        m.mae(),
                        m.rmse(),
                        m.mape(),
                        m.auroc(),
                        m.brier(),
                        m.coverage80(),
                        m.coverage95(),
                        m.truePositives(),
                        m.falsePositives(),
                        m.falseNegatives(),
                        m.trueNegatives(),
                        r.trainingSeconds(),
                        r.trainingCpuSeconds(),
                        r.forecastMillisPerOrigin()));
            }
        }
        s.append(String.format(
                Locale.ROOT,
                "%nPeak heap used during the run: %d MB%n",
                ManagementFactory.getMemoryPoolMXBeans().stream()
                                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                                .mapToLong(p -> p.getPeakUsage().getUsed())
                                .sum()
                        / (1 << 20)));
        return s.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
            options.put(key, value);
        }
        return options;
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }
}
