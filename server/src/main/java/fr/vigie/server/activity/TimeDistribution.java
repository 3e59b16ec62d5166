package fr.vigie.server.activity;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A duration distribution in minutes: {@code lognormal} (mean and coefficient of variation, the usual shape of care
 * times: positive and right-skewed), {@code exponential} (mean; the service of queueing theory's M/M/c) or {@code
 * fixed}. Samples are rounded to whole minutes, the simulator's step.
 *
 * @param kind the shape
 * @param mean mean in minutes (before rounding), 0 or more
 * @param cv coefficient of variation (standard deviation / mean), lognormal only
 */
public record TimeDistribution(Kind kind, double mean, double cv) {

    /** Shapes. */
    public enum Kind {
        LOGNORMAL,
        EXPONENTIAL,
        FIXED
    }

    public TimeDistribution {
        if (!(mean >= 0) || !(cv >= 0)) {
            throw new IllegalArgumentException(
                    "time distribution needs mean >= 0 and cv >= 0, got " + mean + ", " + cv);
        }
    }

    public static TimeDistribution lognormal(double mean, double cv) {
        return new TimeDistribution(Kind.LOGNORMAL, mean, cv);
    }

    public static TimeDistribution exponential(double mean) {
        return new TimeDistribution(Kind.EXPONENTIAL, mean, 1);
    }

    public static TimeDistribution fixed(double minutes) {
        return new TimeDistribution(Kind.FIXED, minutes, 0);
    }

    /** A sample in whole minutes, at least {@code minimum}. */
    public int sample(SplittableRandom random, int minimum) {
        double value =
                switch (kind) {
                    case FIXED -> mean;
                    case EXPONENTIAL -> -mean * Math.log(1 - random.nextDouble());
                    case LOGNORMAL -> {
                        if (mean == 0) {
                            yield 0;
                        }
                        double sigma2 = Math.log(1 + cv * cv);
                        double mu = Math.log(mean) - sigma2 / 2;
                        yield Math.exp(mu + Math.sqrt(sigma2) * Gaussian.next(random));
                    }
                };
        return (int) Math.max(minimum, Math.min(Integer.MAX_VALUE / 4, Math.round(value)));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FIXED -> String.format(Locale.ROOT, "fixed %.0f min", mean);
            case EXPONENTIAL -> String.format(Locale.ROOT, "exponential, mean %.1f min", mean);
            case LOGNORMAL -> String.format(Locale.ROOT, "lognormal, mean %.1f min, cv %.2f", mean, cv);
        };
    }

    /** Standard normal samples by the Box-Muller transform (two uniforms per sample: simple and reproducible). */
    static final class Gaussian {
        private Gaussian() {}

        static double next(SplittableRandom random) {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }
}
