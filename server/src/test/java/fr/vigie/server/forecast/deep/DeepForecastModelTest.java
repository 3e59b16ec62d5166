package fr.vigie.server.forecast.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingProgress;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LSTM, CNN and CNN-LSTM on a synthetic series with weekly and yearly seasonality and a PM10 exposure effect
 * ({@link SyntheticSeries}): two years of training, then 120 days of forecasts. Each model is trained once (about ten
 * seconds) and shared by the tests.
 */
class DeepForecastModelTest {

    private static final LocalDate START = LocalDate.of(2015, 1, 1);
    private static final LocalDate CUT = START.plusDays(2 * 365);
    private static final FeatureTable ALL = SyntheticSeries.table(START, 2 * 365 + 130, 7);
    private static final DeepHyperparameters TEST_HP =
            DeepHyperparameters.defaults().withMaxEpochs(10);
    private static final TrainingSettings SETTINGS = new TrainingSettings(42, 7, Double.NaN, TrainingProgress.NONE);
    private static final Map<String, TrainedForecast> TRAINED = new ConcurrentHashMap<>();

    private static DeepForecastModel model(String name, DeepHyperparameters hp) {
        return switch (name) {
            case "lstm" -> new LstmForecastModel(hp);
            case "cnn" -> new CnnForecastModel(hp);
            case "cnn-lstm" -> new CnnLstmForecastModel(hp);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static TrainedForecast trained(String name) {
        return TRAINED.computeIfAbsent(name, n -> model(n, TEST_HP).train(ALL.before(CUT), SETTINGS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "cnn", "cnn-lstm"})
    void beatsSeasonalNaive(String name) {
        TrainedForecast forecast = trained(name);
        double modelError = 0;
        double naiveError = 0;
        for (int d = 0; d < 120; d++) {
            LocalDate asOf = CUT.plusDays(d);
            List<DayForecast> days = forecast.forecast(ALL, asOf, 7, 30);
            for (int h = 0; h < 7; h++) {
                double observed = ALL.counts()[ALL.indexOf(asOf) + h];
                modelError += Math.abs(days.get(h).expected() - observed);
                naiveError += Math.abs(SyntheticSeries.seasonalNaive(ALL, asOf, h) - observed);
            }
        }
        assertThat(modelError).isLessThan(0.9 * naiveError);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "cnn", "cnn-lstm"})
    void givesOneNestedForecastPerDayFromAsOf(String name) {
        TrainedForecast forecast = trained(name);
        assertThat(forecast.name()).isEqualTo(name);
        LocalDate asOf = CUT.plusDays(10);
        List<DayForecast> days = forecast.forecast(ALL, asOf, 7, 25);
        assertThat(days).hasSize(7);
        for (int h = 0; h < 7; h++) {
            DayForecast day = days.get(h);
            assertThat(day.date()).isEqualTo(asOf.plusDays(h));
            assertThat(day.lower95()).isLessThanOrEqualTo(day.lower80());
            assertThat(day.lower80()).isLessThanOrEqualTo(day.expected());
            assertThat(day.expected()).isLessThanOrEqualTo(day.upper80());
            assertThat(day.upper80()).isLessThanOrEqualTo(day.upper95());
            assertThat(day.upper95()).isGreaterThan(day.lower95());
            assertThat(day.peakProbability()).isBetween(0.0, 1.0);
        }
        // a higher threshold is never more likely to be exceeded
        List<DayForecast> higher = forecast.forecast(ALL, asOf, 7, 40);
        for (int h = 0; h < 7; h++) {
            assertThat(higher.get(h).peakProbability())
                    .isLessThanOrEqualTo(days.get(h).peakProbability());
        }
        assertThat(forecast.forecast(ALL, asOf, 3, 25)).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "cnn", "cnn-lstm"})
    void savedModelForecastsTheSame(String name) {
        TrainedForecast forecast = trained(name);
        byte[] bytes = forecast.save();
        TrainedForecast loaded = model(name, TEST_HP).load(bytes);
        LocalDate asOf = CUT.plusDays(30);
        assertThat(loaded.name()).isEqualTo(name);
        assertThat(loaded.forecast(ALL, asOf, 7, 25)).isEqualTo(forecast.forecast(ALL, asOf, 7, 25));
        assertThat(((TrainedDeepForecast) loaded).metadata().nbSize())
                .containsExactly(((TrainedDeepForecast) forecast).metadata().nbSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "cnn", "cnn-lstm"})
    void dataOnOrAfterAsOfChangesNothing(String name) {
        TrainedForecast forecast = trained(name);
        LocalDate asOf = CUT.plusDays(40);
        FeatureTable changed = ALL.slice(0, ALL.size());
        for (int i = ALL.indexOf(asOf); i < ALL.size(); i++) {
            changed.counts()[i] = 500;
            changed.features()[i][0] = 1000;
        }
        assertThat(forecast.forecast(changed, asOf, 7, 25)).isEqualTo(forecast.forecast(ALL, asOf, 7, 25));
        assertThat(forecast.forecast(ALL.before(asOf), asOf, 7, 25)).isEqualTo(forecast.forecast(ALL, asOf, 7, 25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "cnn", "cnn-lstm"})
    void followsTheLevelAfterASeriesBreak(String name) {
        TrainedForecast forecast = trained(name);
        LocalDate asOf = CUT.plusDays(60);
        FeatureTable halved = ALL.slice(0, ALL.size());
        // a coding or catchment change halves the series four weeks before asOf
        for (int i = ALL.indexOf(asOf) - 28; i < ALL.size(); i++) {
            halved.counts()[i] = Math.round(halved.counts()[i] / 2);
        }
        double before = total(forecast.forecast(ALL, asOf, 7, 25));
        double after = total(forecast.forecast(halved, asOf, 7, 25));
        assertThat(after / before).isBetween(0.35, 0.65);
    }

    @Test
    void sameDataAndSeedGiveTheSameModel() {
        DeepHyperparameters tiny = new DeepHyperparameters(14, 8, 2, 2, 64, 0.005, 1e-4, 0.15);
        FeatureTable history = ALL.before(START.plusDays(300));
        for (String name : List.of("lstm", "cnn", "cnn-lstm")) {
            ForecastModel model = model(name, tiny);
            TrainedForecast first = model.train(history, SETTINGS);
            TrainedForecast second = model.train(history, SETTINGS);
            LocalDate asOf = START.plusDays(300);
            assertThat(second.forecast(ALL, asOf, 7, 25)).as(name).isEqualTo(first.forecast(ALL, asOf, 7, 25));
        }
    }

    @Test
    void rejectsWhatItCannotAnswer() {
        TrainedForecast forecast = trained("cnn");
        assertThatThrownBy(() -> forecast.forecast(ALL, CUT, 8, 25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("horizon must be in 1..7");
        assertThatThrownBy(() -> forecast.forecast(ALL, START.plusDays(3), 7, 25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known daily counts are needed");
        assertThatThrownBy(() -> new CnnForecastModel().train(ALL.before(START.plusDays(90)), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs more history");
        assertThatThrownBy(() -> new LstmForecastModel().load(forecast.save()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not lstm");
        assertThatThrownBy(() -> new LstmForecastModel().load(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double total(List<DayForecast> days) {
        return days.stream().mapToDouble(DayForecast::expected).sum();
    }
}
