package fr.vigie.server.forecast.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.vigie.server.forecast.model.DayForecast;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

    private static ForecastMetrics.Pair pair(double expected, double lo80, double hi80, double p, double actual) {
        return new ForecastMetrics.Pair(
                new DayForecast(LocalDate.of(2000, 1, 1), expected, lo80, hi80, lo80 - 1, hi80 + 1, p), actual);
    }

    @Test
    void computesErrorsCoverageCalibrationAndConfusion() {
        List<ForecastMetrics.Pair> pairs = List.of(
                pair(10, 8, 12, 0.9, 15), // peak, predicted: TP, outside both intervals
                pair(10, 8, 12, 0.2, 9), // TN, inside
                pair(10, 8, 12, 0.6, 10), // FP, inside
                pair(10, 8, 12, 0.1, 14)); // peak missed: FN, outside both intervals
        ForecastMetrics m = ForecastMetrics.of(pairs, 12);
        assertThat(m.days()).isEqualTo(4);
        assertThat(m.mae()).isCloseTo((5 + 1 + 0 + 4) / 4.0, within(1e-12));
        assertThat(m.rmse()).isCloseTo(Math.sqrt((25 + 1 + 0 + 16) / 4.0), within(1e-12));
        assertThat(m.coverage80()).isEqualTo(0.5);
        assertThat(m.coverage95()).isEqualTo(0.5);
        assertThat(m.brier()).isCloseTo((0.01 + 0.04 + 0.36 + 0.81) / 4, within(1e-12));
        assertThat(m.truePositives()).isEqualTo(1);
        assertThat(m.falsePositives()).isEqualTo(1);
        assertThat(m.falseNegatives()).isEqualTo(1);
        assertThat(m.trueNegatives()).isEqualTo(1);
        // positives score 0.9 and 0.1, negatives 0.2 and 0.6: 2 of 4 pairs ordered right
        assertThat(m.auroc()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aurocIsOneForAPerfectRankingAndUndefinedWithoutPeaks() {
        List<ForecastMetrics.Pair> perfect =
                List.of(pair(5, 4, 6, 0.1, 3), pair(5, 4, 6, 0.8, 20), pair(5, 4, 6, 0.3, 4));
        assertThat(ForecastMetrics.of(perfect, 10).auroc()).isEqualTo(1.0);
        assertThat(ForecastMetrics.of(perfect, 100).auroc()).isNaN();
    }
}
