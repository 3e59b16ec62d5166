package fr.vigie.server.forecast.deep;

import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.FrenchCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a feature table into the networks' inputs at a forecast origin; the scalers learnt on the training table
 * travel with the model.
 *
 * <p>For an origin {@code t} (the first day to forecast, asOf), the first input is the sequence of days {@code
 * t-window..t-1}, channel-first ({@code [channels, window]}), with channels:
 *
 * <ol>
 *   <li>the day's count divided by the origin's level (0 when unknown);
 *   <li>1 when that count is known, else 0;
 *   <li>the {@link FrenchCalendar} features of the day;
 *   <li>each non-calendar column of the table, standardised with the training mean and standard deviation and
 *       clipped to ±{@value #CLIP}; 0 (the training mean) for days outside the table.
 * </ol>
 *
 * <p>The second input is what is known of the days to forecast, {@code t..t+horizon-1}: their {@link FrenchCalendar}
 * features, day after day ({@code horizon × 13} values).
 *
 * <p><b>Level.</b> The origin's level is the mean of the known counts of the {@value #LEVEL_DAYS} days before it
 * (floored at 1). Inputs and targets are counts divided by it, so the networks learn the shape of the coming days
 * relative to the last four weeks, not the training years' absolute level: after an epidemic triples a series or a
 * coding change halves it, the forecasts move with the level as soon as the days of the new regime enter the window,
 * fully within four weeks. A level needs at least {@value #MIN_KNOWN_DAYS} known counts among those days.
 */
final class WindowEncoder {

    /** Days whose mean count is the level the inputs and targets are divided by (whole weeks). */
    static final int LEVEL_DAYS = 28;

    /** Known counts needed among the {@link #LEVEL_DAYS} days before an origin. */
    static final int MIN_KNOWN_DAYS = 7;

    /** Standardised exogenous values are clipped to this many standard deviations. */
    static final double CLIP = 10;

    private static final int FIXED_CHANNELS = 2;

    private final int window;
    private final int horizon;
    private final List<String> exogenous;
    private final double[] means;
    private final double[] scales;

    WindowEncoder(int window, int horizon, List<String> exogenous, double[] means, double[] scales) {
        this.window = window;
        this.horizon = horizon;
        this.exogenous = List.copyOf(exogenous);
        this.means = means.clone();
        this.scales = scales.clone();
    }

    /** Learns the scalers of the table's non-calendar columns. */
    static WindowEncoder fit(FeatureTable table, int window, int horizon) {
        List<String> names = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int j = 0; j < table.featureNames().size(); j++) {
            String name = table.featureNames().get(j);
            if (!FrenchCalendar.NAMES.contains(name)) {
                names.add(name);
                columns.add(j);
            }
        }
        double[] means = new double[names.size()];
        double[] scales = new double[names.size()];
        int n = table.size();
        for (int k = 0; k < names.size(); k++) {
            int j = columns.get(k);
            double sum = 0;
            for (double[] row : table.features()) {
                sum += row[j];
            }
            double mean = n == 0 ? 0 : sum / n;
            double sq = 0;
            for (double[] row : table.features()) {
                sq += (row[j] - mean) * (row[j] - mean);
            }
            double sd = n < 2 ? 0 : Math.sqrt(sq / (n - 1));
            means[k] = mean;
            scales[k] = sd > 1e-9 ? sd : 1;
        }
        return new WindowEncoder(window, horizon, names, means, scales);
    }

    int window() {
        return window;
    }

    int horizon() {
        return horizon;
    }

    List<String> exogenous() {
        return exogenous;
    }

    double[] means() {
        return means.clone();
    }

    double[] scales() {
        return scales.clone();
    }

    int channels() {
        return FIXED_CHANNELS + FrenchCalendar.NAMES.size() + exogenous.size();
    }

    int steps() {
        return window;
    }

    /** Size of the second input: the calendar of each day to forecast. */
    int futureSize() {
        return horizon * FrenchCalendar.NAMES.size();
    }

    /** Where each of this encoder's exogenous columns is in {@code table}; fails naming a missing column. */
    int[] columnsIn(FeatureTable table) {
        int[] columns = new int[exogenous.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = table.column(exogenous.get(k));
            if (columns[k] < 0) {
                throw new IllegalArgumentException("the feature table has no column " + exogenous.get(k)
                        + ", which the model was trained with; retrain the model on the current features");
            }
        }
        return columns;
    }

    /**
     * The level at origin {@code t} (row index of the first forecast day, may be past the table's end): mean of the
     * known counts of rows {@code t-LEVEL_DAYS..t-1}, at least 1; NaN when fewer than {@link #MIN_KNOWN_DAYS} are
     * known.
     */
    static double level(double[] counts, int t) {
        double sum = 0;
        int known = 0;
        for (int i = Math.max(0, t - LEVEL_DAYS); i < Math.min(t, counts.length); i++) {
            if (!Double.isNaN(counts[i])) {
                sum += counts[i];
                known++;
            }
        }
        return known < MIN_KNOWN_DAYS ? Double.NaN : Math.max(1.0, sum / known);
    }

    /**
     * Writes the inputs of origin row {@code t} (first forecast day {@code origin}): the past sequence at {@code
     * offset} of {@code past}, channel-major ({@code past[offset + c * steps + s]}), and the calendar of the days to
     * forecast at {@code futureOffset} of {@code future}. Rows at or after {@code t} are never read.
     *
     * @param columns {@link #columnsIn(FeatureTable)} of the table
     */
    void encode(
            FeatureTable table,
            int[] columns,
            int t,
            LocalDate origin,
            double level,
            float[] past,
            int offset,
            float[] future,
            int futureOffset) {
        int steps = steps();
        int calendar = FrenchCalendar.NAMES.size();
        double[] counts = table.counts();
        double[][] features = table.features();
        for (int s = 0; s < steps; s++) {
            int row = t - window + s;
            boolean inTable = row >= 0 && row < counts.length;
            double count = inTable ? counts[row] : Double.NaN;
            boolean known = !Double.isNaN(count);
            past[offset + s] = known ? (float) (count / level) : 0f;
            past[offset + steps + s] = known ? 1f : 0f;
            double[] cal = FrenchCalendar.features(origin.plusDays(s - window));
            for (int c = 0; c < calendar; c++) {
                past[offset + (FIXED_CHANNELS + c) * steps + s] = (float) cal[c];
            }
            for (int k = 0; k < columns.length; k++) {
                double z = 0;
                if (inTable) {
                    z = (features[row][columns[k]] - means[k]) / scales[k];
                    z = Double.isFinite(z) ? Math.max(-CLIP, Math.min(CLIP, z)) : 0;
                }
                past[offset + (FIXED_CHANNELS + calendar + k) * steps + s] = (float) z;
            }
        }
        for (int h = 0; h < horizon; h++) {
            double[] cal = FrenchCalendar.features(origin.plusDays(h));
            for (int c = 0; c < calendar; c++) {
                future[futureOffset + h * calendar + c] = (float) cal[c];
            }
        }
    }
}
