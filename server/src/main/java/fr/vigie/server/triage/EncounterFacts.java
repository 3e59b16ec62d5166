package fr.vigie.server.triage;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * What an Encounter tells {@code Encounter/{id}/$triage} and {@code $los}: the patient's age (at the start of the
 * Encounter, else today) and sex, the arrival mode ({@code hospitalization.admitSource} coded in CodeSystem
 * arrival-mode), the chief complaint ({@code reasonCode} text or display, else the latest LOINC 8661-1 Observation),
 * CIM-10 diagnoses ({@code diagnosis.condition} Conditions and CIM-10 {@code reasonCode} codings), and the latest
 * vital-sign Observation of each kind ({@code Observation?encounter=}, status final, amended, corrected or
 * preliminary, latest by effective time then last update). Observations derived from the Encounter's documents
 * ({@code derivedFrom} a DocumentReference) are ordinary Observations and count the same way.
 *
 * <table>
 *   <caption>LOINC codes read</caption>
 *   <tr><th>input</th><th>LOINC</th></tr>
 *   <tr><td>heartRate</td><td>8867-4</td></tr>
 *   <tr><td>respiratoryRate</td><td>9279-1</td></tr>
 *   <tr><td>systolic / diastolic</td><td>8480-6 / 8462-4, alone or as components of 85354-9 or 55284-4</td></tr>
 *   <tr><td>bodyTemperature</td><td>8310-5, 8331-1</td></tr>
 *   <tr><td>oxygenSaturation</td><td>59408-5, 2708-6</td></tr>
 *   <tr><td>consciousness</td><td>67775-7 (AVPU; coded A/V/P/U or text)</td></tr>
 *   <tr><td>painScore</td><td>72514-3, 38208-5</td></tr>
 *   <tr><td>onOxygen</td><td>3151-8 (inhaled O2 flow, &gt; 0 means on oxygen), 3150-0 (FiO2 &gt; 21 %)</td></tr>
 *   <tr><td>chiefComplaint</td><td>8661-1</td></tr>
 * </table>
 *
 * @param input the triage inputs found
 * @param patient reference to the Patient, null when the Encounter has none
 * @param basis the Observations used
 * @param diagnosis CIM-10 codings
 * @param encounterClass the Encounter's class code (EMER, IMP...)
 * @param triageLevel the Encounter's {@code priority} when coded in FRENCH or KTAS, else null
 */
public record EncounterFacts(
        TriageInput input,
        Reference patient,
        List<Reference> basis,
        List<Coding> diagnosis,
        String encounterClass,
        FrenchLevel triageLevel) {

    static final String LOINC = "http://loinc.org";

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("8867-4", "heartRate"),
            Map.entry("9279-1", "respiratoryRate"),
            Map.entry("8480-6", "systolic"),
            Map.entry("8462-4", "diastolic"),
            Map.entry("8310-5", "temperature"),
            Map.entry("8331-1", "temperature"),
            Map.entry("59408-5", "oxygenSaturation"),
            Map.entry("2708-6", "oxygenSaturation"),
            Map.entry("67775-7", "consciousness"),
            Map.entry("72514-3", "painScore"),
            Map.entry("38208-5", "painScore"),
            Map.entry("3151-8", "oxygenFlow"),
            Map.entry("3150-0", "inspiredOxygen"),
            Map.entry("8661-1", "chiefComplaint"));

    /** Reads an Encounter and what hangs on it, as the system (the caller's right to the operation covers it). */
    public static EncounterFacts read(DaoRegistry daos, IIdType encounterId) {
        SystemRequestDetails system = new SystemRequestDetails();
        Encounter encounter =
                (Encounter) daos.getResourceDao(Encounter.class).read(encounterId.toUnqualifiedVersionless(), system);
        Date start = encounter.getPeriod().getStart();
        Integer age = null;
        String sex = null;
        Reference patient = null;
        if (encounter.getSubject().getReferenceElement().hasIdPart()
                && "Patient".equals(encounter.getSubject().getReferenceElement().getResourceType())) {
            patient = new Reference(encounter.getSubject().getReferenceElement().toUnqualifiedVersionless());
            Patient p = (Patient) daos.getResourceDao(Patient.class)
                    .read(encounter.getSubject().getReferenceElement(), system);
            if (p.hasBirthDate()) {
                LocalDate birth =
                        p.getBirthDate().toInstant().atZone(ZoneId.of("UTC")).toLocalDate();
                LocalDate at = start == null
                        ? LocalDate.now(ZoneId.of("UTC"))
                        : start.toInstant().atZone(ZoneId.of("UTC")).toLocalDate();
                age = Period.between(birth, at).getYears();
            }
            if (p.hasGender()) {
                sex = p.getGender().toCode();
            }
        }
        String arrival = null;
        for (Coding coding : encounter.getHospitalization().getAdmitSource().getCoding()) {
            if (ArrivalModeSystem.URL.equals(coding.getSystem())
                    && TriageRequest.ARRIVAL_MODES.contains(coding.getCode())) {
                arrival = coding.getCode();
            }
        }
        String complaint = null;
        List<Coding> diagnosis = new ArrayList<>();
        for (CodeableConcept reason : encounter.getReasonCode()) {
            if (complaint == null && reason.hasText()) {
                complaint = reason.getText();
            }
            for (Coding coding : reason.getCoding()) {
                if (TriageRequest.CIM10_SYSTEMS.contains(coding.getSystem())) {
                    diagnosis.add(coding);
                } else if (complaint == null && coding.hasDisplay()) {
                    complaint = coding.getDisplay();
                }
            }
        }
        for (Encounter.DiagnosisComponent component : encounter.getDiagnosis()) {
            IIdType conditionId = component.getCondition().getReferenceElement();
            if ("Condition".equals(conditionId.getResourceType()) && conditionId.hasIdPart()) {
                Condition condition =
                        (Condition) daos.getResourceDao(Condition.class).read(conditionId, system);
                for (Coding coding : condition.getCode().getCoding()) {
                    if (TriageRequest.CIM10_SYSTEMS.contains(coding.getSystem())) {
                        diagnosis.add(coding);
                    }
                }
            }
        }
        Map<String, Observation> latest = latestObservations(daos, encounter, system);
        Map<String, Double> numbers = new HashMap<>();
        Consciousness consciousness = null;
        Boolean onOxygen = null;
        List<Reference> basis = new ArrayList<>();
        for (Map.Entry<String, Observation> entry : latest.entrySet()) {
            Observation observation = entry.getValue();
            String kind = entry.getKey();
            String where = observation.getIdElement().toUnqualifiedVersionless().getValue();
            Reference used = new Reference(observation.getIdElement().toUnqualifiedVersionless());
            if (basis.stream().noneMatch(r -> r.getReference().equals(used.getReference()))) {
                basis.add(used);
            }
            switch (kind) {
                case "consciousness" -> consciousness = consciousness(observation, where);
                case "chiefComplaint" -> {
                    if (complaint == null && observation.getValue() != null) {
                        complaint = observation.getValue().primitiveValue();
                    }
                }
                case "oxygenFlow" -> onOxygen = Boolean.TRUE.equals(onOxygen) || number(observation, kind, where) > 0;
                case "inspiredOxygen" ->
                    onOxygen = Boolean.TRUE.equals(onOxygen) || number(observation, kind, where) > 21;
                default -> numbers.put(kind, convert(kind, observation.getValue(), where));
            }
        }
        Double pain = numbers.get("painScore");
        VitalSigns vitals = new VitalSigns(
                numbers.get("heartRate"),
                numbers.get("respiratoryRate"),
                numbers.get("systolic"),
                numbers.get("diastolic"),
                numbers.get("temperature"),
                numbers.get("oxygenSaturation"),
                consciousness,
                onOxygen,
                pain == null ? null : (int) Math.round(pain));
        return new EncounterFacts(
                new TriageInput(age, sex, arrival, null, vitals, complaint, nurseLevel(encounter)),
                patient,
                List.copyOf(basis),
                List.copyOf(diagnosis),
                encounter.getClass_().getCode(),
                priority(encounter));
    }

    /** The explicit parameters override what the Encounter says, field by field. */
    public static TriageInput merge(TriageInput explicit, TriageInput encounter) {
        VitalSigns e = explicit.vitals();
        VitalSigns f = encounter.vitals();
        return new TriageInput(
                first(explicit.age(), encounter.age()),
                first(explicit.sex(), encounter.sex()),
                first(explicit.arrivalMode(), encounter.arrivalMode()),
                first(explicit.injury(), encounter.injury()),
                new VitalSigns(
                        first(e.heartRate(), f.heartRate()),
                        first(e.respiratoryRate(), f.respiratoryRate()),
                        first(e.systolic(), f.systolic()),
                        first(e.diastolic(), f.diastolic()),
                        first(e.temperature(), f.temperature()),
                        first(e.oxygenSaturation(), f.oxygenSaturation()),
                        first(e.consciousness(), f.consciousness()),
                        first(e.onOxygen(), f.onOxygen()),
                        first(e.painScore(), f.painScore())),
                first(explicit.chiefComplaint(), encounter.chiefComplaint()),
                first(explicit.nurseLevel(), encounter.nurseLevel()));
    }

    /**
     * The nurse's triage level: {@code Encounter.priority} coded in FRENCH or KTAS. An ED system records the level
     * decided at the triage desk there (FHIR: "the urgency of the encounter"); Vigie never writes it, so it is the
     * nurse's, and {@code $triage} reviews it (it never changes the answer). Another coding of priority (v3 ActPriority) is no
     * triage level and is ignored; a FRENCH or KTAS coding with a wrong code is ignored too (as for {@code $los}).
     */
    private static NurseLevel nurseLevel(Encounter encounter) {
        for (Coding coding : encounter.getPriority().getCoding()) {
            if (FrenchLevel.SYSTEM.equals(coding.getSystem()) || TriageRequest.KTAS_SYSTEM.equals(coding.getSystem())) {
                try {
                    return TriageRequest.nurseLevel(coding, "Encounter.priority");
                } catch (InvalidRequestException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static FrenchLevel priority(Encounter encounter) {
        for (Coding coding : encounter.getPriority().getCoding()) {
            if (FrenchLevel.SYSTEM.equals(coding.getSystem()) || TriageRequest.KTAS_SYSTEM.equals(coding.getSystem())) {
                try {
                    return TriageRequest.triageLevel(coding);
                } catch (InvalidRequestException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static Map<String, Observation> latestObservations(
            DaoRegistry daos, Encounter encounter, SystemRequestDetails system) {
        SearchParameterMap map = SearchParameterMap.newSynchronous(
                "encounter",
                new ReferenceParam(
                        encounter.getIdElement().toUnqualifiedVersionless().getValue()));
        IBundleProvider found = daos.getResourceDao(Observation.class).search(map, system);
        Map<String, Observation> latest = new LinkedHashMap<>();
        Map<String, Long> times = new HashMap<>();
        for (IBaseResource resource : found.getAllResources()) {
            Observation observation = (Observation) resource;
            if (!usable(observation)) {
                continue;
            }
            long time = time(observation);
            for (Coding coding : observation.getCode().getCoding()) {
                if (LOINC.equals(coding.getSystem()) && CODES.containsKey(coding.getCode())) {
                    keep(latest, times, CODES.get(coding.getCode()), observation, time);
                }
            }
            for (Observation.ObservationComponentComponent component : observation.getComponent()) {
                for (Coding coding : component.getCode().getCoding()) {
                    if (LOINC.equals(coding.getSystem())
                            && ("8480-6".equals(coding.getCode()) || "8462-4".equals(coding.getCode()))) {
                        Observation part = new Observation();
                        part.setId(observation.getIdElement());
                        part.setValue(component.getValue());
                        keep(latest, times, CODES.get(coding.getCode()), part, time);
                    }
                }
            }
        }
        return latest;
    }

    private static void keep(
            Map<String, Observation> latest, Map<String, Long> times, String kind, Observation observation, long t) {
        Long previous = times.get(kind);
        if (previous == null || t > previous) {
            latest.put(kind, observation);
            times.put(kind, t);
        }
    }

    private static boolean usable(Observation observation) {
        return switch (observation.getStatus() == null
                ? ""
                : observation.getStatus().toCode()) {
            case "final", "amended", "corrected", "preliminary" -> true;
            default -> false;
        };
    }

    private static long time(Observation observation) {
        if (observation.hasEffectiveDateTimeType()) {
            return observation.getEffectiveDateTimeType().getValue().getTime();
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return observation.getEffectivePeriod().getStart().getTime();
        }
        if (observation.hasEffectiveInstantType()) {
            return observation.getEffectiveInstantType().getValue().getTime();
        }
        if (observation.hasIssued()) {
            return observation.getIssued().getTime();
        }
        Date updated = observation.getMeta().getLastUpdated();
        return updated == null ? 0 : updated.getTime();
    }

    private static double number(Observation observation, String kind, String where) {
        if (observation.getValue() instanceof Quantity quantity && quantity.hasValue()) {
            return quantity.getValue().doubleValue();
        }
        throw new InvalidRequestException(where + " (" + kind + ") has no valueQuantity");
    }

    private static Double convert(String kind, Type value, String where) {
        if (!(value instanceof Quantity quantity) || !quantity.hasValue()) {
            throw new InvalidRequestException(where + " (" + kind + ") has no valueQuantity");
        }
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        double number = quantity.getValue().doubleValue();
        try {
            return switch (kind) {
                case "heartRate", "respiratoryRate" -> UnitConversions.toPerMinute(number, unit);
                case "systolic", "diastolic" -> UnitConversions.toMmHg(number, unit);
                case "temperature" -> UnitConversions.toCelsius(number, unit);
                case "oxygenSaturation" -> UnitConversions.toPercent(number, unit);
                case "painScore" -> number;
                default -> throw new IllegalStateException(kind);
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(where + " (" + kind + "): " + e.getMessage());
        }
    }

    private static Consciousness consciousness(Observation observation, String where) {
        String text = null;
        if (observation.getValue() instanceof CodeableConcept concept) {
            for (Coding coding : concept.getCoding()) {
                text = text == null ? coding.hasCode() ? coding.getCode() : coding.getDisplay() : text;
            }
            text = text == null ? concept.getText() : text;
        } else if (observation.getValue() != null) {
            text = observation.getValue().primitiveValue();
        }
        if (text != null) {
            String upper = text.trim().toUpperCase(Locale.ROOT);
            for (String word : List.of("ALERT", "CONFUS", "VOICE", "PAIN", "UNRESPONSIVE")) {
                if (upper.startsWith(word)) {
                    upper = word.substring(0, 1);
                }
            }
            try {
                return Consciousness.fromCode(upper.length() == 1 ? upper : "?");
            } catch (IllegalArgumentException e) {
                // fall through
            }
        }
        throw new InvalidRequestException(
                where + " (consciousness, LOINC 67775-7) value '" + text + "' is not an AVPU level (A, V, P, U)");
    }
}
