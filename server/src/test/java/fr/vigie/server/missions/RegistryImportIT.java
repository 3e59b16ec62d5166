package fr.vigie.server.missions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.mappings.registry.MeasureReports;
import fr.vigie.server.AbstractFhirIT;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.junit.jupiter.api.Test;

/**
 * The {@code registry} feed through the server: the example workbook over {@code POST /import/registry}, the stored
 * MeasureReports (the registry's tables) and mission Encounters, the statistics Vigie aggregates from those missions,
 * idempotent re-imports, corrected workbooks and refused files. Expected aggregates are recomputed here from the
 * workbook's Missions sheet, independently of the feed's label matching.
 *
 * <p>Other ITs share the server (the demo IT loads the same workbook), so the assertions hold whichever ran first.
 */
class RegistryImportIT extends AbstractFhirIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("src/main/resources/demo/registry/registre-exemple.xlsx");
    private static final String MEASURE = "https://vigie.example.org/fhir/Measure/";
    private static final String AGGREGATE = "https://vigie.example.org/fhir/CodeSystem/report-source|mission-aggregate";
    private static final String TABLE = "https://vigie.example.org/fhir/CodeSystem/report-source|registry-table";
    private static final String MISSION_SYSTEM = "https://vigie.example.org/fhir/sid/smur-mission";
    private static final String FINESS = "https://finess.esante.gouv.fr";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** 20 + 14 summary reports, 12 months, 1 pathology table, 300 missions. */
    private static final int EXAMPLE_ROWS = 347;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(byte[] body, String name, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl() + "/import/registry?source=" + name))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", adminAuthorization())
                .header("Content-Type", contentType)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode importWorkbook(byte[] body, String name) throws Exception {
        HttpResponse<String> response = post(body, name, XLSX);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private List<MeasureReport> reports(String measure, String period, String tag) {
        Bundle bundle = client.search()
                .byUrl("MeasureReport?measure=" + MEASURE + measure + "&period=" + period + "&_tag=" + tag
                        + "&_count=100")
                .returnBundle(Bundle.class)
                .execute();
        return bundle.getEntry().stream()
                .map(e -> (MeasureReport) e.getResource())
                .toList();
    }

    private MeasureReport onlyReport(String measure, String period, String tag) {
        List<MeasureReport> found = reports(measure, period, tag);
        assertThat(found).as(measure + " " + period + " " + tag).hasSize(1);
        return found.get(0);
    }

    private static MeasureReportGroupComponent group(MeasureReport report, String text) {
        return MeasureReports.group(report, text).orElseThrow(() -> new AssertionError("no group " + text));
    }

    private static long score(MeasureReportGroupComponent group) {
        return group.getMeasureScore().getValue().longValueExact();
    }

    private Encounter mission(String number) {
        Bundle found = client.search()
                .byUrl("Encounter?identifier=" + MISSION_SYSTEM + "|" + number)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).as(number).hasSize(1);
        return (Encounter) found.getEntryFirstRep().getResource();
    }

    @Test
    void importsTheExampleWorkbookAggregatesItsMissionsAndUpdatesFromACorrectedOne() throws Exception {
        byte[] example = Files.readAllBytes(EXAMPLE);
        JsonNode first = importWorkbook(example, "registre-exemple.xlsx");
        assertThat(first.get("status").asText()).isEqualTo("completed");
        assertThat(first.get("rowsRead").asInt()).isEqualTo(EXAMPLE_ROWS);
        assertThat(first.get("rejected")).isEmpty();

        // the registry's own tables, searchable by measure and period
        MeasureReport table = onlyReport("smur-missions", "2023", TABLE);
        assertThat(score(group(table, "Héli62"))).isEqualTo(458);
        assertThat(MeasureReports.strata(group(table, "Héli62"), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 60, "secondary", 398));
        assertThat(score(group(table, "Héli80"))).isEqualTo(459);
        assertThat(MeasureReports.strata(group(table, "Héli80"), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 104, "secondary", 355));
        assertThat(score(group(onlyReport("smur-population", "2023", TABLE), "Tous appareils")))
                .isEqualTo(748);
        MeasureReport january = onlyReport("smur-missions-monthly", "2023-01", TABLE);
        assertThat(MeasureReports.strata(january.getGroupFirstRep(), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 6, "secondary", 34));
        assertThat(score(onlyReport("smur-pathologies", "2023", TABLE).getGroupFirstRep()))
                .isEqualTo(998);
        assertThat(reports("smur-missions", "2004", TABLE)).hasSize(1);

        // the Measure each report points at resolves, and declares no fixed groups (one group per aircraft)
        Bundle measures = client.search()
                .byUrl("Measure?url=" + MEASURE + "smur-missions")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(measures.getEntry()).hasSize(1);
        Measure measure = (Measure) measures.getEntryFirstRep().getResource();
        assertThat(measure.getGroup()).isEmpty();
        assertThat(measure.getDescription()).contains("one group per aircraft");

        // 300 mission Encounters, aggregated into reports of the same shape
        Bundle missionCount = client.search()
                .byUrl("Encounter?identifier=" + MISSION_SYSTEM + "|&date=ge2023-01-01&date=lt2024-01-01"
                        + "&_summary=count")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(missionCount.getTotal()).isGreaterThanOrEqualTo(300);
        Encounter mission1 = mission("H62-2023-0001");
        assertThat(mission1.getClass_().getCode()).isEqualTo("FLD");
        assertThat(mission1.getPeriod().getStartElement().getValueAsString()).startsWith("2023-04-01T04:42:00");

        Expected expected = Expected.fromMissionsSheet(example);
        assertThat(expected.total).isEqualTo(300);
        assertAggregatesMatch(expected, "Héli62");

        // the same file again changes nothing: no new version, no duplicate
        String tableVersion = table.getMeta().getVersionId();
        String aggregateVersion =
                onlyReport("smur-missions", "2023", AGGREGATE).getMeta().getVersionId();
        JsonNode second = importWorkbook(example, "registre-exemple.xlsx");
        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("updated").asInt()).isZero();
        assertThat(second.get("unchanged").asInt()).isEqualTo(EXAMPLE_ROWS);
        assertThat(onlyReport("smur-missions", "2023", TABLE).getMeta().getVersionId())
                .isEqualTo(tableVersion);
        assertThat(onlyReport("smur-missions", "2023", AGGREGATE).getMeta().getVersionId())
                .isEqualTo(aggregateVersion);

        // a corrected workbook: mission 0001 becomes secondary, "Prim Héli62" 2023 becomes 61
        byte[] corrected;
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(example))) {
            // a fresh cell: POI appends to an inline-string cell instead of replacing its text
            Row mission = wb.getSheet("Missions").getRow(1);
            mission.removeCell(mission.getCell(5));
            mission.createCell(5).setCellValue("SEC");
            wb.getSheet("Synthese").getRow(1).getCell(24).setCellValue(61);
            corrected = bytes(wb);
        }
        String missionVersion = mission1.getMeta().getVersionId();
        JsonNode third = importWorkbook(corrected, "registre-exemple-corrige.xlsx");
        assertThat(third.get("rejected")).as(third.toString()).isEmpty();
        assertThat(third.get("created").asInt()).isZero();
        assertThat(third.get("updated").asInt()).isEqualTo(2);
        assertThat(third.get("unchanged").asInt()).isEqualTo(EXAMPLE_ROWS - 2);
        // the corrected figure is stored as written; the total that no longer adds up is a warning
        assertThat(third.get("warnings").toString())
                .contains("total 458 for Héli62 in 2023 differs from the sum of its parts 459");

        Encounter corrected1 = mission("H62-2023-0001");
        assertThat(Integer.parseInt(corrected1.getMeta().getVersionId()))
                .isEqualTo(Integer.parseInt(missionVersion) + 1);
        assertThat(corrected1.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("secondary");
        MeasureReport correctedTable = onlyReport("smur-missions", "2023", TABLE);
        assertThat(MeasureReports.strata(group(correctedTable, "Héli62"), "mission-type"))
                .containsEntry("primary", 61);
        assertThat(Integer.parseInt(correctedTable.getMeta().getVersionId()))
                .isEqualTo(Integer.parseInt(tableVersion) + 1);
        assertAggregatesMatch(Expected.fromMissionsSheet(corrected), "Héli62");
        MeasureReport refreshed = onlyReport("smur-missions", "2023", AGGREGATE);
        assertThat(MeasureReports.strata(group(refreshed, "Héli62"), "mission-type"))
                .containsEntry("primary", expected.byType.get("primary") - 1);
        assertThat(Integer.parseInt(refreshed.getMeta().getVersionId()))
                .isEqualTo(Integer.parseInt(aggregateVersion) + 1);

        // back to the original: the shared server ends as the demo leaves it
        assertThat(importWorkbook(example, "registre-exemple.xlsx")
                        .get("updated")
                        .asInt())
                .isEqualTo(2);
        assertAggregatesMatch(expected, "Héli62");
    }

    private void assertAggregatesMatch(Expected expected, String aircraft) {
        MeasureReport missions = onlyReport("smur-missions", "2023", AGGREGATE);
        assertThat(missions.getStatus()).isEqualTo(MeasureReport.MeasureReportStatus.COMPLETE);
        assertThat(missions.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
        MeasureReportGroupComponent heli = group(missions, aircraft);
        assertThat(score(heli)).isEqualTo(expected.total);
        assertThat(MeasureReports.strata(heli, "mission-type")).containsExactlyInAnyOrderEntriesOf(expected.byType);
        assertThat(MeasureReports.strata(heli, "day-night")).containsExactlyInAnyOrderEntriesOf(expected.byDayNight);
        assertThat(MeasureReports.strata(
                        group(onlyReport("smur-population", "2023", AGGREGATE), aircraft), "population-group"))
                .containsExactlyInAnyOrderEntriesOf(expected.byPopulation);
        assertThat(MeasureReports.strata(
                        group(onlyReport("smur-pathologies", "2023", AGGREGATE), aircraft), "smur-pathology"))
                .containsExactlyInAnyOrderEntriesOf(expected.byPathology);
        MeasureReportGroupComponent flight = group(onlyReport("smur-flight-time", "2023", AGGREGATE), aircraft);
        assertThat(score(flight)).isEqualTo(expected.flightMinutes);
        assertThat(flight.getMeasureScore().getCode()).isEqualTo("min");
        expected.byMonth.forEach((month, byType) -> assertThat(MeasureReports.strata(
                        group(onlyReport("smur-missions-monthly", month, AGGREGATE), aircraft), "mission-type"))
                .as(month)
                .containsExactlyInAnyOrderEntriesOf(byType));
    }

    /** Deletes every resource a search finds: what a test adds must not show in the other ITs of the context. */
    private void deleteAll(String search) {
        Bundle found = client.search()
                .byUrl(search + "&_count=100")
                .returnBundle(Bundle.class)
                .execute();
        found.getEntry().forEach(e -> client.delete()
                .resourceById(e.getResource().getIdElement().toUnqualifiedVersionless())
                .execute());
    }

    @Test
    void referencesHospitalsByFinessKeepsUnknownOnesAndFollowsAMissionToAnotherYear() throws Exception {
        try {
            hospitalReferencesAndYearMoves();
        } finally {
            deleteAll("Encounter?identifier=" + MISSION_SYSTEM + "|IT-2019-0001," + MISSION_SYSTEM + "|IT-2019-0002,"
                    + MISSION_SYSTEM + "|IT-2019-0003");
            deleteAll("MeasureReport?_tag=" + AGGREGATE + "&period=ge2018-01-01&period=le2019-12-31");
        }
    }

    private void hospitalReferencesAndYearMoves() throws Exception {
        client.create()
                .resource(new Location()
                        .setName("IT registry hospital")
                        .setStatus(Location.LocationStatus.ACTIVE)
                        .addIdentifier(new Identifier().setSystem(FINESS).setValue("990000451")))
                .conditionalByUrl("Location?identifier=" + FINESS + "|990000451")
                .execute();
        byte[] workbook = missionsWorkbook(List.of(
                new MissionRow("IT-2019-0001", LocalDate.of(2019, 6, 15), "PRIM", "Jour", "990000451", "", 30),
                new MissionRow("IT-2019-0002", LocalDate.of(2019, 7, 2), "SEC", "Nuit", "990000469", "990000451", 45),
                new MissionRow("IT-2019-0003", LocalDate.of(2019, 3, 9), "SEC", "Jour", "", "990000451", 50)));
        JsonNode report = importWorkbook(workbook, "it-missions-2019.xlsx");
        assertThat(report.get("rowsRead").asInt()).isEqualTo(3);
        assertThat(report.get("rejected")).isEmpty();
        assertThat(report.get("created").asInt() + report.get("unchanged").asInt())
                .isEqualTo(3);
        // the unknown FINESS is a warning on its row, which is stored all the same
        assertThat(report.get("warnings").toString())
                .contains("Missions!A3")
                .contains("FINESS 990000469 is not a Location in Vigie");

        Location hospital = (Location) client.search()
                .byUrl("Location?identifier=" + FINESS + "|990000451")
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        Encounter known = mission("IT-2019-0001");
        // a known FINESS becomes a reference to the Location itself
        assertThat(known.getHospitalization().getOrigin().getReference())
                .as(report.toString())
                .isEqualTo("Location/" + hospital.getIdElement().getIdPart());
        assertThat(mission("IT-2019-0002").getHospitalization().getDestination().getReference())
                .isEqualTo("Location/" + hospital.getIdElement().getIdPart());
        Encounter unknown = mission("IT-2019-0002");
        assertThat(unknown.getHospitalization().getOrigin().hasReference()).isFalse();
        assertThat(unknown.getHospitalization().getOrigin().getIdentifier().getSystem())
                .isEqualTo(FINESS);
        assertThat(unknown.getHospitalization().getOrigin().getIdentifier().getValue())
                .isEqualTo("990000469");

        MeasureReportGroupComponent y2019 = group(onlyReport("smur-missions", "2019", AGGREGATE), "IT-Héli");
        assertThat(MeasureReports.strata(y2019, "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 1, "secondary", 2));
        assertThat(score(group(onlyReport("smur-flight-time", "2019", AGGREGATE), "IT-Héli")))
                .isEqualTo(125);

        // a corrected date moves mission 0003 to 2018: both years follow, the emptied month disappears
        byte[] moved = missionsWorkbook(List.of(
                new MissionRow("IT-2019-0001", LocalDate.of(2019, 6, 15), "PRIM", "Jour", "990000451", "", 30),
                new MissionRow("IT-2019-0002", LocalDate.of(2019, 7, 2), "SEC", "Nuit", "990000469", "990000451", 45),
                new MissionRow("IT-2019-0003", LocalDate.of(2018, 3, 9), "SEC", "Jour", "", "990000451", 50)));
        JsonNode again = importWorkbook(moved, "it-missions-2019.xlsx");
        assertThat(again.get("updated").asInt()).isEqualTo(1);
        assertThat(MeasureReports.strata(
                        group(onlyReport("smur-missions", "2019", AGGREGATE), "IT-Héli"), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 1, "secondary", 1));
        assertThat(MeasureReports.strata(
                        group(onlyReport("smur-missions", "2018", AGGREGATE), "IT-Héli"), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("secondary", 1));
        assertThat(reports("smur-missions-monthly", "2019-03", AGGREGATE)).isEmpty();
        assertThat(reports("smur-missions-monthly", "2018-03", AGGREGATE)).hasSize(1);
    }

    @Test
    void refusesFilesThatAreNotWorkbooksAndRejectsBadCellsWithTheirReason() throws Exception {
        HttpResponse<String> notAWorkbook = post("this is a letter, not a registry".getBytes(), "lettre.xlsx", XLSX);
        assertThat(notAWorkbook.statusCode()).isEqualTo(400);
        assertThat(notAWorkbook.body()).contains("OperationOutcome").contains("not");

        HttpResponse<String> empty = post(new byte[0], "vide.xlsx", XLSX);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("OperationOutcome").contains("empty");

        byte[] noSheets;
        try (Workbook wb = new XSSFWorkbook()) {
            wb.createSheet("Feuil1");
            noSheets = bytes(wb);
        }
        HttpResponse<String> blank = post(noSheets, "feuil1.xlsx", XLSX);
        assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
        assertThat(blank.body()).contains("OperationOutcome");

        // a CSV month table: text in a count and a negative count are rejected with their cell, the rest imported
        String csv = "Mois;Type mission;Nombres;Année;Appareil\n"
                + "1;PRIM;12;2017;IT-Csv\n"
                + "1;SEC;douze;2017;IT-Csv\n"
                + "2;PRIM;-3;2017;IT-Csv\n"
                + "2;SEC;7;2017;IT-Csv\n";
        HttpResponse<String> table = post(csv.getBytes(StandardCharsets.UTF_8), "mois.csv", "text/csv");
        assertThat(table.statusCode()).as(table.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(table.body());
        assertThat(report.get("status").asText()).isEqualTo("completed-with-rejections");
        assertThat(report.get("rejected")).hasSize(2);
        assertThat(report.get("rejected").toString()).contains("douze").contains("-3");
        MeasureReport january = onlyReport("smur-missions-monthly", "2017-01", TABLE);
        assertThat(MeasureReports.strata(group(january, "IT-Csv"), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 12));
        deleteAll("MeasureReport?_tag=" + TABLE + "&period=ge2017-01-01&period=le2017-12-31");
    }

    private static byte[] bytes(Workbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }

    private record MissionRow(
            String number,
            LocalDate date,
            String type,
            String dayNight,
            String finessOrigin,
            String finessDestination,
            int flightMinutes) {}

    /** A Missions sheet laid out as the example's, aircraft {@code IT-Héli}. */
    private static byte[] missionsWorkbook(List<MissionRow> rows) throws IOException {
        try (Workbook wb = new XSSFWorkbook()) {
            MissionWorkbooks.writeMissions(
                    wb,
                    rows.stream()
                            .map(m -> new MissionWorkbooks.Mission(
                                    m.number(),
                                    m.date(),
                                    LocalTime.of(10, 0),
                                    LocalTime.of(11, 30),
                                    "IT-Héli",
                                    m.type(),
                                    m.dayNight(),
                                    "Adulte",
                                    50,
                                    "Cardiologie",
                                    m.finessOrigin(),
                                    m.finessDestination(),
                                    null,
                                    m.flightMinutes()))
                            .iterator());
            return bytes(wb);
        }
    }

    /**
     * Counts of one aircraft's missions read straight from a workbook's Missions sheet, with plain string rules of
     * this test (not the feed's spec), so the aggregation is checked against an independent computation.
     */
    private static final class Expected {
        long total;
        long flightMinutes;
        final Map<String, Integer> byType = new HashMap<>();
        final Map<String, Integer> byDayNight = new HashMap<>();
        final Map<String, Integer> byPopulation = new HashMap<>();
        final Map<String, Integer> byPathology = new HashMap<>();
        final Map<String, Map<String, Integer>> byMonth = new TreeMap<>();

        static Expected fromMissionsSheet(byte[] workbook) throws IOException {
            Expected e = new Expected();
            DataFormatter text = new DataFormatter(Locale.ROOT);
            try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
                Sheet sheet = wb.getSheet("Missions");
                for (Row row : sheet) {
                    if (row.getRowNum() == 0) {
                        continue;
                    }
                    String type = text.formatCellValue(row.getCell(5)).startsWith("PRIM") ? "primary" : "secondary";
                    LocalDate day = row.getCell(1).getLocalDateTimeCellValue().toLocalDate();
                    e.total++;
                    e.byType.merge(type, 1, Integer::sum);
                    e.byDayNight.merge(
                            "Nuit".equals(text.formatCellValue(row.getCell(6))) ? "night" : "day", 1, Integer::sum);
                    e.byPopulation.merge(population(text.formatCellValue(row.getCell(7))), 1, Integer::sum);
                    e.byPathology.merge(plain(text.formatCellValue(row.getCell(9))), 1, Integer::sum);
                    e.flightMinutes += (long) row.getCell(13).getNumericCellValue();
                    e.byMonth
                            .computeIfAbsent(day.toString().substring(0, 7), k -> new HashMap<>())
                            .merge(type, 1, Integer::sum);
                }
            }
            return e;
        }

        private static String population(String label) {
            String p = plain(label);
            if (p.startsWith("adulte")) {
                return "adult";
            }
            if (p.startsWith("neonat")) {
                return "neonatal-incubator";
            }
            return p.contains("polyvalent") ? "paediatric-smur-polyvalent" : "paediatric-smur-ped";
        }

        private static String plain(String label) {
            return Normalizer.normalize(label, Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "")
                    .toLowerCase(Locale.ROOT)
                    .trim();
        }
    }
}
