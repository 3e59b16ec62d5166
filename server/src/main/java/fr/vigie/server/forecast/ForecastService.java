package fr.vigie.server.forecast;

import fr.vigie.server.forecast.eval.Backtest;
import fr.vigie.server.forecast.eval.ForecastMetrics;
import fr.vigie.server.forecast.features.FeatureTableBuilder;
import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.PeakThreshold;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingProgress;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;

/**
 * Trains, stores and runs admissions models for a hospital (no HAPI types in its API). Training reads the hospital's
 * history up to {@code until}, harmonises it ({@link FeatureTableBuilder}), runs a rolling-origin backtest on the last
 * {@code vigie.forecast.backtest-days} days of that window (each model fitted on the days before it, then forecasting
 * every day of it at horizons 1-14), keeps the requested model or, for {@code auto}, the lowest backtest MAE, refits it
 * on the whole window and stores it with its card ({@link ModelRepository}).
 */
@Service
public class ForecastService {

    /** Fewest days with a known count a training window needs. */
    public static final int MIN_TRAINING_DAYS = 120;

    /** History given to a forecast: two years before asOf (the models need at most 28 + 28 days; fills use a year). */
    static final int FORECAST_HISTORY_DAYS = 730;

    private static final long SEED = 42L;
    private static final String AUTO = "auto";

    /** What a training run produced. */
    public record TrainingResult(ModelCard card, String documentId, Map<String, ForecastMetrics> backtest) {}

    /**
     * A forecast with its model and threshold; with a capacity, {@code aboveCapacity} holds, day by day, the
     * probability that the day's count is strictly above it (empty without a capacity).
     */
    public record ForecastResult(
            ModelCard card, double threshold, List<DayForecast> days, double capacity, List<Double> aboveCapacity) {}

    private final HospitalHistory history;
    private final ForecastModels models;
    private final ModelRepository repository;
    private final ForecastProperties properties;

    public ForecastService(
            HospitalHistory history, ForecastModels models, ModelRepository repository, ForecastProperties properties) {
        this.history = history;
        this.models = models;
        this.repository = repository;
        this.properties = properties;
    }

    /** Checks a training request's model name before anything runs (so async requests fail fast). */
    public List<ForecastModel> candidates(String model) {
        String name = model == null || model.isBlank() ? AUTO : model.strip();
        if (AUTO.equals(name)) {
            List<ForecastModel> list = properties.autoModels().stream()
                    .map(models::get)
                    .flatMap(java.util.Optional::stream)
                    .toList();
            if (list.isEmpty()) {
                throw ForecastException.unprocessable("no model of vigie.forecast.auto-models is available");
            }
            return list;
        }
        return List.of(models.get(name)
                .orElseThrow(() -> ForecastException.badRequest(
                        "unknown model '" + name + "': use auto or one of " + String.join(", ", models.names()))));
    }

    /** Trains (see the class comment). */
    public TrainingResult train(
            String locationId,
            ForecastCondition condition,
            LocalDate until,
            String model,
            double peakThreshold,
            TrainingProgress progress) {
        List<ForecastModel> candidates = candidates(model);
        history.invalidate();
        HospitalHistory.Data data = history.read(locationId, condition);
        LocalDate first = data.firstCountDay();
        if (first == null || first.isAfter(until)) {
            throw ForecastException.unprocessable("no history: no daily " + condition.code() + " admissions for"
                    + " Location/" + locationId + " up to " + until + " (send them with the admissions feed, or store"
                    + " Encounters at this Location whose reasonCode is in " + condition.valueSet() + ")");
        }
        FeatureTable table =
                builder().build(data.latitude(), data.longitude(), data.series(), data.counts(), first, until);
        if (table.knownCounts() < MIN_TRAINING_DAYS) {
            throw ForecastException.unprocessable("not enough history: " + table.knownCounts() + " days with a known "
                    + condition.code() + " count up to " + until + ", at least " + MIN_TRAINING_DAYS + " needed");
        }
        double threshold = PeakThreshold.resolve(peakThreshold, table.counts());
        TrainingSettings settings =
                new TrainingSettings(SEED, TrainingSettings.MAX_HORIZON, threshold, TrainingProgress.NONE);
        int backtestDays = Math.min(properties.backtestDays(), table.size() / 4);
        LocalDate backtestFrom = until.minusDays(backtestDays - 1L);
        List<Integer> horizons =
                IntStream.rangeClosed(1, TrainingSettings.MAX_HORIZON).boxed().toList();
        Map<String, ForecastMetrics> backtest = new LinkedHashMap<>();
        ForecastModel best = null;
        double bestMae = Double.POSITIVE_INFINITY;
        int steps = candidates.size() + 1;
        for (int i = 0; i < candidates.size(); i++) {
            ForecastModel candidate = candidates.get(i);
            int step = i;
            progress.report((double) step / steps, "backtest of " + candidate.name());
            Backtest.Result result;
            try {
                result = Backtest.run(
                        candidate,
                        table,
                        backtestFrom.minusDays(1),
                        backtestFrom,
                        until,
                        horizons,
                        settings.withProgress((f, m) -> progress.report((step + f) / steps, m)));
            } catch (IllegalArgumentException e) {
                throw ForecastException.unprocessable(candidate.name() + " cannot be trained: " + e.getMessage());
            }
            ForecastMetrics pooled = result.byHorizon().get(Backtest.ALL_HORIZONS);
            backtest.put(candidate.name(), pooled);
            if (pooled.mae() < bestMae || best == null) {
                bestMae = pooled.mae();
                best = candidate;
            }
        }
        ForecastModel chosen = best;
        progress.report((double) candidates.size() / steps, "training " + chosen.name() + " on the whole window");
        long start = System.nanoTime();
        TrainedForecast trained = chosen.train(
                table, settings.withProgress((f, m) -> progress.report((candidates.size() + f) / steps, m)));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Map<String, Double>> cardMetrics = new LinkedHashMap<>();
        backtest.forEach((name, m) -> cardMetrics.put(name, metricsMap(m)));
        ModelCard card = new ModelCard(
                UUID.randomUUID().toString(),
                chosen.name(),
                "1 (Vigie " + version() + ")",
                locationId,
                condition.code(),
                first.toString(),
                until.toString(),
                Instant.now().toString(),
                threshold,
                SEED,
                table.featureNames(),
                cardMetrics,
                List.of(backtestFrom.toString(), until.toString()),
                seconds,
                "Trained on daily " + condition.code() + " admissions (" + condition.valueSet() + ") and the"
                        + " environment within " + properties.radiusKm() + " km (" + properties.method() + ")."
                        + " Backtest: fitted on the days before " + backtestFrom + ", forecasting every day to "
                        + until + " at horizons 1-14 (metrics pooled). Intervals: negative binomial. Series breaks:"
                        + " forecasts are rescaled to the level of the last 28 days.");
        String documentId = repository.save(card, trained);
        progress.report(1.0, "stored as DocumentReference/" + documentId);
        return new TrainingResult(card, documentId, backtest);
    }

    /** Forecasts {@code horizon} days from {@code asOf}, with data dated before asOf only, without a capacity. */
    public ForecastResult forecast(
            String locationId,
            ForecastCondition condition,
            int horizon,
            LocalDate asOf,
            String modelId,
            double peakThreshold) {
        return forecast(locationId, condition, horizon, asOf, modelId, peakThreshold, Double.NaN);
    }

    /**
     * Forecasts {@code horizon} days from {@code asOf}, with data dated before asOf only. With a {@code capacity}
     * (admissions a day; NaN = none), the probability of exceeding it comes from the same predictive distribution
     * as the peak probability: the model forecasts again with the capacity as its threshold, so every model states
     * it the way it states its peaks (negative binomial or Poisson of {@code CountDistribution}).
     */
    public ForecastResult forecast(
            String locationId,
            ForecastCondition condition,
            int horizon,
            LocalDate asOf,
            String modelId,
            double peakThreshold,
            double capacity) {
        if (horizon < 1 || horizon > TrainingSettings.MAX_HORIZON) {
            throw ForecastException.badRequest(
                    "horizon must be between 1 and " + TrainingSettings.MAX_HORIZON + " days, got " + horizon);
        }
        HospitalHistory.Data data = history.read(locationId, condition);
        ModelRepository.Stored stored = repository
                .find(locationId, condition.code(), modelId)
                .orElseThrow(() -> ForecastException.unprocessable(
                        modelId != null
                                ? "no model '" + modelId + "' for Location/" + locationId
                                : "no trained model for " + condition.code() + " admissions at Location/" + locationId
                                        + ": call Location/" + locationId + "/$train-forecast?condition="
                                        + condition.code()
                                        + " first"));
        if (modelId != null && !condition.code().equals(stored.card().condition())) {
            throw ForecastException.badRequest(
                    "model " + modelId + " forecasts " + stored.card().condition() + ", not " + condition.code());
        }
        LocalDate first = data.firstCountDay();
        if (first == null) {
            throw ForecastException.unprocessable(
                    "no history: no daily " + condition.code() + " admissions stored" + " for Location/" + locationId);
        }
        if (!asOf.isAfter(first)) {
            throw ForecastException.unprocessable("asOf " + asOf + " is before the data: the first " + condition.code()
                    + " count of Location/" + locationId + " is on " + first);
        }
        LocalDate from =
                first.isAfter(asOf.minusDays(FORECAST_HISTORY_DAYS)) ? first : asOf.minusDays(FORECAST_HISTORY_DAYS);
        FeatureTable table = builder()
                .build(data.latitude(), data.longitude(), data.series(), data.counts(), from, asOf.minusDays(1));
        double threshold = Double.isNaN(peakThreshold) ? stored.card().peakThreshold() : peakThreshold;
        try {
            List<DayForecast> days = stored.trained().forecast(table, asOf, horizon, threshold);
            List<Double> aboveCapacity = Double.isNaN(capacity)
                    ? List.of()
                    : stored.trained().forecast(table, asOf, horizon, capacity).stream()
                            .map(DayForecast::peakProbability)
                            .toList();
            return new ForecastResult(stored.card(), threshold, days, capacity, aboveCapacity);
        } catch (IllegalArgumentException e) {
            throw ForecastException.unprocessable("not enough recent history to forecast from " + asOf + ": "
                    + e.getMessage() + " (last known count: " + data.lastCountDay() + ")");
        }
    }

    private FeatureTableBuilder builder() {
        return new FeatureTableBuilder(properties.builderSettings());
    }

    static Map<String, Double> metricsMap(ForecastMetrics m) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("days", (double) m.days());
        map.put("mae", m.mae());
        map.put("rmse", m.rmse());
        map.put("mape", m.mape());
        map.put("auroc", m.auroc());
        map.put("brier", m.brier());
        map.put("coverage80", m.coverage80());
        map.put("coverage95", m.coverage95());
        map.put("truePositives", (double) m.truePositives());
        map.put("falsePositives", (double) m.falsePositives());
        map.put("falseNegatives", (double) m.falseNegatives());
        map.put("trueNegatives", (double) m.trueNegatives());
        return map;
    }

    private static String version() {
        String v = ForecastService.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
