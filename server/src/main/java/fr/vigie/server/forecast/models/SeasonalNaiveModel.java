package fr.vigie.server.forecast.models;

import fr.vigie.server.forecast.model.CountDistribution;
import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Seasonal-naive baseline with a weekly period: a day is forecast by the count of the same weekday in the most recent
 * week before the origin ({@code d-7}, {@code d-14} for horizons of 8-14 days…; a missing count falls back to the
 * week before, up to four weeks, then to the 28-day mean). It follows any change of level after at most a week, by
 * construction. Intervals: negative binomial around that value, with the size estimated per horizon on the training
 * window's own seasonal-naive errors.
 */
@Component
public class SeasonalNaiveModel implements ForecastModel {

    public static final String NAME = "seasonal-naive";
    private static final int VERSION = 1;
    private static final int PERIOD = 7;
    private static final int MIN_HISTORY = 28;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainedForecast train(FeatureTable history, TrainingSettings settings) {
        double[] y = history.counts();
        if (Series.known(y, 0, y.length) < MIN_HISTORY) {
            throw new IllegalArgumentException("seasonal-naive needs at least " + MIN_HISTORY
                    + " known daily counts, has " + history.knownCounts());
        }
        double[] sizes = new double[settings.maxHorizon()];
        for (int h = 0; h < sizes.length; h++) {
            double[] observed = new double[y.length];
            double[] predicted = new double[y.length];
            for (int d = 0; d < y.length; d++) {
                observed[d] = y[d];
                predicted[d] = d - h >= MIN_HISTORY ? predict(y, d - h, h) : Double.NaN;
            }
            sizes[h] = CountDistribution.estimateSize(observed, predicted);
            settings.progress().report((h + 1.0) / sizes.length, "seasonal-naive: errors at horizon " + (h + 1));
        }
        return new Trained(sizes);
    }

    @Override
    public TrainedForecast load(byte[] bytes) {
        ModelBytes.Reader in = new ModelBytes.Reader(bytes, NAME, VERSION);
        return new Trained(in.getDoubles());
    }

    /** Same weekday of the latest week before origin {@code o}, for the day {@code o + h}. */
    static double predict(double[] y, int o, int h) {
        int d = o + h;
        int k = (h / PERIOD) + 1;
        for (int tries = 0; tries < 4; tries++, k++) {
            double v = Series.at(y, d - PERIOD * k);
            if (!Double.isNaN(v) && d - PERIOD * k < o) {
                return v;
            }
        }
        return Series.mean(y, o - MIN_HISTORY, o);
    }

    private record Trained(double[] sizes) implements TrainedForecast {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<DayForecast> forecast(FeatureTable history, LocalDate asOf, int horizon, double peakThreshold) {
            double[] y = Series.countsBefore(history, asOf);
            if (Series.known(y, y.length - MIN_HISTORY, y.length) == 0) {
                throw new IllegalArgumentException("no admissions counted in the " + MIN_HISTORY + " days before "
                        + asOf + ": seasonal-naive has nothing to repeat");
            }
            int o = y.length;
            List<DayForecast> days = new ArrayList<>();
            for (int h = 0; h < horizon; h++) {
                double mean = predict(y, o, h);
                double size = sizes[Math.min(h, sizes.length - 1)];
                days.add(CountDistribution.forecast(asOf.plusDays(h), mean, size, peakThreshold));
            }
            return days;
        }

        @Override
        public byte[] save() {
            return new ModelBytes.Writer(NAME, VERSION).putDoubles(sizes).toBytes();
        }
    }
}
