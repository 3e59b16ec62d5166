package fr.vigie.server.forecast.deep;

import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.FrenchCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A daily admissions series with known structure, for the deep models' tests: Poisson counts with mean {@code 20 ×
 * yearly × weekly × exposure}, where the yearly factor is {@code exp(0.35 cos(2π(doy-15)/365.25))} (winter peak), the
 * weekly factor {@code exp(w[dow])} (Mondays high, weekends low) and the exposure factor {@code exp(0.25 z[t-1])}, z
 * being yesterday's standardised PM10 (an AR(1) process with coefficient 0.8). The table carries {@code env:pm10}, its
 * (all-zero) missing mask and the calendar columns, as the harmonised tables do.
 */
final class SyntheticSeries {

    static final double[] WEEKLY = {0.25, 0.1, 0.05, 0.05, 0.0, -0.2, -0.25};

    private SyntheticSeries() {}

    static FeatureTable table(LocalDate start, int days, long seed) {
        Random random = new Random(seed);
        List<LocalDate> dates = new ArrayList<>();
        double[] counts = new double[days];
        List<String> names = new ArrayList<>(List.of("env:pm10", "env:pm10:missing"));
        names.addAll(FrenchCalendar.NAMES);
        double[][] features = new double[days][];
        double z = 0;
        double previousZ = 0;
        for (int i = 0; i < days; i++) {
            LocalDate date = start.plusDays(i);
            dates.add(date);
            z = 0.8 * z + Math.sqrt(1 - 0.64) * random.nextGaussian();
            double yearly = 0.35 * Math.cos(2 * Math.PI * (date.getDayOfYear() - 15) / 365.25);
            double weekly = WEEKLY[date.getDayOfWeek().getValue() - 1];
            double mean = 20 * Math.exp(yearly + weekly + 0.25 * previousZ);
            counts[i] = poisson(mean, random);
            double[] row = new double[names.size()];
            row[0] = 25 + 10 * z;
            row[1] = 0;
            System.arraycopy(FrenchCalendar.features(date), 0, row, 2, FrenchCalendar.NAMES.size());
            features[i] = row;
            previousZ = z;
        }
        return new FeatureTable(dates, counts, names, features);
    }

    /** Knuth's method, fine for means below ~100. */
    static int poisson(double mean, Random random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** Seasonal-naive forecast of day {@code asOf + h}: the count of the same weekday in the last week before asOf. */
    static double seasonalNaive(FeatureTable table, LocalDate asOf, int h) {
        int t = table.indexOf(asOf);
        int lag = 7 * (h / 7 + 1);
        return table.counts()[t + h - lag];
    }
}
