package fr.vigie.server.forecast.eval;

import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.PeakThreshold;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a model on the rows up to a date and scores its forecasts on a later period, origin by origin (rolling
 * origin with one fit): for every day {@code asOf} of the period, a forecast of {@code maxHorizon} days is made from
 * the rows before {@code asOf}, and horizon h (1 = the asOf day itself, 7 = six days later) is compared with what
 * happened. The peak threshold is the caller's, or the 90th percentile of the training counts.
 */
public final class Backtest {

    /**
     * The result of one model.
     *
     * @param trainingSeconds wall-clock training time
     * @param trainingCpuSeconds CPU time of the whole process during training (NaN when the JVM cannot tell): on a
     *     machine shared with other work it shows what training costs, whatever share of the cores it was given
     */
    public record Result(
            String model,
            double threshold,
            double trainingSeconds,
            double trainingCpuSeconds,
            double forecastMillisPerOrigin,
            Map<Integer, ForecastMetrics> byHorizon,
            TrainedForecast trained) {}

    /** Key of the metrics pooled over every scored horizon in {@link Result#byHorizon()}. */
    public static final int ALL_HORIZONS = 0;

    private Backtest() {}

    /**
     * @param table the whole series (rows after {@code trainUntil} are not used for training)
     * @param trainUntil last training day
     * @param evaluateFrom first forecast origin
     * @param evaluateUntil last day scored
     * @param horizons horizons to score (1-based)
     * @param settings training settings ({@code peakThreshold} NaN = default)
     */
    public static Result run(
            ForecastModel model,
            FeatureTable table,
            LocalDate trainUntil,
            LocalDate evaluateFrom,
            LocalDate evaluateUntil,
            List<Integer> horizons,
            TrainingSettings settings) {
        FeatureTable training = table.upTo(trainUntil);
        double threshold = PeakThreshold.resolve(settings.peakThreshold(), training.counts());
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        TrainedForecast trained = model.train(training, settings);
        double trainingSeconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = cpu < 0 ? Double.NaN : (processCpuNanos() - cpu) / 1e9;
        return score(trained, table, threshold, evaluateFrom, evaluateUntil, horizons, trainingSeconds, cpuSeconds);
    }

    /** CPU time used by this process so far, in nanoseconds; -1 when unknown. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Scores an already trained model. */
    public static Result score(
            TrainedForecast trained,
            FeatureTable table,
            double threshold,
            LocalDate evaluateFrom,
            LocalDate evaluateUntil,
            List<Integer> horizons,
            double trainingSeconds,
            double trainingCpuSeconds) {
        int maxHorizon = horizons.stream().mapToInt(Integer::intValue).max().orElse(1);
        Map<Integer, List<ForecastMetrics.Pair>> pairs = new LinkedHashMap<>();
        horizons.forEach(h -> pairs.put(h, new ArrayList<>()));
        long forecastNanos = 0;
        int origins = 0;
        for (LocalDate asOf = evaluateFrom;
                !asOf.plusDays(maxHorizon - 1).isAfter(evaluateUntil);
                asOf = asOf.plusDays(1)) {
            long t = System.nanoTime();
            List<DayForecast> days = trained.forecast(table, asOf, maxHorizon, threshold);
            forecastNanos += System.nanoTime() - t;
            origins++;
            for (int h : horizons) {
                DayForecast day = days.get(h - 1);
                int row = table.indexOf(day.date());
                pairs.get(h).add(new ForecastMetrics.Pair(day, row < 0 ? Double.NaN : table.counts()[row]));
            }
        }
        Map<Integer, ForecastMetrics> metrics = new LinkedHashMap<>();
        pairs.forEach((h, list) -> metrics.put(h, ForecastMetrics.of(list, threshold)));
        List<ForecastMetrics.Pair> pooled = new ArrayList<>();
        pairs.values().forEach(pooled::addAll);
        metrics.put(ALL_HORIZONS, ForecastMetrics.of(pooled, threshold));
        return new Result(
                trained.name(),
                threshold,
                trainingSeconds,
                trainingCpuSeconds,
                origins == 0 ? Double.NaN : forecastNanos / 1e6 / origins,
                metrics,
                trained);
    }
}
