package fr.vigie.server.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known about a patient at triage, before any examination: the inputs of {@code $triage} (and of {@code
 * $los}) once parsed, converted to canonical units and checked. Every field is nullable: null means "not given".
 *
 * @param age years
 * @param sex {@code male}, {@code female}, {@code other} or {@code unknown} (FHIR administrative gender)
 * @param arrivalMode code of {@code https://vigie.example.org/fhir/CodeSystem/arrival-mode}
 * @param injury true for a trauma visit
 * @param vitals vital signs, consciousness, oxygen and pain (see {@link VitalSigns})
 * @param chiefComplaint free text, French or English
 * @param nurseLevel the triage nurse's level when the caller has it (reviewed, never a model input), else null
 */
public record TriageInput(
        Integer age,
        String sex,
        String arrivalMode,
        Boolean injury,
        VitalSigns vitals,
        String chiefComplaint,
        NurseLevel nurseLevel) {

    /** What is known without the nurse's level. */
    public TriageInput(
            Integer age, String sex, String arrivalMode, Boolean injury, VitalSigns vitals, String chiefComplaint) {
        this(age, sex, arrivalMode, injury, vitals, chiefComplaint, null);
    }

    /** The same input with the nurse's level (null to drop it). */
    public TriageInput withNurseLevel(NurseLevel level) {
        return new TriageInput(age, sex, arrivalMode, injury, vitals, chiefComplaint, level);
    }

    /**
     * The names of the missing inputs, as the {@code $triage} parameters are named. {@code nurseLevel} is not one:
     * without it the answer is the same, only the review of the nurse's level is left out.
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (age == null) {
            missing.add("age");
        }
        if (sex == null || "unknown".equals(sex)) {
            missing.add("sex");
        }
        if (arrivalMode == null) {
            missing.add("arrivalMode");
        }
        add(missing, vitals.heartRate(), "heartRate");
        add(missing, vitals.respiratoryRate(), "respiratoryRate");
        add(missing, vitals.systolic(), "systolicBloodPressure");
        add(missing, vitals.diastolic(), "diastolicBloodPressure");
        add(missing, vitals.temperature(), "bodyTemperature");
        add(missing, vitals.oxygenSaturation(), "oxygenSaturation");
        add(missing, vitals.consciousness(), "consciousness");
        add(missing, vitals.painScore(), "painScore");
        add(missing, injury, "injury");
        add(missing, vitals.onOxygen(), "onOxygen");
        if (chiefComplaint == null || chiefComplaint.isBlank()) {
            missing.add("chiefComplaint");
        }
        return missing;
    }

    /** The input of a KTAS record: only what is known before triage, without the nurse's level. */
    public static TriageInput of(KtasRecord record) {
        return new TriageInput(
                record.age(),
                record.sex(),
                record.arrivalMode(),
                record.injury(),
                record.vitals(),
                record.chiefComplaint());
    }

    private static void add(List<String> missing, Object value, String name) {
        if (value == null) {
            missing.add(name);
        }
    }
}
