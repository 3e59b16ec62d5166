package fr.vigie.mappings.registry;

import fr.vigie.terminology.TerminologyCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Measure;

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
 * <p>The Measures are stored ({@link #definitions()}) so each report's {@code measure} canonical resolves, but they
 * declare <b>no {@code group}</b>: a report has one group per aircraft, and aircraft are data (a new helicopter is a
 * new group next year), not a fixed list a Measure could declare. The group-per-aircraft and stratifier conventions
 * are in each Measure's {@code description}. Why no groups rather than one generic group: the FHIR validator matches
 * every MeasureReport group, by code, against a group of the stored Measure and rejects a report whose groups it
 * cannot match (and a Measure with one group forces every report to one anonymous group); when the Measure has no
 * group it checks none, which is the only stored form under which reports of several aircraft validate. It only
 * warns that a Measure "should contain at least one group".
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

    /**
     * The six Measures as resources (no id; {@code url} and {@code version} identify them), without groups (see the
     * class comment). {@code scoring} is left out: the group score is a count (missions, transfers) or a sum (flight
     * minutes), which neither {@code cohort} (no score) nor {@code proportion} describes.
     */
    public static List<Measure> definitions() {
        return List.of(
                definition(
                        MISSIONS,
                        "Missions SMUR héliportées par an",
                        "missions per aircraft and year",
                        "missions",
                        List.of(MISSION_TYPE, DAY_NIGHT)),
                definition(
                        MISSIONS_MONTHLY,
                        "Missions SMUR héliportées par mois",
                        "missions per aircraft and month",
                        "missions",
                        List.of(MISSION_TYPE)),
                definition(
                        POPULATION,
                        "Populations transportées",
                        "missions per population group, aircraft and year",
                        "missions",
                        List.of(POPULATION_GROUP)),
                definition(
                        TRANSFERS,
                        "Transferts hors région",
                        "transfers to Paris or Belgium per aircraft and year",
                        "transfers",
                        List.of(TRANSFER_DESTINATION)),
                definition(
                        PATHOLOGIES,
                        "Missions par pathologie",
                        "missions per pathology, mission type, aircraft and year",
                        "missions",
                        List.of(PATHOLOGY, PATHOLOGY + " × " + MISSION_TYPE)),
                definition(
                        FLIGHT_TIME,
                        "Temps de vol",
                        "flight time per aircraft and year",
                        "flight minutes (UCUM min)",
                        List.of(MISSION_TYPE)));
    }

    private static Measure definition(String id, String titleFr, String what, String score, List<String> stratifiers) {
        Measure measure = new Measure();
        measure.setUrl(url(id));
        measure.setVersion("1.0.0");
        measure.setName(id.replace("-", "_").toUpperCase(Locale.ROOT));
        measure.setTitle(titleFr);
        measure.setStatus(PublicationStatus.ACTIVE);
        measure.setPublisher("Vigie");
        measure.setDescription("SMUR helicopter " + what + ". One MeasureReport per period (type summary, status"
                + " complete), with one group per aircraft: group.code.text is the aircraft as written in the registry"
                + " (aircraft are data, so this Measure declares no fixed groups), group.measureScore its " + score
                + ", stratifiers " + String.join(", ", stratifiers) + " (stratifier.code.text) with their counts."
                + " meta.tag in CodeSystem " + TerminologyCatalog.CS_REPORT_SOURCE + " says where the figures come"
                + " from: " + SOURCE_REGISTRY_TABLE + " (a registry table, as typed) or " + SOURCE_MISSION_AGGREGATE
                + " (computed by Vigie from mission Encounters). Identifier (system " + REPORT_IDENTIFIER_SYSTEM
                + "): <source>/" + id + "/<period>.");
        return measure;
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
