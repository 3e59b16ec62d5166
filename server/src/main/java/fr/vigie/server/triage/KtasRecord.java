package fr.vigie.server.triage;

/**
 * One emergency visit of the KTAS data set (see {@link KtasDataset}): the inputs known at triage, then the labels.
 * Nullable fields are missing in the source.
 *
 * @param id 1-based row of the published file
 * @param group 1 = local emergency department (SpO2 never recorded there), 2 = regional one
 * @param age years
 * @param sex {@code female} or {@code male} (the codes of the {@code $triage} {@code sex} parameter)
 * @param patientsPerHour patients arriving per hour when the patient arrived (crowding, known at triage)
 * @param arrivalMode code of {@code https://vigie.example.org/fhir/CodeSystem/arrival-mode}
 * @param injury true for a trauma visit
 * @param chiefComplaint free text in English, null when empty or lost to encoding ("????")
 * @param painPresent whether the patient reported pain
 * @param vitals triage vital signs (consciousness from the "Mental" AVPU column; oxygen flag unknown: null)
 * @param ktasExpert the expert panel's KTAS level, 1–5: the reference label
 * @param ktasNurse the triage nurse's KTAS level, 1–5: a baseline, never an input
 * @param lengthOfStayMinutes emergency department length of stay in minutes, uncapped: a target, never an input
 */
public record KtasRecord(
        int id,
        int group,
        int age,
        String sex,
        Integer patientsPerHour,
        String arrivalMode,
        Boolean injury,
        String chiefComplaint,
        Boolean painPresent,
        VitalSigns vitals,
        int ktasExpert,
        int ktasNurse,
        Double lengthOfStayMinutes) {}
