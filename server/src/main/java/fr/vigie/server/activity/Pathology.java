package fr.vigie.server.activity;

import java.util.List;
import java.util.Map;

/**
 * One diagnosis of the simulated case mix, as read from {@code activity/pathologies.json} (where each figure's
 * provenance is written).
 *
 * @param code CIM-10 FR code (with its dot, e.g. {@code S93.4})
 * @param label CIM-10 FR label
 * @param specialty key of the {@link Specialty} whose doctors see these patients
 * @param share relative weight in the case mix (any positive scale)
 * @param seasonality 12 monthly factors, January first, normalised to a mean of 1
 * @param doctorTime time a doctor is busy with the patient
 * @param boxTime further time in a box after the doctor (results, imaging, observation)
 * @param admission probability of admission to a ward, 0–1
 * @param age age in years: mean, standard deviation, clipped to [min, max]
 * @param maleShare probability of a male patient
 * @param arrivalModes probability of each arrival mode (codes of the {@code arrival-mode} CodeSystem), summing to 1
 * @param complaint chief complaint said at triage (French), read by the triage model's complaint lexicon
 * @param injury trauma visit
 * @param pain typical pain score 0–10
 * @param severe probability of a severe presentation (vital-sign departure doubled)
 * @param confusion probability of altered consciousness in a severe presentation
 * @param vitals typical departure from adult normal vital signs
 */
public record Pathology(
        String code,
        String label,
        String specialty,
        double share,
        double[] seasonality,
        TimeDistribution doctorTime,
        TimeDistribution boxTime,
        double admission,
        AgeRange age,
        double maleShare,
        Map<String, Double> arrivalModes,
        String complaint,
        boolean injury,
        int pain,
        double severe,
        double confusion,
        VitalShift vitals) {

    /** Arrival modes of the {@code arrival-mode} CodeSystem a pathology may name. */
    public static final List<String> ARRIVAL_MODES = List.of(
            "walk-in",
            "private-vehicle",
            "public-ambulance",
            "private-ambulance",
            "smur",
            "helicopter",
            "police",
            "other");

    /** Age in years, normal with this mean and deviation, clipped. */
    public record AgeRange(double mean, double sd, double min, double max) {}

    /**
     * Typical departure from normal: heart rate (/min), respiratory rate (/min), systolic pressure (mm[Hg]),
     * temperature (Cel), SpO2 (%).
     */
    public record VitalShift(
            double heartRate, double respiratoryRate, double systolic, double temperature, double oxygenSaturation) {}
}
