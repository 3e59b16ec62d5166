package fr.vigie.server.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * Vital signs taken at triage, in the canonical units of the {@code $triage} operation. Every field is nullable:
 * null means "not measured", never zero. Convert other units with {@link UnitConversions} and check plausibility
 * with {@link PhysiologicalRanges} before use.
 *
 * @param heartRate beats per minute (UCUM {@code /min})
 * @param respiratoryRate breaths per minute (UCUM {@code /min})
 * @param systolic systolic blood pressure, UCUM {@code mm[Hg]}
 * @param diastolic diastolic blood pressure, UCUM {@code mm[Hg]}
 * @param temperature body temperature, degrees Celsius (UCUM {@code Cel})
 * @param oxygenSaturation peripheral oxygen saturation SpO2, percent (UCUM {@code %}), 0 to 100
 * @param consciousness ACVPU level
 * @param onOxygen true when the patient breathes supplemental oxygen, false on room air
 * @param painScore numeric pain rating scale, 0 (none) to 10 (worst)
 */
public record VitalSigns(
        Double heartRate,
        Double respiratoryRate,
        Double systolic,
        Double diastolic,
        Double temperature,
        Double oxygenSaturation,
        Consciousness consciousness,
        Boolean onOxygen,
        Integer painScore) {

    /** Vital signs with nothing measured. */
    public static VitalSigns empty() {
        return new VitalSigns(null, null, null, null, null, null, null, null, null);
    }

    /** The names of the fields that are missing (null), in declaration order. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        addIfNull(missing, heartRate, "heartRate");
        addIfNull(missing, respiratoryRate, "respiratoryRate");
        addIfNull(missing, systolic, "systolic");
        addIfNull(missing, diastolic, "diastolic");
        addIfNull(missing, temperature, "temperature");
        addIfNull(missing, oxygenSaturation, "oxygenSaturation");
        addIfNull(missing, consciousness, "consciousness");
        addIfNull(missing, onOxygen, "onOxygen");
        addIfNull(missing, painScore, "painScore");
        return missing;
    }

    private static void addIfNull(List<String> missing, Object value, String name) {
        if (value == null) {
            missing.add(name);
        }
    }
}
