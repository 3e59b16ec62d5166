package fr.vigie.server.forecast.features;

import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.FrenchCalendar;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.sf.geographiclib.Geodesic;

/**
 * Builds a hospital's daily {@link FeatureTable} from station series and daily admission counts. Every rule is causal:
 * row i uses nothing dated after day i.
 *
 * <ol>
 *   <li><b>Time, per station.</b> Hourly values → daily mean when at least 18 of the 24 hours are present (the 75 %
 *       rule of Directive 2008/50/EC), else the day is missing. For {@code o3}, the daily maximum 8-hour mean instead
 *       (the same directive): the 24 running 8-hour means ending at each hour of the day (so the first starts at 17:00
 *       the day before), each valid with 6 of its 8 hours, the day valid with 18 valid means. Daily values are taken as
 *       they are (several on one day are averaged). Weekly values (Sentinelles incidence) → each day carries the value
 *       of the latest week that had ended before it (the 7 days after the week), since a week's incidence is not
 *       known before the week ends. When a station has several resolutions on one day: hourly, then daily, then
 *       weekly.
 *   <li><b>Space.</b> Stations with a position within {@link Settings#radiusKm()} of the hospital (WGS84 geodesic
 *       distance, GeographicLib) count: {@link Method#NEAREST} takes the closest one having a value that day, {@link
 *       Method#IDW} the inverse-distance-weighted mean (weights {@code 1/max(d, 0.1 km)^power}) of those having one.
 *       Series without a position (an area: a region, the country) are used on days when no positioned station in
 *       the radius has a value: the mean of the areas' values.
 *   <li><b>Gaps</b> (on the hospital's daily series): a missing day takes the last value seen within {@link
 *       Settings#carryForwardDays()} days (last observation carried forward), else the mean of the values seen in the
 *       365 days before, else 0; the mask column {@code env:<p>:missing} is 1 on every filled day, 0 otherwise.
 *   <li><b>Derived columns</b>: {@code env:<p>:mean7}, the mean of days i-6..i (filled values), and {@code
 *       env:<p>:lag1}, the value of day i-1.
 *   <li><b>Calendar</b>: {@link FrenchCalendar#NAMES} of day i.
 * </ol>
 */
public final class FeatureTableBuilder {

    /** How stations are combined. */
    public enum Method {
        NEAREST,
        IDW
    }

    /**
     * @param method nearest station or inverse-distance weighting
     * @param radiusKm stations farther than this are ignored (default 50 km, range 1..500)
     * @param idwPower exponent of the distance in IDW weights (default 2, range 0.5..4)
     * @param carryForwardDays longest gap bridged by the last value (default 3, range 0..30)
     */
    public record Settings(Method method, double radiusKm, double idwPower, int carryForwardDays) {

        public Settings {
            if (!(radiusKm > 0)) {
                throw new IllegalArgumentException("radiusKm must be > 0: " + radiusKm);
            }
            if (!(idwPower > 0)) {
                throw new IllegalArgumentException("idwPower must be > 0: " + idwPower);
            }
            if (carryForwardDays < 0) {
                throw new IllegalArgumentException("carryForwardDays must be >= 0: " + carryForwardDays);
            }
        }

        /** IDW within 50 km, power 2, 3 days carried forward. */
        public static Settings defaults() {
            return new Settings(Method.IDW, 50, 2, 3);
        }
    }

    private static final int MIN_HOURS = 18;
    private static final int MIN_HOURS_8H = 6;
    private static final double MIN_DISTANCE_KM = 0.1;

    private final Settings settings;

    public FeatureTableBuilder(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param latitude hospital latitude (NaN: only area series are used)
     * @param longitude hospital longitude
     * @param series environmental series (any parameters, stations, resolutions)
     * @param counts admissions per day (absent or NaN = unknown)
     * @param from first day of the table
     * @param to last day of the table (inclusive)
     */
    public FeatureTable build(
            double latitude,
            double longitude,
            List<StationSeries> series,
            Map<LocalDate, Double> counts,
            LocalDate from,
            LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("table end " + to + " is before its start " + from);
        }
        int days = (int) (to.toEpochDay() - from.toEpochDay() + 1);
        List<LocalDate> dates = from.datesUntil(to.plusDays(1)).toList();
        TreeSet<String> parameters = new TreeSet<>();
        Map<String, List<Located>> byParameter = new HashMap<>();
        for (StationSeries s : series) {
            double distance = Double.NaN;
            if (s.positioned()) {
                if (Double.isNaN(latitude) || Double.isNaN(longitude)) {
                    continue;
                }
                distance = Geodesic.WGS84.Inverse(latitude, longitude, s.latitude(), s.longitude()).s12 / 1000.0;
                if (distance > settings.radiusKm()) {
                    continue;
                }
            }
            parameters.add(s.parameter());
            byParameter
                    .computeIfAbsent(s.parameter(), p -> new ArrayList<>())
                    .add(new Located(distance, daily(s, from, days)));
        }
        List<String> names = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (String parameter : parameters) {
            double[] raw = combine(byParameter.get(parameter), days);
            double[] mask = new double[days];
            double[] filled = fill(raw, mask);
            double[] mean7 = new double[days];
            double[] lag1 = new double[days];
            for (int i = 0; i < days; i++) {
                double sum = 0;
                int n = 0;
                for (int k = Math.max(0, i - 6); k <= i; k++) {
                    sum += filled[k];
                    n++;
                }
                mean7[i] = sum / n;
                lag1[i] = filled[Math.max(0, i - 1)];
            }
            String base = "env:" + parameter;
            names.addAll(List.of(base, base + ":missing", base + ":mean7", base + ":lag1"));
            columns.addAll(List.of(filled, mask, mean7, lag1));
        }
        names.addAll(FrenchCalendar.NAMES);
        double[][] features = new double[days][names.size()];
        double[] y = new double[days];
        for (int i = 0; i < days; i++) {
            for (int j = 0; j < columns.size(); j++) {
                features[i][j] = columns.get(j)[i];
            }
            System.arraycopy(
                    FrenchCalendar.features(dates.get(i)), 0, features[i], columns.size(), FrenchCalendar.NAMES.size());
            Double count = counts.get(dates.get(i));
            y[i] = count == null ? Double.NaN : count;
        }
        return new FeatureTable(dates, y, names, features);
    }

    private record Located(double distanceKm, double[] values) {}

    /** One station's daily values on the table's days (NaN = none). */
    static double[] daily(StationSeries series, LocalDate from, int days) {
        double[] fromHours = new double[days];
        double[] fromDays = new double[days];
        double[] fromWeeks = new double[days];
        Arrays.fill(fromHours, Double.NaN);
        Arrays.fill(fromWeeks, Double.NaN);
        double[] daySum = new double[days];
        int[] dayCount = new int[days];
        TreeMap<LocalDateTime, double[]> hours = new TreeMap<>();
        for (Measurement m : series.measurements()) {
            switch (m.resolution()) {
                case HOURLY -> {
                    LocalDateTime hour = m.start().withMinute(0).withSecond(0).withNano(0);
                    hours.computeIfAbsent(hour, h -> new double[2]);
                    hours.get(hour)[0] += m.value();
                    hours.get(hour)[1] += 1;
                }
                case DAILY -> {
                    int i = (int) (m.start().toLocalDate().toEpochDay() - from.toEpochDay());
                    if (i >= 0 && i < days) {
                        daySum[i] += m.value();
                        dayCount[i]++;
                    }
                }
                case WEEKLY -> {
                    // known from the day the week ends, for the 7 days after it
                    LocalDate end = m.end().toLocalDate();
                    for (int k = 0; k < 7; k++) {
                        int i = (int) (end.plusDays(k).toEpochDay() - from.toEpochDay());
                        if (i >= 0 && i < days) {
                            fromWeeks[i] = m.value();
                        }
                    }
                }
            }
        }
        for (int i = 0; i < days; i++) {
            fromDays[i] = dayCount[i] > 0 ? daySum[i] / dayCount[i] : Double.NaN;
        }
        if (!hours.isEmpty()) {
            boolean ozone = "o3".equals(series.parameter());
            for (int i = 0; i < days; i++) {
                LocalDateTime midnight = from.plusDays(i).atStartOfDay();
                fromHours[i] = ozone ? maxEightHourMean(hours, midnight) : dailyMean(hours, midnight);
            }
        }
        double[] out = new double[days];
        for (int i = 0; i < days; i++) {
            out[i] = !Double.isNaN(fromHours[i])
                    ? fromHours[i]
                    : !Double.isNaN(fromDays[i]) ? fromDays[i] : fromWeeks[i];
        }
        return out;
    }

    private static double hourValue(TreeMap<LocalDateTime, double[]> hours, LocalDateTime hour) {
        double[] sum = hours.get(hour);
        return sum == null ? Double.NaN : sum[0] / sum[1];
    }

    static double dailyMean(TreeMap<LocalDateTime, double[]> hours, LocalDateTime midnight) {
        double sum = 0;
        int n = 0;
        for (int h = 0; h < 24; h++) {
            double v = hourValue(hours, midnight.plusHours(h));
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n >= MIN_HOURS ? sum / n : Double.NaN;
    }

    static double maxEightHourMean(TreeMap<LocalDateTime, double[]> hours, LocalDateTime midnight) {
        double max = Double.NEGATIVE_INFINITY;
        int valid = 0;
        for (int end = 0; end < 24; end++) {
            double sum = 0;
            int n = 0;
            for (int k = 0; k < 8; k++) {
                double v = hourValue(hours, midnight.plusHours(end - k));
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            if (n >= MIN_HOURS_8H) {
                valid++;
                max = Math.max(max, sum / n);
            }
        }
        return valid >= MIN_HOURS ? max : Double.NaN;
    }

    private double[] combine(List<Located> stations, int days) {
        double[] out = new double[days];
        for (int i = 0; i < days; i++) {
            double weighted = 0;
            double weights = 0;
            double nearest = Double.POSITIVE_INFINITY;
            double nearestValue = Double.NaN;
            double areaSum = 0;
            int areas = 0;
            for (Located s : stations) {
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (Double.isNaN(s.distanceKm())) {
                    areaSum += v;
                    areas++;
                    continue;
                }
                double w = 1 / Math.pow(Math.max(s.distanceKm(), MIN_DISTANCE_KM), settings.idwPower());
                weighted += w * v;
                weights += w;
                if (s.distanceKm() < nearest) {
                    nearest = s.distanceKm();
                    nearestValue = v;
                }
            }
            if (weights > 0) {
                out[i] = settings.method() == Method.NEAREST ? nearestValue : weighted / weights;
            } else {
                out[i] = areas > 0 ? areaSum / areas : Double.NaN;
            }
        }
        return out;
    }

    /** Causal gap filling; {@code mask[i]} = 1 where filled. */
    double[] fill(double[] raw, double[] mask) {
        double[] out = new double[raw.length];
        int lastSeen = -1;
        for (int i = 0; i < raw.length; i++) {
            if (!Double.isNaN(raw[i])) {
                out[i] = raw[i];
                lastSeen = i;
                continue;
            }
            mask[i] = 1;
            if (lastSeen >= 0 && i - lastSeen <= settings.carryForwardDays()) {
                out[i] = raw[lastSeen];
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int k = Math.max(0, i - 365); k < i; k++) {
                if (!Double.isNaN(raw[k])) {
                    sum += raw[k];
                    n++;
                }
            }
            out[i] = n > 0 ? sum / n : 0;
        }
        return out;
    }
}
