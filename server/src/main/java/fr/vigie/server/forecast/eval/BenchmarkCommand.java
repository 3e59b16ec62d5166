package fr.vigie.server.forecast.eval;

import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark of the admissions models on a daily series file (no server): for each model, the time to train on {@code
 * --years} years (default 10) and the latency of one 14-day forecast (p50, p99 over {@code --forecasts} random asOf
 * dates after training, default 1000, after 50 warm-up calls), plus the heap in use after training and the size of
 * the saved model. Same options as {@link EvaluationCommand} for the file; run it the same way with {@code
 * -Dloader.main=fr.vigie.server.forecast.eval.BenchmarkCommand}.
 */
public final class BenchmarkCommand {

    private BenchmarkCommand() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String pair : options.getOrDefault("columns", "").split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                columns.put(kv[0], kv.length > 1 ? kv[1] : kv[0]);
            }
        }
        FeatureTable table = SeriesFile.read(
                Path.of(options.get("file")), options.getOrDefault("date", "date"), options.get("outcome"), columns);
        int years = Integer.parseInt(options.getOrDefault("years", "10"));
        int forecasts = Integer.parseInt(options.getOrDefault("forecasts", "1000"));
        LocalDate trainUntil = table.firstDate().plusYears(years).minusDays(1);
        FeatureTable training = table.upTo(trainUntil);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.printf(
                Locale.ROOT,
                "%d days of training (%s..%s), %d features; %d processors, max heap %d MB%n%n",
                training.size(),
                training.firstDate(),
                trainUntil,
                table.featureNames().size(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.println(
                "| model | train s | forecast p50 ms | forecast p99 ms | heap after training MB | saved model KB |");
        out.println("|---|---|---|---|---|---|");
        long remaining = table.size() - training.size() - TrainingSettings.MAX_HORIZON;
        for (ForecastModel model : EvaluationCommand.models(options.get("models"))) {
            System.gc();
            long start = System.nanoTime();
            TrainedForecast trained = model.train(training, TrainingSettings.defaults());
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getUsage().getUsed())
                    .sum();
            Random random = new Random(42);
            double[] millis = new double[forecasts];
            for (int i = -50; i < forecasts; i++) {
                LocalDate asOf = trainUntil.plusDays(1 + random.nextInt((int) Math.max(1, remaining)));
                long t = System.nanoTime();
                trained.forecast(table, asOf, TrainingSettings.MAX_HORIZON, 14);
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - t) / 1e6;
                }
            }
            Arrays.sort(millis);
            out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.2f | %.2f | %d | %d |%n",
                    model.name(),
                    trainSeconds,
                    millis[(int) (0.50 * (forecasts - 1))],
                    millis[(int) Math.ceil(0.99 * (forecasts - 1))],
                    heap >> 20,
                    trained.save().length >> 10);
        }
    }
}
