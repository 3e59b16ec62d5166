package fr.vigie.server.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * National Early Warning Score 2 as charted by the Royal College of Physicians, "National Early Warning Score
 * (NEWS) 2: Standardising the assessment of acute-illness severity in the NHS", London, RCP, December 2017
 * (Chart 1: the NEWS scoring system; Chart 2: thresholds and triggers).
 *
 * <p>Bands (value → points), each band's upper bound inclusive, so a non-integer value between two integer bands
 * (e.g. a respiratory rate of 20.5) falls into the upper band:
 *
 * <ul>
 *   <li>respiration rate /min: ≤8 → 3; 9–11 → 1; 12–20 → 0; 21–24 → 2; ≥25 → 3
 *   <li>SpO2 scale 1 %: ≤91 → 3; 92–93 → 2; 94–95 → 1; ≥96 → 0
 *   <li>SpO2 scale 2 % (target 88–92 %, hypercapnic respiratory failure, on clinical decision only): ≤83 → 3;
 *       84–85 → 2; 86–87 → 1; 88–92 or ≥93 on air → 0; 93–94 on oxygen → 1; 95–96 on oxygen → 2; ≥97 on oxygen → 3
 *   <li>air or oxygen: oxygen → 2; air → 0
 *   <li>systolic blood pressure mm[Hg]: ≤90 → 3; 91–100 → 2; 101–110 → 1; 111–219 → 0; ≥220 → 3
 *   <li>pulse /min: ≤40 → 3; 41–50 → 1; 51–90 → 0; 91–110 → 1; 111–130 → 2; ≥131 → 3
 *   <li>consciousness: alert → 0; new confusion, voice, pain or unresponsive → 3
 *   <li>temperature °C: ≤35.0 → 3; 35.1–36.0 → 1; 36.1–38.0 → 0; 38.1–39.0 → 1; ≥39.1 → 2
 * </ul>
 *
 * <p>Clinical risk (Chart 2): high for an aggregate score of 7 or more, medium for 5–6, low-medium when any single
 * parameter scores 3 (the "red score") with an aggregate below 5, low otherwise (0–4).
 *
 * <p>A missing parameter scores 0, so the total of an incomplete set is a lower bound: {@link Result#missing()}
 * names what was missing and {@link Result#lowerBound()} says so. A missing oxygen flag is treated as room air and
 * reported as missing.
 */
public final class News2 {

    /** The seven NEWS2 parameters. */
    public enum Parameter {
        RESPIRATION_RATE,
        OXYGEN_SATURATION,
        AIR_OR_OXYGEN,
        SYSTOLIC_BLOOD_PRESSURE,
        PULSE,
        CONSCIOUSNESS,
        TEMPERATURE
    }

    /** Which SpO2 scale to use. Scale 2 only for patients with hypercapnic respiratory failure, on prescription. */
    public enum SpO2Scale {
        SCALE_1,
        SCALE_2
    }

    /** The RCP clinical risk bands, in increasing order. */
    public enum Risk {
        LOW("low"),
        LOW_MEDIUM("low-medium"),
        MEDIUM("medium"),
        HIGH("high");

        private final String code;

        Risk(String code) {
            this.code = code;
        }

        /** The code used in the {@code news2Risk} output parameter. */
        public String code() {
            return code;
        }
    }

    /**
     * A NEWS2 result.
     *
     * @param total aggregate score, 0–20; a lower bound when {@code lowerBound} is true
     * @param risk clinical risk band
     * @param points points of each parameter that was present
     * @param missing the parameters that were missing (scored 0)
     * @param lowerBound true when any parameter was missing, so the real score may be higher
     */
    public record Result(
            int total, Risk risk, Map<Parameter, Integer> points, List<Parameter> missing, boolean lowerBound) {

        /** True when at least one parameter scores 3 (the "red score"). */
        public boolean hasRedScore() {
            return points.containsValue(3);
        }

        /** The parameters that scored 3. */
        public List<Parameter> redScoreParameters() {
            List<Parameter> red = new ArrayList<>();
            points.forEach((parameter, value) -> {
                if (value == 3) {
                    red.add(parameter);
                }
            });
            return red;
        }
    }

    private News2() {}

    /** NEWS2 with SpO2 scale 1. */
    public static Result score(VitalSigns vitals) {
        return score(vitals, SpO2Scale.SCALE_1);
    }

    /** NEWS2 with the given SpO2 scale. */
    public static Result score(VitalSigns vitals, SpO2Scale scale) {
        Map<Parameter, Integer> points = new EnumMap<>(Parameter.class);
        List<Parameter> missing = new ArrayList<>();
        boolean onOxygen = Boolean.TRUE.equals(vitals.onOxygen());
        put(
                points,
                missing,
                Parameter.RESPIRATION_RATE,
                vitals.respiratoryRate() == null ? null : respirationRate(vitals.respiratoryRate()));
        put(
                points,
                missing,
                Parameter.OXYGEN_SATURATION,
                vitals.oxygenSaturation() == null
                        ? null
                        : scale == SpO2Scale.SCALE_2
                                ? oxygenSaturationScale2(vitals.oxygenSaturation(), onOxygen)
                                : oxygenSaturationScale1(vitals.oxygenSaturation()));
        put(points, missing, Parameter.AIR_OR_OXYGEN, vitals.onOxygen() == null ? null : airOrOxygen(onOxygen));
        put(
                points,
                missing,
                Parameter.SYSTOLIC_BLOOD_PRESSURE,
                vitals.systolic() == null ? null : systolicBloodPressure(vitals.systolic()));
        put(points, missing, Parameter.PULSE, vitals.heartRate() == null ? null : pulse(vitals.heartRate()));
        put(
                points,
                missing,
                Parameter.CONSCIOUSNESS,
                vitals.consciousness() == null ? null : consciousness(vitals.consciousness()));
        put(
                points,
                missing,
                Parameter.TEMPERATURE,
                vitals.temperature() == null ? null : temperature(vitals.temperature()));
        int total = points.values().stream().mapToInt(Integer::intValue).sum();
        boolean red = points.containsValue(3);
        return new Result(
                total, risk(total, red), Collections.unmodifiableMap(points), List.copyOf(missing), !missing.isEmpty());
    }

    /** The RCP risk band of an aggregate score, given whether any single parameter scored 3. */
    public static Risk risk(int total, boolean redScore) {
        if (total >= 7) {
            return Risk.HIGH;
        }
        if (total >= 5) {
            return Risk.MEDIUM;
        }
        return redScore ? Risk.LOW_MEDIUM : Risk.LOW;
    }

    /** Points for a respiration rate in breaths per minute. */
    public static int respirationRate(double perMinute) {
        if (perMinute <= 8) {
            return 3;
        }
        if (perMinute <= 11) {
            return 1;
        }
        if (perMinute <= 20) {
            return 0;
        }
        if (perMinute <= 24) {
            return 2;
        }
        return 3;
    }

    /** Points for SpO2 (%) on scale 1. */
    public static int oxygenSaturationScale1(double percent) {
        if (percent <= 91) {
            return 3;
        }
        if (percent <= 93) {
            return 2;
        }
        if (percent <= 95) {
            return 1;
        }
        return 0;
    }

    /** Points for SpO2 (%) on scale 2; above 92 % the points depend on supplemental oxygen. */
    public static int oxygenSaturationScale2(double percent, boolean onOxygen) {
        if (percent <= 83) {
            return 3;
        }
        if (percent <= 85) {
            return 2;
        }
        if (percent <= 87) {
            return 1;
        }
        if (percent <= 92 || !onOxygen) {
            return 0;
        }
        if (percent <= 94) {
            return 1;
        }
        if (percent <= 96) {
            return 2;
        }
        return 3;
    }

    /** Points for breathing supplemental oxygen. */
    public static int airOrOxygen(boolean onOxygen) {
        return onOxygen ? 2 : 0;
    }

    /** Points for a systolic blood pressure in mm[Hg]. */
    public static int systolicBloodPressure(double mmHg) {
        if (mmHg <= 90) {
            return 3;
        }
        if (mmHg <= 100) {
            return 2;
        }
        if (mmHg <= 110) {
            return 1;
        }
        if (mmHg <= 219) {
            return 0;
        }
        return 3;
    }

    /** Points for a pulse in beats per minute. */
    public static int pulse(double perMinute) {
        if (perMinute <= 40) {
            return 3;
        }
        if (perMinute <= 50) {
            return 1;
        }
        if (perMinute <= 90) {
            return 0;
        }
        if (perMinute <= 110) {
            return 1;
        }
        if (perMinute <= 130) {
            return 2;
        }
        return 3;
    }

    /** Points for the level of consciousness: anything but alert scores 3, new confusion included. */
    public static int consciousness(Consciousness level) {
        return level == Consciousness.ALERT ? 0 : 3;
    }

    /** Points for a temperature in degrees Celsius (the chart's bands have one decimal). */
    public static int temperature(double celsius) {
        if (celsius <= 35.0) {
            return 3;
        }
        if (celsius <= 36.0) {
            return 1;
        }
        if (celsius <= 38.0) {
            return 0;
        }
        if (celsius <= 39.0) {
            return 1;
        }
        return 2;
    }

    private static void put(
            Map<Parameter, Integer> points, List<Parameter> missing, Parameter parameter, Integer value) {
        if (value == null) {
            missing.add(parameter);
        } else {
            points.put(parameter, value);
        }
    }
}
