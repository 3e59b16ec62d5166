package fr.vigie.server.triage;

/**
 * Converts vital-sign quantities to the canonical UCUM units of {@link VitalSigns}: {@code Cel} for temperature,
 * {@code mm[Hg]} for blood pressure, {@code /min} for rates and {@code %} for saturation. Only conversions that are
 * exactly defined are offered (degrees Fahrenheit, kilopascals; 1 kPa = 7.50062 mm[Hg]); any other unit is
 * rejected with an {@link IllegalArgumentException} naming it, so that a caller can answer 400 rather than guess.
 * Unit codes are UCUM case-sensitive codes; a few common display spellings are accepted as well.
 */
public final class UnitConversions {

    /** Millimetres of mercury in one kilopascal (101.325 kPa = 760 mm[Hg]). */
    public static final double MM_HG_PER_KPA = 760.0 / 101.325;

    private UnitConversions() {}

    /** A temperature in degrees Celsius from {@code Cel} (or °C) or {@code [degF]} (or °F). */
    public static double toCelsius(double value, String unit) {
        return switch (normalise(unit)) {
            case "Cel", "°C", "C" -> value;
            case "[degF]", "°F", "F" -> (value - 32.0) * 5.0 / 9.0;
            default -> throw unknown(unit, "temperature", "Cel, [degF]");
        };
    }

    /** A pressure in mm[Hg] from {@code mm[Hg]} (or mmHg) or {@code kPa}. */
    public static double toMmHg(double value, String unit) {
        return switch (normalise(unit)) {
            case "mm[Hg]", "mmHg" -> value;
            case "kPa" -> value * MM_HG_PER_KPA;
            default -> throw unknown(unit, "blood pressure", "mm[Hg], kPa");
        };
    }

    /** A rate per minute from {@code /min} (or an annotated {@code {beats}/min}, {@code {breaths}/min}). */
    public static double toPerMinute(double value, String unit) {
        return switch (normalise(unit)) {
            case "/min", "{beats}/min", "{breaths}/min", "{beat}/min", "{breath}/min", "1/min" -> value;
            default -> throw unknown(unit, "rate", "/min");
        };
    }

    /** A saturation in percent from {@code %}. Fractions (0–1, unit {@code 1}) are not guessed: rejected. */
    public static double toPercent(double value, String unit) {
        if ("%".equals(normalise(unit))) {
            return value;
        }
        throw unknown(unit, "oxygen saturation", "%");
    }

    private static String normalise(String unit) {
        return unit == null ? "" : unit.trim();
    }

    private static IllegalArgumentException unknown(String unit, String quantity, String accepted) {
        return new IllegalArgumentException(
                "Unknown unit '" + unit + "' for " + quantity + ": expected one of " + accepted + " (UCUM)");
    }
}
