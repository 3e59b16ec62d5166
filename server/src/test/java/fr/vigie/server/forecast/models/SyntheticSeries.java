package fr.vigie.server.forecast.models;

import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.FrenchCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic admissions series with known structure: weekly cycle (weekends at 70 %), annual cycle (winter peak,
 * ±35 %), public holidays at 60 %, and an exposure effect (log-rate +0.25 per standard deviation of a pollutant, AR(1)
 * with persistence 0.8, acting the next day, so it is partly predictable from the last known day), Poisson noise.
 */
public final class SyntheticSeries {

    private SyntheticSeries() {}

    /** {@code days} days from 2010-01-01, base level {@code base} admissions a day. */
    public static FeatureTable generate(int days, double base, long seed) {
        return generate(days, base, seed, -1, 1.0);
    }

    /** The same with the level multiplied by {@code factor} from day {@code breakDay} on (-1 = no break). */
    public static FeatureTable generate(int days, double base, long seed, int breakDay, double factor) {
        Random random = new Random(seed);
        LocalDate start = LocalDate.of(2010, 1, 1);
        List<LocalDate> dates = new ArrayList<>();
        double[] counts = new double[days];
        double[] pm = new double[days];
        double z = 0;
        for (int i = 0; i < days; i++) {
            z = 0.8 * z + Math.sqrt(1 - 0.64) * random.nextGaussian();
            pm[i] = 25 + 8 * z;
        }
        List<String> names = new ArrayList<>(List.of("env:pm10", "env:pm10:missing", "env:pm10:mean7"));
        names.addAll(FrenchCalendar.NAMES);
        double[][] features = new double[days][];
        for (int i = 0; i < days; i++) {
            LocalDate day = start.plusDays(i);
            dates.add(day);
            double rate = base;
            rate *= FrenchCalendar.isWeekend(day) ? 0.7 : 1.0;
            rate *= FrenchCalendar.isPublicHoliday(day) ? 0.6 : 1.0;
            rate *= 1 + 0.35 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 15) / 365.25);
            double exposure = i > 0 ? (pm[i - 1] - 25) / 8 : 0;
            rate *= Math.exp(0.25 * exposure);
            if (breakDay >= 0 && i >= breakDay) {
                rate *= factor;
            }
            counts[i] = poisson(random, rate);
            double mean7 = 0;
            int n = 0;
            for (int k = Math.max(0, i - 6); k <= i; k++) {
                mean7 += pm[k];
                n++;
            }
            double[] row = new double[names.size()];
            row[0] = pm[i];
            row[1] = 0;
            row[2] = mean7 / n;
            System.arraycopy(FrenchCalendar.features(day), 0, row, 3, FrenchCalendar.NAMES.size());
            features[i] = row;
        }
        return new FeatureTable(dates, counts, names, features);
    }

    private static int poisson(Random random, double rate) {
        // Knuth for small rates, normal approximation above 60 (enough for tests)
        if (rate > 60) {
            return (int) Math.max(0, Math.round(rate + Math.sqrt(rate) * random.nextGaussian()));
        }
        double limit = Math.exp(-rate);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
