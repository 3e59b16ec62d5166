package fr.vigie.server.activity;

import fr.vigie.server.triage.FrenchLevel;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figures of a simulation: per hour (the simulator's {@link HourStat}s), per day, per month, per pathology, per
 * triage level, and overall. Waits and stays are those of the patients who got that far before the end; patients
 * still present at the end count in arrivals only.
 */
public final class ActivityReport {

    /**
     * Figures of a group of visits (a day, a month, a pathology, a level, everything).
     *
     * @param visits arrivals
     * @param seen patients a doctor saw
     * @param leftUnseen patients who left without being seen
     * @param admitted patients admitted to a ward
     * @param meanWait mean minutes from arrival to treatment, over patients seen
     * @param medianWait median of the same
     * @param p90Wait 90th percentile of the same
     * @param meanStay mean minutes from arrival to departure, over patients gone (left unseen included)
     * @param medianStay median of the same
     * @param meanDoctorMinutes mean doctor time of patients seen
     */
    public record Figures(
            int visits,
            int seen,
            int leftUnseen,
            int admitted,
            double meanWait,
            double medianWait,
            double p90Wait,
            double meanStay,
            double medianStay,
            double meanDoctorMinutes) {

        /** Share of arrivals who left without being seen. */
        public double leftUnseenRate() {
            return visits == 0 ? 0 : leftUnseen / (double) visits;
        }

        /** Share of arrivals admitted. */
        public double admissionRate() {
            return visits == 0 ? 0 : admitted / (double) visits;
        }
    }

    /**
     * Occupancy of a period.
     *
     * @param meanBoxesUsed mean occupied boxes
     * @param boxOccupancy mean occupied boxes / boxes (NaN when unlimited)
     * @param doctorUtilisation busy doctor-minutes / on-shift doctor-minutes
     * @param meanWaiting mean patients waiting for a doctor
     * @param maxWaiting the most patients waiting at once
     */
    public record Occupancy(
            double meanBoxesUsed, double boxOccupancy, double doctorUtilisation, double meanWaiting, int maxWaiting) {}

    private final SimulationResult result;

    public ActivityReport(SimulationResult result) {
        this.result = result;
    }

    /** The simulation reported on. */
    public SimulationResult result() {
        return result;
    }

    /** Everything. */
    public Figures overall() {
        return figures(result.visits());
    }

    /** Occupancy over the whole run. */
    public Occupancy occupancy() {
        return occupancy(result.hours());
    }

    /** Per local arrival date. */
    public Map<LocalDate, Figures> daily() {
        return group(v -> result.at(v.arrival()).toLocalDate());
    }

    /** Occupancy per local date. */
    public Map<LocalDate, Occupancy> dailyOccupancy() {
        Map<LocalDate, List<HourStat>> byDay = new TreeMap<>();
        for (HourStat hour : result.hours()) {
            byDay.computeIfAbsent(result.at(hour.hour() * 60).toLocalDate(), d -> new ArrayList<>())
                    .add(hour);
        }
        Map<LocalDate, Occupancy> out = new TreeMap<>();
        byDay.forEach((day, hours) -> out.put(day, occupancy(hours)));
        return out;
    }

    /** Per local arrival month. */
    public Map<YearMonth, Figures> monthly() {
        return group(v -> YearMonth.from(result.at(v.arrival())));
    }

    /** Occupancy per month. */
    public Map<YearMonth, Occupancy> monthlyOccupancy() {
        Map<YearMonth, List<HourStat>> byMonth = new TreeMap<>();
        for (HourStat hour : result.hours()) {
            byMonth.computeIfAbsent(YearMonth.from(result.at(hour.hour() * 60)), d -> new ArrayList<>())
                    .add(hour);
        }
        Map<YearMonth, Occupancy> out = new TreeMap<>();
        byMonth.forEach((month, hours) -> out.put(month, occupancy(hours)));
        return out;
    }

    /** Per pathology, in the order of {@link Department#pathologies()}. */
    public Map<Pathology, Figures> byPathology() {
        List<Pathology> pathologies = result.department().pathologies();
        List<List<Visit>> groups = new ArrayList<>();
        pathologies.forEach(p -> groups.add(new ArrayList<>()));
        result.visits().forEach(v -> groups.get(v.pathology()).add(v));
        Map<Pathology, Figures> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pathologies.size(); i++) {
            out.put(pathologies.get(i), figures(groups.get(i)));
        }
        return out;
    }

    /** Per FRENCH triage level. */
    public Map<FrenchLevel, Figures> byLevel() {
        Map<FrenchLevel, List<Visit>> groups = new EnumMap<>(FrenchLevel.class);
        result.visits().forEach(v -> groups.computeIfAbsent(v.level(), l -> new ArrayList<>())
                .add(v));
        Map<FrenchLevel, Figures> out = new EnumMap<>(FrenchLevel.class);
        groups.forEach((level, visits) -> out.put(level, figures(visits)));
        return out;
    }

    /** Mean arrivals, waiting patients and occupied boxes by local hour of the day (index 0 = midnight). */
    public double[][] hourOfDayProfile() {
        double[][] sums = new double[3][24];
        int[] counts = new int[24];
        for (HourStat hour : result.hours()) {
            int h = result.at(hour.hour() * 60).getHour();
            sums[0][h] += hour.arrivals();
            sums[1][h] += hour.meanWaiting();
            sums[2][h] += hour.meanBoxesUsed();
            counts[h]++;
        }
        for (double[] row : sums) {
            for (int h = 0; h < 24; h++) {
                row[h] = counts[h] == 0 ? 0 : row[h] / counts[h];
            }
        }
        return sums;
    }

    /** The local date-time an hour starts. */
    public ZonedDateTime hourStart(HourStat hour) {
        return result.at(hour.hour() * 60);
    }

    private <K extends Comparable<? super K>> Map<K, Figures> group(Function<Visit, K> key) {
        Map<K, List<Visit>> groups = new TreeMap<>();
        result.visits().forEach(v -> groups.computeIfAbsent(key.apply(v), k -> new ArrayList<>())
                .add(v));
        Map<K, Figures> out = new TreeMap<>();
        groups.forEach((k, visits) -> out.put(k, figures(visits)));
        return out;
    }

    private Occupancy occupancy(List<HourStat> hours) {
        double boxes = 0;
        double busy = 0;
        double onShift = 0;
        double waiting = 0;
        int maxWaiting = 0;
        for (HourStat hour : hours) {
            boxes += hour.meanBoxesUsed();
            busy += hour.meanBusyDoctors();
            onShift += hour.meanDoctorsOnShift();
            waiting += hour.meanWaiting();
            maxWaiting = Math.max(maxWaiting, hour.maxWaiting());
        }
        int n = Math.max(1, hours.size());
        int capacity = result.department().boxes();
        return new Occupancy(
                boxes / n,
                capacity == 0 ? Double.NaN : boxes / n / capacity,
                onShift == 0 ? 0 : Math.min(1, busy / onShift),
                waiting / n,
                maxWaiting);
    }

    static Figures figures(List<Visit> visits) {
        int seen = 0;
        int unseen = 0;
        int admitted = 0;
        double[] waits = new double[visits.size()];
        double[] stays = new double[visits.size()];
        int w = 0;
        int s = 0;
        double doctor = 0;
        for (Visit v : visits) {
            if (v.leftUnseen()) {
                unseen++;
            }
            if (v.admitted()) {
                admitted++;
            }
            if (v.start() != Visit.NOT_YET) {
                seen++;
                waits[w++] = v.waitMinutes();
                doctor += v.doctorMinutes;
            }
            if (v.departure() != Visit.NOT_YET) {
                stays[s++] = v.lengthOfStay();
            }
        }
        double[] wait = Arrays.copyOf(waits, w);
        double[] stay = Arrays.copyOf(stays, s);
        Arrays.sort(wait);
        Arrays.sort(stay);
        return new Figures(
                visits.size(),
                seen,
                unseen,
                admitted,
                mean(wait),
                quantile(wait, 0.5),
                quantile(wait, 0.9),
                mean(stay),
                quantile(stay, 0.5),
                seen == 0 ? Double.NaN : doctor / seen);
    }

    private static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Quantile of sorted values, linear interpolation between order statistics. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(sorted.length - 1, lower + 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
