package fr.vigie.server.missions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.AbstractFhirIT;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.junit.jupiter.api.Test;

/**
 * The registry feed end to end: the example workbook over HTTP, the stored MeasureReports and Encounters, the
 * aggregated statistics, an idempotent re-import and a corrected workbook.
 */
class RegistryImportIT extends AbstractFhirIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGGREGATE = "https://vigie.example.org/fhir/CodeSystem/report-source|mission-aggregate";
    private static final String TABLE = "https://vigie.example.org/fhir/CodeSystem/report-source|registry-table";
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode importWorkbook(byte[] body, String name) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl() + "/import/registry?source=" + name))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofMinutes(3))
                .header("Authorization", adminAuthorization())
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private List<MeasureReport> reports(String measure, String period, String tag) {
        Bundle bundle = client.search()
                .byUrl("MeasureReport?measure=https://vigie.example.org/fhir/Measure/" + measure + "&period=" + period
                        + "&_tag=" + tag + "&_count=100")
                .returnBundle(Bundle.class)
                .execute();
        return bundle.getEntry().stream()
                .map(e -> (MeasureReport) e.getResource())
                .toList();
    }

    private static MeasureReportGroupComponent group(MeasureReport report, String text) {
        return report.getGroup().stream()
                .filter(g -> text.equals(g.getCode().getText()))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Integer> strata(MeasureReportGroupComponent group, String stratifier) {
        return group.getStratifier().stream()
                .filter(s -> s.getCode().size() == 1
                        && stratifier.equals(s.getCodeFirstRep().getText()))
                .flatMap(s -> s.getStratum().stream())
                .collect(
                        Collectors.toMap(s -> s.getValue().getCodingFirstRep().getCode(), s -> s.getPopulationFirstRep()
                                .getCount()));
    }

    @Test
    void importsTheExampleWorkbookAggregatesItsMissionsAndUpdatesFromACorrectedOne() throws Exception {
        byte[] example = Files.readAllBytes(Path.of("src/test/resources/fixtures/registry/registre-exemple.xlsx"));
        RegistryWarmUp.validateOnce(baseUrl(), adminAuthorization());
        JsonNode first = importWorkbook(example, "registre-exemple.xlsx");
        // 20 + 14 summary reports, 12 months, 1 pathology table, 300 missions
        assertThat(first.get("rowsRead").asInt()).isEqualTo(347);
        assertThat(first.get("rejected")).isEmpty();
        assertThat(first.get("created").asInt()
                        + first.get("updated").asInt()
                        + first.get("unchanged").asInt())
                .isEqualTo(347);

        // the registry's own figures, searchable by measure and period
        List<MeasureReport> table2023 = reports("smur-missions", "2023", TABLE);
        assertThat(table2023).hasSize(1);
        assertThat(group(table2023.get(0), "Héli62").getMeasureScore().getValue())
                .isEqualByComparingTo("458");
        assertThat(group(table2023.get(0), "Héli80").getMeasureScore().getValue())
                .isEqualByComparingTo("459");

        // the aggregates of the 300 mission rows, same shape
        List<MeasureReport> aggregate2023 = reports("smur-missions", "2023", AGGREGATE);
        assertThat(aggregate2023).hasSize(1);
        MeasureReportGroupComponent heli62 = group(aggregate2023.get(0), "Héli62");
        assertThat(heli62.getMeasureScore().getValue()).isEqualByComparingTo("300");
        assertThat(strata(heli62, "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 64, "secondary", 236));
        assertThat(strata(heli62, "day-night")).containsExactlyInAnyOrderEntriesOf(Map.of("day", 175, "night", 125));
        MeasureReport population = reports("smur-population", "2023", AGGREGATE).get(0);
        assertThat(strata(population.getGroupFirstRep(), "population-group"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "adult",
                        201,
                        "paediatric-smur-polyvalent",
                        32,
                        "paediatric-smur-ped",
                        32,
                        "neonatal-incubator",
                        35));
        MeasureReport flight = reports("smur-flight-time", "2023", AGGREGATE).get(0);
        assertThat(flight.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("27396");
        assertThat(flight.getGroupFirstRep().getMeasureScore().getCode()).isEqualTo("min");
        MeasureReport january =
                reports("smur-missions-monthly", "2023-01", AGGREGATE).get(0);
        assertThat(strata(january.getGroupFirstRep(), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 8, "secondary", 15));
        MeasureReport pathologies =
                reports("smur-pathologies", "2023", AGGREGATE).get(0);
        assertThat(strata(pathologies.getGroupFirstRep(), "smur-pathology"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "avc", 63, "cardiologie", 48, "pneumologie", 64, "reanimation", 61, "traumatologie", 64));

        // the same file again changes nothing
        JsonNode second = importWorkbook(example, "registre-exemple.xlsx");
        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("updated").asInt()).isZero();
        assertThat(second.get("unchanged").asInt()).isEqualTo(347);

        // a corrected workbook: mission 0001 was secondary, Prim. Héli62 2023 is 61
        byte[] corrected;
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(example))) {
            wb.getSheet("Missions").getRow(1).getCell(5).setCellValue("SEC");
            wb.getSheet("Synthese").getRow(1).getCell(24).setCellValue(61);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            corrected = out.toByteArray();
        }
        JsonNode third = importWorkbook(corrected, "registre-exemple-corrige.xlsx");
        assertThat(third.get("created").asInt()).isZero();
        assertThat(third.get("updated").asInt()).isEqualTo(2);
        assertThat(third.get("unchanged").asInt()).isEqualTo(345);
        assertThat(third.get("warnings").toString())
                .contains("Synthese!Y4: total 458 for Héli62 in 2023 differs from" + " the sum of its parts 459");

        Bundle mission = client.search()
                .byUrl("Encounter?identifier=https://vigie.example.org/fhir/sid/smur-mission|H62-2023-0001")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(mission.getEntry()).hasSize(1);
        Encounter encounter = (Encounter) mission.getEntryFirstRep().getResource();
        assertThat(encounter.getMeta().getVersionId()).isEqualTo("2");
        assertThat(encounter.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("secondary");
        List<MeasureReport> refreshed = reports("smur-missions", "2023", AGGREGATE);
        assertThat(refreshed).hasSize(1);
        assertThat(strata(group(refreshed.get(0), "Héli62"), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 63, "secondary", 237));
        List<MeasureReport> table = reports("smur-missions", "2023", TABLE);
        assertThat(table).hasSize(1);
        assertThat(strata(group(table.get(0), "Héli62"), "mission-type")).containsEntry("primary", 61);
        assertThat(table.get(0).getMeta().getVersionId()).isEqualTo("2");
    }
}
