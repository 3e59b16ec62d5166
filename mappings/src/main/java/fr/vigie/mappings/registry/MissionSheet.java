package fr.vigie.mappings.registry;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Mission rows → {@code Encounter}s (DESIGN §3), one per row, as the rows arrive.
 *
 * <p>Encounter: identifier = the mission number (system {@link Missions#MISSION_SYSTEM}); status finished; class
 * v3 ActCode FLD; type from CodeSystem mission-type; period from the date and the take-off and return times in
 * Europe/Paris (a return earlier than the take-off is the next day); {@code hospitalization.origin} and
 * {@code destination} reference hospitals by FINESS ({@code Location?identifier=https://finess.esante.gouv.fr|…},
 * 8-digit numbers get their leading zero back); {@code location} the destination DZ by id; {@code reasonCode} the
 * pathology (smur-pathology code, CIM-10 chapter from the ConceptMap, text as written); extensions for population
 * group, day/night, flight minutes (UCUM {@code min}), aircraft and age. No Patient is invented.
 *
 * <p>A FINESS or DZ that Vigie does not hold is kept as a logical reference (identifier only) with a warning: the
 * row is not lost. A malformed FINESS, a missing or future date, an unknown mission type, text or a negative number
 * in age or flight time, or a mission number already seen in the file rejects the row, naming the cell.
 */
final class MissionSheet implements RegistryMapper.SheetHandler {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern FINESS = Pattern.compile("\\d{9}|2[AB]\\d{7}");

    private final RegistrySpec spec;
    private final Map<String, Integer> columns;
    private final String name;
    private final LocalDate today;
    private final Predicate<String> knownFiness;
    private final Predicate<String> knownDz;
    private final RegistryMapper.Workbook workbook;
    private final RegistryOutput output;
    private final Labels labels;
    private boolean header = true;

    MissionSheet(
            RegistrySpec spec,
            Map<String, Integer> columns,
            String name,
            LocalDate today,
            Predicate<String> knownFiness,
            Predicate<String> knownDz,
            RegistryMapper.Workbook workbook,
            RegistryOutput output) {
        this.spec = spec;
        this.columns = columns;
        this.name = name;
        this.today = today;
        this.knownFiness = knownFiness;
        this.knownDz = knownDz;
        this.workbook = workbook;
        this.output = output;
        this.labels = spec.labels();
    }

    @Override
    public void row(int number, List<Cell> cells) {
        if (header) {
            header = false;
            return;
        }
        String row = name + "!A" + number;
        List<String> warnings = new ArrayList<>();
        Encounter encounter;
        try {
            encounter = map(number, cells, warnings);
        } catch (CellValues.BadCell e) {
            output.reject(row, e.getMessage());
            return;
        }
        output.accept(row, List.of(encounter));
        warnings.forEach(w -> output.warn(row, w));
    }

    @Override
    public void end() {
        // missions are written as they come
    }

    private Cell cell(int number, List<Cell> cells, String role) {
        return Headers.cell(cells, name, number, columns.get(role));
    }

    private Encounter map(int number, List<Cell> cells, List<String> warnings) throws CellValues.BadCell {
        Cell idCell = cell(number, cells, "id");
        if (idCell.isBlank()) {
            throw new CellValues.BadCell(idCell, "no mission number");
        }
        String id = idCell.text();
        Cell dateCell = cell(number, cells, "date");
        if (dateCell.isBlank()) {
            throw new CellValues.BadCell(dateCell, "no date");
        }
        LocalDate date = CellValues.date(dateCell);
        if (date.isAfter(today)) {
            throw new CellValues.BadCell(dateCell, "date " + date + " is in the future");
        }
        Cell typeCell = cell(number, cells, Measures.MISSION_TYPE);
        String type = code(Measures.MISSION_TYPE, typeCell);
        if (type == null) {
            throw new CellValues.BadCell(
                    typeCell,
                    "unknown mission type '" + typeCell.text()
                            + "' (expected one of the spec's mission-type labels, e.g. PRIM or SEC)");
        }
        Encounter encounter = new Encounter();
        encounter.addIdentifier().setSystem(Missions.MISSION_SYSTEM).setValue(id);
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding(Missions.ACT_CODE_SYSTEM, "FLD", "field"));
        encounter.addType(
                new CodeableConcept(new Coding(TerminologyCatalog.CS_MISSION_TYPE, type, Measures.display(type)))
                        .setText(typeCell.text()));
        encounter.setPeriod(period(number, cells, date, warnings));

        Cell aircraft = cell(number, cells, "aircraft");
        if (!aircraft.isBlank()) {
            encounter.addExtension(Missions.EXT_AIRCRAFT, new StringType(aircraft.text()));
        }
        coded(number, cells, "day-night", Measures.DAY_NIGHT, TerminologyCatalog.CS_DAY_NIGHT, warnings)
                .ifPresent(c -> encounter.addExtension(Missions.EXT_DAY_NIGHT, c));
        coded(number, cells, "population", Measures.POPULATION_GROUP, TerminologyCatalog.CS_POPULATION_GROUP, warnings)
                .ifPresent(c -> encounter.addExtension(Missions.EXT_POPULATION_GROUP, c));
        Cell ageCell = cell(number, cells, "age");
        if (!ageCell.isBlank()) {
            BigDecimal age = CellValues.amount(ageCell, "an age");
            if (age.compareTo(BigDecimal.valueOf(130)) > 0) {
                throw new CellValues.BadCell(ageCell, "age " + ageCell.text() + " is not plausible (over 130)");
            }
            Age value = new Age();
            if (age.signum() == 0) {
                // registries write 0 for a baby under one year; FHIR's age-1 wants a positive value: "< 1 a"
                value.setComparator(Quantity.QuantityComparator.LESS_THAN).setValue(BigDecimal.ONE);
            } else {
                value.setValue(age);
            }
            value.setUnit("a").setSystem("http://unitsofmeasure.org").setCode("a");
            encounter.addExtension(Missions.EXT_PATIENT_AGE, value);
        }
        Cell flightCell = cell(number, cells, "flight-minutes");
        if (!flightCell.isBlank()) {
            BigDecimal minutes = CellValues.amount(flightCell, "a flight time");
            encounter.addExtension(
                    Missions.EXT_FLIGHT_TIME,
                    new Quantity()
                            .setValue(minutes)
                            .setUnit("min")
                            .setSystem("http://unitsofmeasure.org")
                            .setCode("min"));
        }
        Cell pathologyCell = cell(number, cells, "pathology");
        if (!pathologyCell.isBlank()) {
            String pathology = code(Measures.PATHOLOGY, pathologyCell);
            CodeableConcept reason = new CodeableConcept().setText(pathologyCell.text());
            if (pathology == null) {
                warnings.add(pathologyCell.label() + ": pathology '" + pathologyCell.text()
                        + "' is not in CodeSystem smur-pathology; kept as text");
            } else {
                reason.addCoding(
                        new Coding(TerminologyCatalog.CS_SMUR_PATHOLOGY, pathology, Measures.display(pathology)));
                PathologyMap.cim10(pathology).ifPresent(reason::addCoding);
            }
            encounter.addReasonCode(reason);
        }
        Reference origin = hospital(cell(number, cells, "finess-origin"), warnings);
        Reference destination = hospital(cell(number, cells, "finess-destination"), warnings);
        if (origin != null) {
            encounter.getHospitalization().setOrigin(origin);
        }
        if (destination != null) {
            encounter.getHospitalization().setDestination(destination);
        }
        Cell dzCell = cell(number, cells, "dz-destination");
        if (!dzCell.isBlank()) {
            String dz = dzCell.text();
            Reference reference;
            if (knownDz.test(dz)) {
                reference = new Reference(locationByIdentifier(Missions.DZ_SYSTEM, dz));
            } else {
                reference = new Reference()
                        .setIdentifier(
                                new Identifier().setSystem(Missions.DZ_SYSTEM).setValue(dz));
                warnings.add(dzCell.label() + ": dropping zone " + dz + " is not in Vigie; kept as an identifier");
            }
            reference.setDisplay(dz);
            encounter.addLocation().setLocation(reference);
        }
        String first = workbook.firstMission(id, idCell.label());
        if (first != null) {
            throw new CellValues.BadCell(idCell, "mission number " + id + " already used at " + first);
        }
        workbook.missionYear(date.getYear());
        return encounter;
    }

    /**
     * The mission's period in Paris time: takeoff on the row's date, return the same day, or the next when its time
     * is earlier (a mission across midnight). A return that still comes before the takeoff once the daylight-saving
     * change is applied (takeoff written in the hour that does not exist on the spring night, 02:00-03:00, which
     * means 03:00-04:00, and return written after 03:00) cannot be told: the end is left out with a warning rather
     * than stored before the start (which FHIR forbids, per-1).
     */
    private Period period(int number, List<Cell> cells, LocalDate date, List<String> warnings)
            throws CellValues.BadCell {
        Period period = new Period();
        Cell takeoffCell = cell(number, cells, "takeoff");
        Cell returnCell = cell(number, cells, "return");
        if (takeoffCell.isBlank()) {
            period.setStartElement(new DateTimeType(date.toString()));
            return period;
        }
        LocalTime takeoff = CellValues.time(takeoffCell);
        LocalDateTime start = date.atTime(takeoff);
        period.setStartElement(dateTime(start));
        if (!returnCell.isBlank()) {
            LocalTime back = CellValues.time(returnCell);
            LocalDateTime end = date.atTime(back);
            if (end.isBefore(start)) {
                end = end.plusDays(1);
            }
            if (end.atZone(PARIS).toInstant().isBefore(start.atZone(PARIS).toInstant())) {
                warnings.add(returnCell.label() + ": return " + back + " comes before takeoff " + takeoff
                        + " once the daylight-saving change of " + date + " is applied (" + takeoff
                        + " does not exist that night); end of the mission left out");
            } else {
                period.setEndElement(dateTime(end));
            }
        }
        return period;
    }

    private static DateTimeType dateTime(LocalDateTime local) {
        DateTimeType value = new DateTimeType(Date.from(local.atZone(PARIS).toInstant()));
        value.setTimeZone(TimeZone.getTimeZone(PARIS));
        return value;
    }

    private java.util.Optional<Coding> coded(
            int number, List<Cell> cells, String role, String codes, String system, List<String> warnings) {
        Cell c = cell(number, cells, role);
        if (c.isBlank()) {
            return java.util.Optional.empty();
        }
        String code = code(codes, c);
        if (code == null) {
            warnings.add(c.label() + ": '" + c.text() + "' is not a known " + codes + " label; left out");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Coding(system, code, Measures.display(code)));
    }

    /**
     * Conditional reference to a Location Vigie holds, {@code Location?identifier=<system>|<value>} with the system
     * percent-encoded ({@code https%3A%2F%2Ffiness.esante.gouv.fr}). Why encoded: HAPI's validator (8.8) reads a
     * reference's type from the path segment before its last {@code /}; in {@code ...=https://finess.esante.gouv.fr|…}
     * that segment is empty and the validation of the whole transaction fails with an internal error. The server
     * decodes the search parameter when it resolves the reference, so the stored reference is the same
     * {@code Location/<id>}. Safe here because the Location is never in the same bundle (matched as a string there).
     */
    private static String locationByIdentifier(String system, String value) {
        String url = ConditionalUrls.byIdentifier("Location", system, value);
        int start = "Location?identifier=".length();
        int bar = url.indexOf('|', start);
        return url.substring(0, start)
                + URLEncoder.encode(url.substring(start, bar), StandardCharsets.UTF_8)
                + url.substring(bar);
    }

    private Reference hospital(Cell cell, List<String> warnings) throws CellValues.BadCell {
        if (cell.isBlank()) {
            return null;
        }
        String finess = cell.text().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (finess.matches("\\d{8}")) {
            finess = "0" + finess; // a number cell lost the leading zero
        }
        if (!FINESS.matcher(finess).matches()) {
            throw new CellValues.BadCell(cell, "not a FINESS number: '" + cell.text() + "' (9 characters)");
        }
        Reference reference;
        if (knownFiness.test(finess)) {
            reference = new Reference(locationByIdentifier(TerminologyCatalog.FINESS_SYSTEM, finess));
        } else {
            reference = new Reference()
                    .setIdentifier(new Identifier()
                            .setSystem(TerminologyCatalog.FINESS_SYSTEM)
                            .setValue(finess));
            warnings.add(cell.label() + ": FINESS " + finess + " is not a Location in Vigie; kept as an identifier");
        }
        return reference.setDisplay("FINESS " + finess);
    }

    private String code(String system, Cell cell) {
        if (cell.isBlank()) {
            return null;
        }
        return spec.codes().getOrDefault(system, Map.of()).get(labels.normalise(cell.text()));
    }
}
