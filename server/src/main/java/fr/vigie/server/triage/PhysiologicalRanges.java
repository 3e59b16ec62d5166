package fr.vigie.server.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rejects vital signs that cannot be a living patient's measurement (typing or unit errors such as a heart rate of
 * 0 or 400, or a temperature of 10 °C entered in the wrong unit), before they reach NEWS2, the safety rules or a
 * model. The bounds are deliberately wide, beyond the extremes survivable in an emergency department: a value
 * inside them is plausible, not normal. They are not taken from a published standard; they bracket the extremes
 * reported in the clinical literature (e.g. survived hypothermia near 13.7 °C is excluded on purpose: such a
 * patient needs no decision support) and the KTAS training data (HR 32–148, SBP 50–275, BT 35–41; it also holds an SpO2 of 20 %, kept out by the 40 % bound).
 *
 * <p>Bounds, inclusive, in {@link VitalSigns} units: heart rate 20–300 /min, respiratory rate 2–80 /min, systolic
 * 40–300 mm[Hg], diastolic 10–200 mm[Hg], temperature 25–45 °C, SpO2 40–100 %, pain 0–10. A diastolic pressure
 * above the systolic one is rejected too.
 */
public final class PhysiologicalRanges {

    /** An inclusive plausible range for one vital sign. */
    public record Range(String name, double min, double max, String unit) {

        /** True when the value lies inside the range (bounds included). */
        public boolean contains(double value) {
            return value >= min && value <= max;
        }

        @Override
        public String toString() {
            return format(min) + "–" + format(max) + " " + unit;
        }
    }

    public static final Range HEART_RATE = new Range("heartRate", 20, 300, "/min");
    public static final Range RESPIRATORY_RATE = new Range("respiratoryRate", 2, 80, "/min");
    public static final Range SYSTOLIC = new Range("systolicBloodPressure", 40, 300, "mm[Hg]");
    public static final Range DIASTOLIC = new Range("diastolicBloodPressure", 10, 200, "mm[Hg]");
    public static final Range TEMPERATURE = new Range("bodyTemperature", 25, 45, "Cel");
    public static final Range OXYGEN_SATURATION = new Range("oxygenSaturation", 40, 100, "%");
    public static final Range PAIN_SCORE = new Range("painScore", 0, 10, "");

    private PhysiologicalRanges() {}

    /** One message per implausible value, each naming the value and the plausible range; empty when all is fine. */
    public static List<String> violations(VitalSigns vitals) {
        List<String> messages = new ArrayList<>();
        check(messages, HEART_RATE, vitals.heartRate());
        check(messages, RESPIRATORY_RATE, vitals.respiratoryRate());
        check(messages, SYSTOLIC, vitals.systolic());
        check(messages, DIASTOLIC, vitals.diastolic());
        check(messages, TEMPERATURE, vitals.temperature());
        check(messages, OXYGEN_SATURATION, vitals.oxygenSaturation());
        check(
                messages,
                PAIN_SCORE,
                vitals.painScore() == null ? null : vitals.painScore().doubleValue());
        if (vitals.systolic() != null && vitals.diastolic() != null && vitals.diastolic() > vitals.systolic()) {
            messages.add("diastolicBloodPressure " + format(vitals.diastolic())
                    + " mm[Hg] is above systolicBloodPressure " + format(vitals.systolic()) + " mm[Hg]");
        }
        return messages;
    }

    /**
     * Checks the vital signs.
     *
     * @throws IllegalArgumentException with every violation in its message when any value is implausible
     */
    public static VitalSigns requirePlausible(VitalSigns vitals) {
        List<String> messages = violations(vitals);
        if (!messages.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", messages));
        }
        return vitals;
    }

    private static void check(List<String> messages, Range range, Double value) {
        if (value == null) {
            return;
        }
        if (value.isNaN() || !range.contains(value)) {
            messages.add(range.name() + " " + format(value) + (range.unit().isEmpty() ? "" : " " + range.unit())
                    + " is outside the plausible range " + range);
        }
    }

    static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value)
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
