package fr.vigie.server.triage;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * The parsed {@code Parameters} of {@code $triage} and {@code $los}. Every problem is an {@link
 * InvalidRequestException} (HTTP 400, OperationOutcome) naming the parameter and the value: unknown parameter,
 * wrong value type, unknown unit or code, value outside the plausible range (see {@link PhysiologicalRanges}),
 * diastolic above systolic.
 *
 * <p>Quantities are {@code valueQuantity} with a UCUM code (or unit): {@code /min} for rates, {@code mm[Hg]} (or
 * {@code kPa}) for pressures, {@code Cel} (or {@code [degF]}) for temperature, {@code %} for saturation; {@link
 * UnitConversions} converts. A quantity without a unit is refused rather than guessed.
 *
 * @param input the triage inputs given (null fields: not given)
 * @param persist {@code persist} (default false)
 * @param triageLevel {@code triageLevel} ($los), null when absent
 * @param diagnosis {@code diagnosis} codings ($los)
 * @param setting {@code setting} ($los): emergency or inpatient, null when absent
 */
public record TriageRequest(
        TriageInput input, boolean persist, FrenchLevel triageLevel, List<Coding> diagnosis, String setting) {

    public static final String UCUM = "http://unitsofmeasure.org";

    /** The sex codes (FHIR administrative gender). */
    public static final Set<String> SEXES = Set.of("male", "female", "other", "unknown");

    /** The codes of CodeSystem arrival-mode (terminology module). */
    public static final List<String> ARRIVAL_MODES = List.of(
            "walk-in",
            "private-vehicle",
            "public-ambulance",
            "private-ambulance",
            "smur",
            "helicopter",
            "police",
            "other");

    /** Systems accepted for {@code triageLevel}. */
    public static final String KTAS_SYSTEM = "https://vigie.example.org/fhir/CodeSystem/triage-ktas";

    /** Systems accepted for CIM-10 diagnoses. */
    public static final Set<String> CIM10_SYSTEMS =
            Set.of("https://vigie.example.org/fhir/CodeSystem/cim10-fr", "http://hl7.org/fhir/sid/icd-10");

    private static final Set<String> TRIAGE_NAMES = Set.of(
            "age",
            "sex",
            "arrivalMode",
            "heartRate",
            "respiratoryRate",
            "systolicBloodPressure",
            "diastolicBloodPressure",
            "bodyTemperature",
            "oxygenSaturation",
            "consciousness",
            "painScore",
            "injury",
            "onOxygen",
            "chiefComplaint",
            "nurseLevel",
            "persist");
    private static final Set<String> LOS_NAMES = Set.of("triageLevel", "diagnosis", "setting");

    /** Oldest plausible age, years. */
    public static final int MAX_AGE = 130;

    /**
     * Parses the body of {@code $triage} ({@code los} false) or {@code $los} ({@code los} true). Plausibility
     * is not checked here (see {@link #checkPlausible(TriageInput)}), so that values merged from an Encounter are
     * checked the same way.
     */
    public static TriageRequest parse(Parameters parameters, boolean los) {
        Map<String, List<Type>> values = new LinkedHashMap<>();
        if (parameters != null) {
            for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
                String name = parameter.getName();
                boolean known = TRIAGE_NAMES.contains(name) || (los && LOS_NAMES.contains(name));
                if (!known) {
                    throw new InvalidRequestException("Unknown parameter '" + name + "' for "
                            + (los ? "$los" : "$triage") + ": expected "
                            + (los ? union() : TRIAGE_NAMES.stream().sorted().toList()));
                }
                if (parameter.getValue() == null) {
                    throw new InvalidRequestException("Parameter '" + name + "' has no value[x]");
                }
                values.computeIfAbsent(name, key -> new ArrayList<>()).add(parameter.getValue());
            }
        }
        values.forEach((name, list) -> {
            if (list.size() > 1 && !"diagnosis".equals(name)) {
                throw new InvalidRequestException(
                        "Parameter '" + name + "' is given " + list.size() + " times: at most once");
            }
        });
        Integer age = integer(values, "age");
        if (age != null && (age < 0 || age > MAX_AGE)) {
            throw new InvalidRequestException("age " + age + " is outside 0–" + MAX_AGE + " years");
        }
        String sex = code(values, "sex");
        if (sex != null && !SEXES.contains(sex)) {
            throw new InvalidRequestException("sex '" + sex + "' is not male, female, other or unknown");
        }
        String arrival = code(values, "arrivalMode");
        if (arrival != null && !ARRIVAL_MODES.contains(arrival)) {
            throw new InvalidRequestException("arrivalMode '" + arrival
                    + "' is not a code of CodeSystem arrival-mode: expected one of " + ARRIVAL_MODES);
        }
        String consciousnessCode = code(values, "consciousness");
        Consciousness consciousness = null;
        if (consciousnessCode != null) {
            try {
                consciousness = Consciousness.fromCode(consciousnessCode);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("consciousness '" + consciousnessCode
                        + "' is not an AVPU code: expected A, V, P or U (C for new confusion)");
            }
        }
        VitalSigns vitals = new VitalSigns(
                quantity(values, "heartRate", UnitConversions::toPerMinute),
                quantity(values, "respiratoryRate", UnitConversions::toPerMinute),
                quantity(values, "systolicBloodPressure", UnitConversions::toMmHg),
                quantity(values, "diastolicBloodPressure", UnitConversions::toMmHg),
                quantity(values, "bodyTemperature", UnitConversions::toCelsius),
                quantity(values, "oxygenSaturation", UnitConversions::toPercent),
                consciousness,
                bool(values, "onOxygen"),
                integer(values, "painScore"));
        Coding nurse = coding(values, "nurseLevel");
        TriageInput input = new TriageInput(
                age,
                sex,
                arrival,
                bool(values, "injury"),
                vitals,
                string(values, "chiefComplaint"),
                nurse == null ? null : nurseLevel(nurse, "nurseLevel"));
        Boolean persist = bool(values, "persist");
        FrenchLevel triageLevel = null;
        List<Coding> diagnosis = new ArrayList<>();
        String setting = null;
        if (los) {
            Coding level = coding(values, "triageLevel");
            triageLevel = level == null ? null : triageLevel(level);
            for (Type value : values.getOrDefault("diagnosis", List.of())) {
                diagnosis.add(diagnosis(value));
            }
            setting = code(values, "setting");
            if (setting != null && !setting.equals("emergency") && !setting.equals("inpatient")) {
                throw new InvalidRequestException("setting '" + setting + "' is not emergency or inpatient");
            }
        }
        return new TriageRequest(input, Boolean.TRUE.equals(persist), triageLevel, diagnosis, setting);
    }

    /** Refuses implausible vital signs, naming each value (400). */
    public static void checkPlausible(TriageInput input) {
        List<String> problems = PhysiologicalRanges.violations(input.vitals());
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join("; ", problems));
        }
    }

    /** A FRENCH level from a FRENCH or KTAS coding (KTAS 3 is taken as FRENCH 3B, its less urgent half). */
    public static FrenchLevel triageLevel(Coding coding) {
        String system = coding.getSystem();
        String code = coding.getCode();
        try {
            if (FrenchLevel.SYSTEM.equals(system) || (system == null && code != null && !code.isBlank())) {
                return FrenchLevel.fromCode(code);
            }
            if (KTAS_SYSTEM.equals(system)) {
                return switch (code == null ? "" : code.trim()) {
                    case "1" -> FrenchLevel.LEVEL_1;
                    case "2" -> FrenchLevel.LEVEL_2;
                    case "3" -> FrenchLevel.LEVEL_3B;
                    case "4" -> FrenchLevel.LEVEL_4;
                    case "5" -> FrenchLevel.LEVEL_5;
                    default -> throw new IllegalArgumentException("bad KTAS code");
                };
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("triageLevel code '" + code + "' is not a level of " + system
                    + ": expected FRENCH 1, 2, 3A, 3B, 4, 5 or KTAS 1–5");
        }
        throw new InvalidRequestException("triageLevel system '" + system + "' is not " + FrenchLevel.SYSTEM
                + " (FRENCH) or " + KTAS_SYSTEM + " (KTAS)");
    }

    /**
     * The nurse's level from a FRENCH or KTAS coding ({@code nurseLevel}, or an Encounter's {@code priority});
     * unlike {@link #triageLevel(Coding)}, KTAS 3 stays KTAS 3 (FRENCH 3A or 3B left open).
     */
    public static NurseLevel nurseLevel(Coding coding, String name) {
        String system = coding.getSystem();
        String code = coding.getCode() == null ? "" : coding.getCode().trim();
        if (KTAS_SYSTEM.equals(system)) {
            if (code.matches("[1-5]")) {
                return NurseLevel.ofKtas(Integer.parseInt(code));
            }
            throw new InvalidRequestException(
                    name + " code '" + code + "' is not a KTAS level of " + KTAS_SYSTEM + ": expected 1–5");
        }
        if (FrenchLevel.SYSTEM.equals(system) || (system == null && !code.isBlank())) {
            try {
                return NurseLevel.ofFrench(FrenchLevel.fromCode(code));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(name + " code '" + code + "' is not a FRENCH level of "
                        + FrenchLevel.SYSTEM + ": expected 1, 2, 3A, 3B, 4 or 5");
            }
        }
        throw new InvalidRequestException(name + " system '" + system + "' is not " + FrenchLevel.SYSTEM
                + " (FRENCH) or " + KTAS_SYSTEM + " (KTAS)");
    }

    private static Coding diagnosis(Type value) {
        if (!(value instanceof Coding coding)) {
            throw new InvalidRequestException("diagnosis must be a valueCoding (CIM-10), not " + value.fhirType());
        }
        if (!CIM10_SYSTEMS.contains(coding.getSystem())) {
            throw new InvalidRequestException("diagnosis system '" + coding.getSystem() + "' is not CIM-10: expected "
                    + CIM10_SYSTEMS.stream().sorted().toList());
        }
        if (coding.getCode() == null
                || !coding.getCode().trim().toUpperCase(Locale.ROOT).matches(Cim10.PATTERN)) {
            throw new InvalidRequestException("diagnosis code '" + coding.getCode()
                    + "' is not a CIM-10 code (a letter, two digits, optionally a dot and up to 4 characters)");
        }
        return coding;
    }

    private static List<String> union() {
        List<String> names = new ArrayList<>(TRIAGE_NAMES);
        names.addAll(LOS_NAMES);
        return names.stream().sorted().toList();
    }

    private interface Converter {
        double convert(double value, String unit);
    }

    private static Double quantity(Map<String, List<Type>> values, String name, Converter converter) {
        Type value = single(values, name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Quantity quantity)) {
            throw new InvalidRequestException(
                    name + " must be a valueQuantity with a UCUM unit, not " + value.fhirType());
        }
        BigDecimal number = quantity.getValue();
        if (number == null) {
            throw new InvalidRequestException(name + " has no value");
        }
        if (quantity.hasSystem() && !UCUM.equals(quantity.getSystem())) {
            throw new InvalidRequestException(
                    name + " unit system '" + quantity.getSystem() + "' is not UCUM (" + UCUM + ")");
        }
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        if (unit == null || unit.isBlank()) {
            throw new InvalidRequestException(
                    name + " " + number.toPlainString() + " has no unit: give a UCUM code (e.g. /min, mm[Hg], Cel, %)");
        }
        try {
            return converter.convert(number.doubleValue(), unit);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(name + ": " + e.getMessage());
        }
    }

    private static Type single(Map<String, List<Type>> values, String name) {
        List<Type> list = values.get(name);
        return list == null ? null : list.get(0);
    }

    private static Integer integer(Map<String, List<Type>> values, String name) {
        Type value = single(values, name);
        if (value == null) {
            return null;
        }
        if (value instanceof IntegerType integer && integer.getValue() != null) {
            return integer.getValue();
        }
        throw new InvalidRequestException(name + " must be a valueInteger, not " + value.fhirType());
    }

    private static Boolean bool(Map<String, List<Type>> values, String name) {
        Type value = single(values, name);
        if (value == null) {
            return null;
        }
        if (value instanceof BooleanType bool && bool.getValue() != null) {
            return bool.getValue();
        }
        throw new InvalidRequestException(name + " must be a valueBoolean, not " + value.fhirType());
    }

    private static String code(Map<String, List<Type>> values, String name) {
        Type value = single(values, name);
        if (value == null) {
            return null;
        }
        if (value instanceof CodeType code) {
            return code.getValue();
        }
        if (value instanceof StringType string) {
            return string.getValue();
        }
        if (value instanceof Coding coding) {
            return coding.getCode();
        }
        throw new InvalidRequestException(name + " must be a valueCode, not " + value.fhirType());
    }

    private static String string(Map<String, List<Type>> values, String name) {
        Type value = single(values, name);
        if (value == null) {
            return null;
        }
        if (value instanceof StringType string) {
            return string.getValue();
        }
        throw new InvalidRequestException(name + " must be a valueString, not " + value.fhirType());
    }

    private static Coding coding(Map<String, List<Type>> values, String name) {
        Type value = single(values, name);
        if (value == null) {
            return null;
        }
        if (value instanceof Coding coding) {
            return coding;
        }
        if (value instanceof CodeType code) {
            return new Coding(FrenchLevel.SYSTEM, code.getValue(), null);
        }
        throw new InvalidRequestException(name + " must be a valueCoding, not " + value.fhirType());
    }
}
