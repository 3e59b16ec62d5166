package fr.vigie.server.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CountDistributionTest {

    private static final LocalDate DAY = LocalDate.of(2000, 1, 1);

    @Test
    void poissonQuantilesMatchTables() {
        // Poisson(10): P(X<=5)=0.0671, P(X<=6)=0.1301 -> 10 % quantile 6; P(X<=14)=0.9165 -> 90 % quantile 14
        // P(X<=3)=0.0103, P(X<=4)=0.0293 -> 2.5 % quantile 4; P(X<=16)=0.9730, P(X<=17)=0.9857 -> 97.5 % quantile 17
        DayForecast f = CountDistribution.forecast(DAY, 10, Double.POSITIVE_INFINITY, 14);
        assertThat(f.lower80()).isEqualTo(6);
        assertThat(f.upper80()).isEqualTo(14);
        assertThat(f.lower95()).isEqualTo(4);
        assertThat(f.upper95()).isEqualTo(17);
        assertThat(f.peakProbability()).isCloseTo(1 - 0.9165, within(1e-3));
    }

    @Test
    void overDispersionWidensIntervals() {
        DayForecast poisson = CountDistribution.forecast(DAY, 40, Double.POSITIVE_INFINITY, 50);
        DayForecast nb = CountDistribution.forecast(DAY, 40, 5, 50);
        assertThat(nb.upper95() - nb.lower95()).isGreaterThan(poisson.upper95() - poisson.lower95());
        assertThat(nb.peakProbability()).isGreaterThan(poisson.peakProbability());
    }

    @Test
    void estimatesSizeFromOverDispersedErrors() {
        double[] predicted = new double[1000];
        double[] observed = new double[1000];
        for (int i = 0; i < 1000; i++) {
            predicted[i] = 20;
            observed[i] = i % 2 == 0 ? 10 : 30; // variance 100 = 20 + 400/k -> k = 5
        }
        assertThat(CountDistribution.estimateSize(observed, predicted)).isCloseTo(5.0, within(1e-9));
        assertThat(CountDistribution.estimateSize(predicted, predicted)).isInfinite();
    }

    @Test
    void defaultThresholdIsTheNinetiethPercentileOfKnownCounts() {
        double[] counts = new double[101];
        for (int i = 0; i <= 100; i++) {
            counts[i] = i;
        }
        counts[50] = Double.NaN;
        assertThat(PeakThreshold.defaultFor(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
                .isCloseTo(9.1, within(1e-12));
        assertThat(PeakThreshold.defaultFor(counts)).isGreaterThan(89).isLessThan(91);
    }
}
