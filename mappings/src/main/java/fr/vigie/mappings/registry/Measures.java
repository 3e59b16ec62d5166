package fr.vigie.mappings.registry;

import fr.vigie.terminology.TerminologyCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The SMUR Measures every registry MeasureReport points at, their stratifiers and code systems. Canonical
 * {@code https://vigie.example.org/fhir/Measure/<id>}.
 *
 * <table>
 *   <caption>Measures</caption>
 *   <tr><th>id</th><th>period</th><th>group score</th><th>stratifiers</th></tr>
 *   <tr><td>smur-missions</td><td>year</td><td>missions</td><td>mission-type, day-night</td></tr>
 *   <tr><td>smur-missions-monthly</td><td>month</td><td>missions</td><td>mission-type</td></tr>
 *   <tr><td>smur-population</td><td>year</td><td>missions</td><td>population-group</td></tr>
 *   <tr><td>smur-transfers</td><td>year</td><td>transfers</td><td>transfer-destination</td></tr>
 *   <tr><td>smur-pathologies</td><td>year</td><td>missions</td><td>pathology, pathology × mission-type</td></tr>
 *   <tr><td>smur-flight-time</td><td>year</td><td>flight minutes</td><td>mission-type</td></tr>
 * </table>
 *
 * <p>The Measures are canonicals only, not stored as {@code Measure} resources: HAPI's validator checks each
 * MeasureReport group against a group of the stored Measure with the same code, and registry reports have one group
 * per aircraft, which no fixed Measure group can declare; a stored Measure would make every report fail validation.
 *
 * <p>One group per aircraft ({@code group.code.text} as written in the registry). Reports are tagged with
 * CodeSystem {@code report-source}: {@code registry-table} (figures as typed) or {@code mission-aggregate}
 * (computed from mission Encounters).
 */
public final class Measures {

    public static final String BASE = TerminologyCatalog.CANONICAL_BASE + "/Measure/";

    public static final String MISSIONS = "smur-missions";
    public static final String MISSIONS_MONTHLY = "smur-missions-monthly";
    public static final String POPULATION = "smur-population";
    public static final String TRANSFERS = "smur-transfers";
    public static final String PATHOLOGIES = "smur-pathologies";
    public static final String FLIGHT_TIME = "smur-flight-time";

    /** Measures a registry table can fill. */
    public static final Set<String> TABLE_MEASURES = Set.of(MISSIONS_MONTHLY, PATHOLOGIES);

    // stratifier names, also the code system names a spec gives labels for
    public static final String MISSION_TYPE = "mission-type";
    public static final String POPULATION_GROUP = "population-group";
    public static final String DAY_NIGHT = "day-night";
    public static final String PATHOLOGY = "smur-pathology";
    public static final String TRANSFER_DESTINATION = "transfer-destination";

    /** Identifier system of SMUR MeasureReports (value {@code <source>/<measure>/<period>}). */
    public static final String REPORT_IDENTIFIER_SYSTEM =
            TerminologyCatalog.CANONICAL_BASE + "/sid/smur-measure-report";

    public static final String SOURCE_REGISTRY_TABLE = "registry-table";
    public static final String SOURCE_MISSION_AGGREGATE = "mission-aggregate";

    private static final Map<String, String> SYSTEMS = Map.of(
            MISSION_TYPE, TerminologyCatalog.CS_MISSION_TYPE,
            POPULATION_GROUP, TerminologyCatalog.CS_POPULATION_GROUP,
            DAY_NIGHT, TerminologyCatalog.CS_DAY_NIGHT,
            PATHOLOGY, TerminologyCatalog.CS_SMUR_PATHOLOGY);

    private static final Map<String, String> DISPLAYS = displays();

    private Measures() {}

    /** The canonical URL of a Measure id. */
    public static String url(String measure) {
        return BASE + measure;
    }

    /** Code system of a stratifier's strata, or {@code null} when strata are plain text codes. */
    public static String system(String stratifier) {
        return SYSTEMS.get(stratifier);
    }

    /** English display of a stratum code, or the code itself. */
    public static String display(String code) {
        return DISPLAYS.getOrDefault(code, code);
    }

    /** A stratum value: coding in the stratifier's system (when it has one), display, and the text as written. */
    public static CodeableConcept stratumValue(String stratifier, String code, String text) {
        CodeableConcept value = new CodeableConcept();
        String system = system(stratifier);
        if (system != null) {
            value.addCoding(new Coding(system, code, display(code)));
        } else {
            value.addCoding().setCode(code).setDisplay(display(code));
        }
        value.setText(text == null ? display(code) : text);
        return value;
    }

    private static Map<String, String> displays() {
        Map<String, String> displays = new LinkedHashMap<>();
        displays.put("primary", "Primary mission (on-scene intervention)");
        displays.put("secondary", "Secondary mission (inter-facility transfer)");
        displays.put("adult", "Adult");
        displays.put("paediatric-smur-polyvalent", "Paediatric patient, general SMUR team");
        displays.put("paediatric-smur-ped", "Paediatric patient, paediatric SMUR team");
        displays.put("neonatal-incubator", "Neonate in transport incubator");
        displays.put("day", "Day");
        displays.put("night", "Night");
        displays.put("paris", "Transfer to Paris");
        displays.put("belgium", "Transfer to Belgium");
        displays.put("reanimation", "Intensive care");
        displays.put("cardiologie", "Cardiology");
        displays.put("avc", "Stroke");
        displays.put("traumatologie", "Trauma");
        displays.put("neurologie", "Neurology");
        displays.put("pneumologie", "Respiratory");
        displays.put("brules", "Burns");
        displays.put("obstetrique", "Obstetrics");
        return Map.copyOf(displays);
    }
}
