package fr.vigie.server.forecast.model;

import java.time.LocalDate;
import org.apache.commons.math3.special.Gamma;

/**
 * Predictive distribution of a day's count: negative binomial with mean {@code mu} and size {@code k} (variance {@code
 * mu + mu^2/k}), Poisson when {@code k} is infinite. Turns a model's expected count into the integer 80 %/95 %
 * intervals and the peak probability every model must give, so all models state their uncertainty the same way.
 */
public final class CountDistribution {

    private static final double LOWER95 = 0.025;
    private static final double LOWER80 = 0.10;
    private static final double UPPER80 = 0.90;
    private static final double UPPER95 = 0.975;

    private CountDistribution() {}

    /**
     * The forecast of a day from its expected count and NB size.
     *
     * @param mean expected count (>= 0)
     * @param size NB size k > 0 ({@link Double#POSITIVE_INFINITY} = Poisson)
     * @param peakThreshold a peak is a count strictly above it
     */
    public static DayForecast forecast(LocalDate date, double mean, double size, double peakThreshold) {
        double mu = Math.max(mean, 1e-9);
        double k = size > 0 && !Double.isNaN(size) ? size : Double.POSITIVE_INFINITY;
        double cdf = 0;
        int x = 0;
        double lo95 = -1;
        double lo80 = -1;
        double up80 = -1;
        double up95 = -1;
        double belowThreshold = peakThreshold < 0 ? 0 : Double.NaN;
        // walk the pmf until every quantile and P(X <= threshold) are known
        while (up95 < 0 || Double.isNaN(belowThreshold)) {
            cdf += Math.exp(logPmf(x, mu, k));
            if (lo95 < 0 && cdf >= LOWER95) {
                lo95 = x;
            }
            if (lo80 < 0 && cdf >= LOWER80) {
                lo80 = x;
            }
            if (up80 < 0 && cdf >= UPPER80) {
                up80 = x;
            }
            if (up95 < 0 && cdf >= UPPER95) {
                up95 = x;
            }
            if (Double.isNaN(belowThreshold) && x >= Math.floor(peakThreshold)) {
                belowThreshold = Math.min(cdf, 1);
            }
            if (cdf >= 1 - 1e-12 || x > 10_000_000) {
                // numerically the whole mass: anything left is beyond
                lo95 = lo95 < 0 ? x : lo95;
                lo80 = lo80 < 0 ? x : lo80;
                up80 = up80 < 0 ? x : up80;
                up95 = up95 < 0 ? x : up95;
                if (Double.isNaN(belowThreshold)) {
                    belowThreshold = 1;
                }
            }
            x++;
        }
        return new DayForecast(date, mean, lo80, up80, lo95, up95, clamp01(1 - belowThreshold));
    }

    /** Log probability of count {@code x} under NB(mu, k) (Poisson when k is infinite). */
    public static double logPmf(int x, double mu, double k) {
        if (Double.isInfinite(k) || k > 1e8) {
            return x * Math.log(mu) - mu - Gamma.logGamma(x + 1.0);
        }
        return Gamma.logGamma(x + k)
                - Gamma.logGamma(k)
                - Gamma.logGamma(x + 1.0)
                + k * Math.log(k / (k + mu))
                + x * Math.log(mu / (k + mu));
    }

    /**
     * Moment estimate of the NB size from observed counts and their predictions (NaN pairs skipped): solves {@code
     * mean((y-mu)^2) = mean(mu) + mean(mu^2)/k}. Returns infinity (Poisson) when the errors are not over-dispersed.
     */
    public static double estimateSize(double[] observed, double[] predicted) {
        double sq = 0;
        double mu = 0;
        double mu2 = 0;
        int n = 0;
        for (int i = 0; i < observed.length; i++) {
            if (Double.isNaN(observed[i]) || Double.isNaN(predicted[i])) {
                continue;
            }
            double p = Math.max(predicted[i], 1e-9);
            sq += (observed[i] - p) * (observed[i] - p);
            mu += p;
            mu2 += p * p;
            n++;
        }
        if (n < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double excess = sq / n - mu / n;
        return excess <= 0 ? Double.POSITIVE_INFINITY : Math.max((mu2 / n) / excess, 0.05);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
