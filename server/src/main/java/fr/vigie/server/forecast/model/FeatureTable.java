package fr.vigie.server.forecast.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One hospital's daily history for one condition, harmonised: a row per consecutive calendar day.
 *
 * <p>Row {@code i} holds what is known at the end of day {@code dates.get(i)}: the admissions counted that day ({@code
 * counts[i]}, {@code NaN} when unknown) and the day's exogenous features ({@code features[i][j]} for {@code
 * featureNames.get(j)}), already mapped to the hospital, aggregated to the day, gap-filled (never {@code NaN}), with a
 * {@code …:missing} mask column (1 = filled, 0 = observed) beside each environmental feature. Count lags are not
 * columns: they depend on the forecast origin, so each model builds them from {@code counts}.
 *
 * <p>Column names: {@code env:<parameter>} (e.g. {@code env:pm10}, {@code env:o3}, {@code env:temperature-mean},
 * {@code env:ili-incidence}), {@code env:<parameter>:missing}, {@code env:<parameter>:mean7} (trailing 7-day mean,
 * days i-6..i), {@code env:<parameter>:lag1}; calendar columns of day i come from {@link FrenchCalendar} ({@code
 * cal:…}). A model needing the calendar of a future day computes it with {@link FrenchCalendar#features(LocalDate)}.
 *
 * @param dates consecutive days, ascending, no gap
 * @param counts admissions per day ({@code NaN} = unknown), same length as dates
 * @param featureNames column names, unique
 * @param features one row per day, each of {@code featureNames.size()} finite values
 */
public record FeatureTable(List<LocalDate> dates, double[] counts, List<String> featureNames, double[][] features) {

    public FeatureTable {
        dates = List.copyOf(dates);
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(features, "features");
        if (counts.length != dates.size() || features.length != dates.size()) {
            throw new IllegalArgumentException("dates, counts and features must have the same number of rows: "
                    + dates.size() + ", " + counts.length + ", " + features.length);
        }
        for (int i = 1; i < dates.size(); i++) {
            if (!dates.get(i).equals(dates.get(i - 1).plusDays(1))) {
                throw new IllegalArgumentException(
                        "dates must be consecutive days; " + dates.get(i - 1) + " is followed by " + dates.get(i));
            }
        }
        for (double[] row : features) {
            if (row.length != featureNames.size()) {
                throw new IllegalArgumentException(
                        "every feature row must have " + featureNames.size() + " values, one has " + row.length);
            }
        }
        if (featureNames.stream().distinct().count() != featureNames.size()) {
            throw new IllegalArgumentException("feature names must be unique: " + featureNames);
        }
    }

    /** Number of days. */
    public int size() {
        return dates.size();
    }

    /** First day, or null when empty. */
    public LocalDate firstDate() {
        return dates.isEmpty() ? null : dates.get(0);
    }

    /** Last day, or null when empty. */
    public LocalDate lastDate() {
        return dates.isEmpty() ? null : dates.get(dates.size() - 1);
    }

    /** Row of a date, or -1 when outside the table. */
    public int indexOf(LocalDate date) {
        if (dates.isEmpty()) {
            return -1;
        }
        long offset = date.toEpochDay() - dates.get(0).toEpochDay();
        return offset < 0 || offset >= dates.size() ? -1 : (int) offset;
    }

    /** Column index of a feature, or -1. */
    public int column(String name) {
        return featureNames.indexOf(name);
    }

    /** Values of one feature column (a copy). */
    public double[] columnValues(String name) {
        int j = column(name);
        if (j < 0) {
            throw new IllegalArgumentException("no feature named " + name);
        }
        double[] values = new double[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = features[i][j];
        }
        return values;
    }

    /** The rows dated strictly before {@code asOf}: all a forecast made on {@code asOf} may see. */
    public FeatureTable before(LocalDate asOf) {
        if (dates.isEmpty() || !asOf.isAfter(dates.get(0))) {
            return new FeatureTable(List.of(), new double[0], featureNames, new double[0][]);
        }
        int end = (int) Math.min(dates.size(), asOf.toEpochDay() - dates.get(0).toEpochDay());
        return slice(0, end);
    }

    /** The rows dated up to {@code until} inclusive. */
    public FeatureTable upTo(LocalDate until) {
        return before(until.plusDays(1));
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public FeatureTable slice(int from, int to) {
        double[][] rows = new double[to - from][];
        for (int i = from; i < to; i++) {
            rows[i - from] = features[i].clone();
        }
        return new FeatureTable(dates.subList(from, to), Arrays.copyOfRange(counts, from, to), featureNames, rows);
    }

    /** Number of days whose count is known. */
    public int knownCounts() {
        int n = 0;
        for (double c : counts) {
            if (!Double.isNaN(c)) {
                n++;
            }
        }
        return n;
    }

    /** The table with only the named columns, in that order (unknown names fail). */
    public FeatureTable select(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < featureNames.size(); j++) {
            index.put(featureNames.get(j), j);
        }
        List<Integer> cols = new ArrayList<>();
        for (String name : names) {
            Integer j = index.get(name);
            if (j == null) {
                throw new IllegalArgumentException("no feature named " + name);
            }
            cols.add(j);
        }
        double[][] rows = new double[size()][cols.size()];
        for (int i = 0; i < size(); i++) {
            for (int k = 0; k < cols.size(); k++) {
                rows[i][k] = features[i][cols.get(k)];
            }
        }
        return new FeatureTable(dates, counts.clone(), names, rows);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureTable t
                && dates.equals(t.dates)
                && Arrays.equals(counts, t.counts)
                && featureNames.equals(t.featureNames)
                && Arrays.deepEquals(features, t.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dates, Arrays.hashCode(counts), featureNames, Arrays.deepHashCode(features));
    }

    @Override
    public String toString() {
        return "FeatureTable[" + firstDate() + ".." + lastDate() + ", " + size() + " days, " + featureNames.size()
                + " features]";
    }
}
