package fr.vigie.mappings.registry;

import fr.vigie.terminology.TerminologyCatalog;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;

/**
 * Aggregates mission Encounters into the same MeasureReports the registry tables give ({@link MeasureTally}):
 * per year {@code smur-missions} (mission type, day/night), {@code smur-population}, {@code smur-pathologies},
 * {@code smur-flight-time}; per month {@code smur-missions-monthly}. Groups per aircraft as written on the
 * Encounters (extension {@link Missions#EXT_AIRCRAFT}); a mission is dated by the local (Europe/Paris) day its
 * period starts. Encounters without a mission type are not counted (they are not registry missions).
 */
public final class MissionStatistics {

    /** Identifier prefix of aggregated reports: {@code missions/<measure>/<period>}. */
    public static final String SOURCE = "missions";

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Labels KEYS = new Labels(Map.of());
    private static final String UNKNOWN_AIRCRAFT = "Appareil non renseigné";

    private final Map<String, MeasureTally> tallies = new TreeMap<>();
    private long counted;

    /** Counts one mission; returns whether it was counted. */
    public boolean add(Encounter encounter) {
        String type = code(encounter.getTypeFirstRep(), TerminologyCatalog.CS_MISSION_TYPE);
        if (type == null || !encounter.getPeriod().hasStart()) {
            return false;
        }
        LocalDate day =
                encounter.getPeriod().getStart().toInstant().atZone(PARIS).toLocalDate();
        if (encounter.getPeriod().getStartElement().getPrecision().ordinal()
                <= ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            day = LocalDate.parse(
                    encounter.getPeriod().getStartElement().getValueAsString().substring(0, 10));
        }
        Extension aircraftExt = encounter.getExtensionByUrl(Missions.EXT_AIRCRAFT);
        String aircraft =
                aircraftExt != null && aircraftExt.getValue() instanceof StringType s ? s.getValue() : UNKNOWN_AIRCRAFT;
        String key = KEYS.normalise(aircraft);
        int year = day.getYear();
        MeasureTally.Stratum typeStratum = MeasureTally.Stratum.of(Measures.MISSION_TYPE, type, null);

        MeasureTally.Group missions = tally(Measures.MISSIONS, year, null).group(key, aircraft);
        missions.add(typeStratum, 1);
        String dayNight = extensionCode(encounter, Missions.EXT_DAY_NIGHT);
        if (dayNight != null) {
            missions.add(MeasureTally.Stratum.of(Measures.DAY_NIGHT, dayNight, null), 1);
        }
        tally(Measures.MISSIONS_MONTHLY, year, YearMonth.from(day))
                .group(key, aircraft)
                .add(typeStratum, 1);
        String population = extensionCode(encounter, Missions.EXT_POPULATION_GROUP);
        if (population != null) {
            tally(Measures.POPULATION, year, null)
                    .group(key, aircraft)
                    .add(MeasureTally.Stratum.of(Measures.POPULATION_GROUP, population, null), 1);
        }
        if (encounter.hasReasonCode()) {
            CodeableConcept reason = encounter.getReasonCodeFirstRep();
            String pathology = code(reason, TerminologyCatalog.CS_SMUR_PATHOLOGY);
            String text = pathology == null ? reason.getText() : null;
            MeasureTally.Component p = new MeasureTally.Component(Measures.PATHOLOGY, pathology, text);
            MeasureTally.Group group = tally(Measures.PATHOLOGIES, year, null).group(key, aircraft);
            group.add(new MeasureTally.Stratum(List.of(p)), 1);
            group.add(
                    new MeasureTally.Stratum(List.of(p, new MeasureTally.Component(Measures.MISSION_TYPE, type, null))),
                    1);
        }
        Extension flight = encounter.getExtensionByUrl(Missions.EXT_FLIGHT_TIME);
        if (flight != null && flight.getValue() instanceof Quantity q && q.hasValue()) {
            long minutes = Math.round(q.getValue().doubleValue());
            tally(Measures.FLIGHT_TIME, year, null).group(key, aircraft).add(typeStratum, minutes);
        }
        counted++;
        return true;
    }

    /** The local (Europe/Paris) day a mission starts, or {@code null} when its period has no start. */
    public static LocalDate day(Encounter encounter) {
        if (!encounter.getPeriod().hasStart()) {
            return null;
        }
        if (encounter.getPeriod().getStartElement().getPrecision().ordinal()
                <= ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            return LocalDate.parse(
                    encounter.getPeriod().getStartElement().getValueAsString().substring(0, 10));
        }
        return encounter.getPeriod().getStart().toInstant().atZone(PARIS).toLocalDate();
    }

    /** Missions counted so far. */
    public long counted() {
        return counted;
    }

    /** The reports, yearly then monthly, sorted by measure and period. */
    public List<MeasureReport> reports() {
        List<MeasureReport> reports = new ArrayList<>();
        for (MeasureTally tally : tallies.values()) {
            reports.add(tally.toReport(SOURCE, Measures.SOURCE_MISSION_AGGREGATE));
        }
        return reports;
    }

    /** Identifier values ({@code missions/<measure>/<period>}) of every report a year can have. */
    public static List<String> identifiersOfYear(int year) {
        List<String> ids = new ArrayList<>();
        for (String measure :
                List.of(Measures.MISSIONS, Measures.POPULATION, Measures.PATHOLOGIES, Measures.FLIGHT_TIME)) {
            ids.add(SOURCE + "/" + measure + "/" + year);
        }
        for (int month = 1; month <= 12; month++) {
            ids.add(SOURCE + "/" + Measures.MISSIONS_MONTHLY + "/" + YearMonth.of(year, month));
        }
        return ids;
    }

    private MeasureTally tally(String measure, int year, YearMonth month) {
        String key = measure + "/" + (month == null ? Integer.toString(year) : month.toString());
        return tallies.computeIfAbsent(
                key, k -> month == null ? MeasureTally.year(measure, year) : MeasureTally.month(measure, month));
    }

    private static String extensionCode(Encounter encounter, String url) {
        Extension extension = encounter.getExtensionByUrl(url);
        return extension != null && extension.getValue() instanceof Coding c ? c.getCode() : null;
    }

    private static String code(CodeableConcept concept, String system) {
        for (Coding coding : concept.getCoding()) {
            if (system.equals(coding.getSystem())) {
                return coding.getCode();
            }
        }
        return null;
    }
}
