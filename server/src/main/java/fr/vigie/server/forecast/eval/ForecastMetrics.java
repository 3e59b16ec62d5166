package fr.vigie.server.forecast.eval;

import fr.vigie.server.forecast.model.DayForecast;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Metrics of forecasts against what happened.
 *
 * <ul>
 *   <li>MAE, RMSE (admissions a day) and MAPE (%, over days with at least one admission) of the expected count;
 *   <li>AUROC of the peak probability for the days whose count was above the threshold (Mann-Whitney, ties counted
 *       half; NaN when the period has no peak day or only peak days);
 *   <li>Brier score of the peak probability;
 *   <li>coverage of the 80 % and 95 % intervals (share of days whose count fell inside, bounds included);
 *   <li>confusion matrix at the threshold: a day is forecast as a peak when its peak probability is at least 0.5
 *       (the median forecast is above the threshold), and was one when its count was above the threshold.
 * </ul>
 */
public record ForecastMetrics(
        int days,
        double mae,
        double rmse,
        double mape,
        double auroc,
        double brier,
        double coverage80,
        double coverage95,
        int truePositives,
        int falsePositives,
        int falseNegatives,
        int trueNegatives) {

    /** A forecast day and its observed count. */
    public record Pair(DayForecast forecast, double actual) {}

    /** Metrics of the pairs with a known count; a peak is a count strictly above {@code threshold}. */
    public static ForecastMetrics of(List<Pair> pairs, double threshold) {
        List<Pair> known = pairs.stream().filter(p -> !Double.isNaN(p.actual())).toList();
        int n = known.size();
        if (n == 0) {
            return new ForecastMetrics(
                    0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0);
        }
        double abs = 0;
        double sq = 0;
        double ape = 0;
        int apeDays = 0;
        double brier = 0;
        int in80 = 0;
        int in95 = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (Pair p : known) {
            DayForecast f = p.forecast();
            double y = p.actual();
            double e = f.expected() - y;
            abs += Math.abs(e);
            sq += e * e;
            if (y > 0) {
                ape += Math.abs(e) / y;
                apeDays++;
            }
            boolean peak = y > threshold;
            brier += Math.pow(f.peakProbability() - (peak ? 1 : 0), 2);
            in80 += y >= f.lower80() && y <= f.upper80() ? 1 : 0;
            in95 += y >= f.lower95() && y <= f.upper95() ? 1 : 0;
            boolean predicted = f.peakProbability() >= 0.5;
            if (predicted && peak) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (peak) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ForecastMetrics(
                n,
                abs / n,
                Math.sqrt(sq / n),
                apeDays == 0 ? Double.NaN : 100 * ape / apeDays,
                auroc(known, threshold),
                brier / n,
                (double) in80 / n,
                (double) in95 / n,
                tp,
                fp,
                fn,
                tn);
    }

    /** Mann-Whitney AUROC of the peak probability for peak days (ties count half). */
    static double auroc(List<Pair> pairs, double threshold) {
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingDouble(p -> p.forecast().peakProbability()));
        long positives = pairs.stream().filter(p -> p.actual() > threshold).count();
        long negatives = pairs.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // sum of the (mid-)ranks of the positives
        double rankSum = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size()
                    && sorted.get(j + 1).forecast().peakProbability()
                            == sorted.get(i).forecast().peakProbability()) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sorted.get(k).actual() > threshold) {
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
