package fr.vigie.server.forecast.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ForecastModelsTest {

    private static final FeatureTable SERIES = SyntheticSeries.generate(4 * 365, 30, 7);
    private static final LocalDate TRAIN_END = SERIES.firstDate().plusDays(3 * 365 - 1);
    private static final TrainingSettings SETTINGS = new TrainingSettings(42, 7, Double.NaN, null);

    private static final Map<String, TrainedForecast> TRAINED = new ConcurrentHashMap<>();

    /** Each model trained once on the first three years (training is the slow part). */
    private static TrainedForecast trained(ForecastModel model) {
        return TRAINED.computeIfAbsent(model.name(), name -> model.train(SERIES.upTo(TRAIN_END), SETTINGS));
    }

    static Stream<ForecastModel> models() {
        return Stream.of(new SeasonalNaiveModel(), new GlmModel(), new XgboostModel());
    }

    static Stream<ForecastModel> challengers() {
        return Stream.of(new GlmModel(), new XgboostModel());
    }

    @ParameterizedTest
    @MethodSource("challengers")
    void beatsSeasonalNaiveOnASeriesWithSeasonalityAndAnExposureEffect(ForecastModel model) {
        TrainedForecast naive = trained(new SeasonalNaiveModel());
        TrainedForecast trained = trained(model);
        double naiveError = 0;
        double modelError = 0;
        for (LocalDate asOf = TRAIN_END.plusDays(1);
                asOf.isBefore(SERIES.lastDate().minusDays(7));
                asOf = asOf.plusDays(3)) {
            List<DayForecast> a = naive.forecast(SERIES, asOf, 7, 40);
            List<DayForecast> b = trained.forecast(SERIES, asOf, 7, 40);
            for (int h = 0; h < 7; h++) {
                double actual = SERIES.counts()[SERIES.indexOf(asOf.plusDays(h))];
                naiveError += Math.abs(a.get(h).expected() - actual);
                modelError += Math.abs(b.get(h).expected() - actual);
            }
        }
        assertThat(modelError).as(model.name() + " MAE vs seasonal-naive").isLessThan(0.85 * naiveError);
    }

    @ParameterizedTest
    @MethodSource("models")
    void dataDatedOnOrAfterAsOfChangesNothing(ForecastModel model) {
        TrainedForecast trained = trained(model);
        LocalDate asOf = TRAIN_END.plusDays(100);
        List<DayForecast> honest = trained.forecast(SERIES.before(asOf), asOf, 7, 40);
        // the future rewritten: counts multiplied by 5, exposures shifted, on and after asOf
        double[] counts = SERIES.counts().clone();
        double[][] features = SERIES.features().clone();
        for (int i = SERIES.indexOf(asOf); i < SERIES.size(); i++) {
            counts[i] = counts[i] * 5 + 3;
            features[i] = features[i].clone();
            features[i][0] += 100;
        }
        FeatureTable tampered = new FeatureTable(SERIES.dates(), counts, SERIES.featureNames(), features);
        assertThat(trained.forecast(tampered, asOf, 7, 40)).isEqualTo(honest);
        assertThat(trained.forecast(SERIES, asOf, 7, 40)).isEqualTo(honest);
    }

    @ParameterizedTest
    @MethodSource("models")
    void givesNestedIntervalsAndProbabilitiesStartingOnAsOf(ForecastModel model) {
        TrainedForecast trained = trained(model);
        LocalDate asOf = TRAIN_END.plusDays(1);
        List<DayForecast> days = trained.forecast(SERIES, asOf, 7, 35);
        assertThat(days).hasSize(7);
        assertThat(days.get(0).date()).isEqualTo(asOf);
        assertThat(days.get(6).date()).isEqualTo(asOf.plusDays(6));
        for (DayForecast day : days) {
            assertThat(day.lower95()).isLessThanOrEqualTo(day.lower80());
            assertThat(day.lower80()).isLessThanOrEqualTo(day.expected() + 1);
            assertThat(day.upper80()).isGreaterThanOrEqualTo(day.expected() - 1);
            assertThat(day.upper95()).isGreaterThan(day.lower95());
            assertThat(day.peakProbability()).isBetween(0.0, 1.0);
        }
        // a threshold nobody reaches gives a peak probability near 0, one everybody passes near 1
        assertThat(trained.forecast(SERIES, asOf, 1, 10_000).get(0).peakProbability())
                .isLessThan(1e-6);
        assertThat(trained.forecast(SERIES, asOf, 1, -1).get(0).peakProbability())
                .isEqualTo(1.0);
    }

    @ParameterizedTest
    @MethodSource("models")
    void savedModelForecastsTheSameAfterLoading(ForecastModel model) {
        TrainedForecast trained = trained(model);
        TrainedForecast loaded = model.load(trained.save());
        LocalDate asOf = TRAIN_END.plusDays(30);
        assertThat(loaded.name()).isEqualTo(model.name());
        assertThat(loaded.forecast(SERIES, asOf, 7, 40)).isEqualTo(trained.forecast(SERIES, asOf, 7, 40));
        assertThat(model.train(SERIES.upTo(TRAIN_END), SETTINGS).forecast(SERIES, asOf, 7, 40))
                .as("same data and seed give the same model")
                .isEqualTo(trained.forecast(SERIES, asOf, 7, 40));
    }

    @ParameterizedTest
    @MethodSource("models")
    void followsARecentTriplingOfTheSeries(ForecastModel model) {
        int breakDay = 3 * 365 + 60;
        FeatureTable broken = SyntheticSeries.generate(4 * 365, 20, 11, breakDay, 3.0);
        TrainedForecast trained = trained(model); // trained on another series (level 30): only the level can carry it
        LocalDate asOf = broken.dates().get(breakDay + 35);
        double expected = trained.forecast(broken, asOf, 7, 100).stream()
                .mapToDouble(DayForecast::expected)
                .sum();
        double actual = 0;
        for (int h = 0; h < 7; h++) {
            actual += broken.counts()[broken.indexOf(asOf.plusDays(h))];
        }
        assertThat(expected / actual)
                .as(model.name() + " forecast / actual, 5 weeks after a tripling")
                .isBetween(0.75, 1.3);
    }

    @ParameterizedTest
    @MethodSource("models")
    void followsASeriesHalvedOvernight(ForecastModel model) {
        // the training series itself (same seed, same noise), halved from one day on: a coding or catchment change
        int breakDay = 3 * 365 + 60;
        FeatureTable halved = SyntheticSeries.generate(4 * 365, 30, 7, breakDay, 0.5);
        TrainedForecast trained = trained(model);
        // once the 28 days before asOf are all after the break, the forecast is at the new level
        for (int after : new int[] {28, 35}) {
            LocalDate asOf = halved.dates().get(breakDay + after);
            double forecast = week(trained.forecast(halved, asOf, 7, 100));
            double unbroken = week(trained.forecast(SERIES, asOf, 7, 100));
            double actual = 0;
            for (int h = 0; h < 7; h++) {
                actual += halved.counts()[halved.indexOf(asOf.plusDays(h))];
            }
            assertThat(forecast / unbroken)
                    .as(model.name() + " forecast halved / unbroken, " + after + " days after the break")
                    .isBetween(0.35, 0.65);
            assertThat(forecast / actual)
                    .as(model.name() + " forecast / actual, " + after + " days after the break")
                    .isBetween(0.75, 1.3);
        }
    }

    private static double week(List<DayForecast> days) {
        return days.stream().mapToDouble(DayForecast::expected).sum();
    }

    @ParameterizedTest
    @MethodSource("models")
    void rejectsForecastsWithoutRecentHistory(ForecastModel model) {
        TrainedForecast trained = trained(model);
        assertThatThrownBy(() -> trained.forecast(SERIES.upTo(TRAIN_END), TRAIN_END.plusDays(30), 7, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history");
    }

    @Test
    void refusesToTrainOnTooShortAHistory() {
        FeatureTable tiny = SERIES.slice(0, 20);
        models().forEach(model ->
                assertThatThrownBy(() -> model.train(tiny, SETTINGS)).isInstanceOf(IllegalArgumentException.class));
    }
}
