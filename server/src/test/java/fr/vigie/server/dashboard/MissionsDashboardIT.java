package fr.vigie.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import fr.vigie.mappings.registry.MissionStatistics;
import fr.vigie.mappings.registry.RegistryMapper;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.registry.RegistryFeedHandler;
import fr.vigie.server.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The missions dashboard in a real headless browser ({@link AbstractDashboardIT}). The fixture is the example registry workbook mapped by the registry feed's handler (registry-table reports)
 * plus its 300 mission rows aggregated by {@link MissionStatistics} as the server does (mission-aggregate reports),
 * stored through the FHIR API; the page must show its exact figures.
 * Screenshots go to {@code target/dashboard-missions-*.png}.
 */
class MissionsDashboardIT extends AbstractDashboardIT {

    @BeforeAll
    void storeTheExampleRegistry() throws IOException {
        List<MeasureReport> reports = new ArrayList<>();
        MissionStatistics statistics = new MissionStatistics();
        RegistryFeedHandler handler = new RegistryFeedHandler(
                RegistryMapper.shippedSpecs(),
                () -> new RegistryFeedHandler.Lookups() {
                    @Override
                    public boolean hasFiness(String finess) {
                        return false;
                    }

                    @Override
                    public boolean hasDz(String id) {
                        return false;
                    }
                },
                Clock.fixed(Instant.parse("2024-06-01T10:00:00Z"), ZoneId.of("UTC")));
        byte[] workbook;
        try (InputStream in =
                Objects.requireNonNull(getClass().getResourceAsStream("/fixtures/registry/registre-exemple.xlsx"))) {
            workbook = in.readAllBytes();
        }
        handler.read(
                ImportInput.ofBytes("registry", "xlsx", "registre-exemple.xlsx", null, workbook), new ImportSink() {
                    @Override
                    public void accept(RowRef row, List<? extends IBaseResource> resources) {
                        for (IBaseResource resource : resources) {
                            if (resource instanceof MeasureReport report) {
                                reports.add(report);
                            } else if (resource instanceof Encounter mission) {
                                statistics.add(mission);
                            }
                        }
                    }

                    @Override
                    public void reject(RowRef row, String reason) {
                        fail("the example workbook must import whole, but " + row + ": " + reason);
                    }

                    @Override
                    public void warn(RowRef row, String message) {
                        // unknown FINESS and DZs: the fixture stores no Location
                    }
                });
        reports.addAll(statistics.reports());
        assertThat(statistics.counted()).isEqualTo(300);

        // conditional updates on the report identifiers, as the registry feed writes them: reruns change nothing
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (MeasureReport report : reports) {
            transaction
                    .addEntry()
                    .setResource(report)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("MeasureReport?identifier="
                            + report.getIdentifierFirstRep().getSystem() + "|"
                            + report.getIdentifierFirstRep().getValue());
        }
        // @BeforeAll runs before the base class sets the client timeouts; the first validations warm HAPI up
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
        IGenericClient admin = clientAs("test-admin", ADMIN_SCOPES);
        Bundle response = admin.transaction().withBundle(transaction).execute();
        assertThat(response.getEntry()).hasSize(reports.size());
    }

    // ---------------------------------------------------------------- HTTP: page, settings, client

    @Test
    void servesThePageAndTheChartLibraryWithoutTokenButNoDataWithoutOne() throws Exception {
        HttpResponse<String> page = get("/dashboard/missions", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Missions SMUR héliportées — Vigie</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self';")
                .contains("connect-src 'self';")
                .contains("frame-ancestors 'none'"));

        HttpResponse<String> config = get("/dashboard/config.json", null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body())
                .startsWith(
                        "{\"fhirBase\":\"/fhir\",\"tokenEndpoint\":\"/oauth2/token\",\"clientId\":\"vigie-dashboard\","
                                + "\"scope\":\"system/MeasureReport.rs system/Encounter.rs system/Location.rs"
                                + " system/PractitionerRole.rs\",\"activity\":{");

        HttpResponse<String> echarts = get("/webjars/echarts/dist/echarts.min.js", null);
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).contains("echarts");

        assertThat(get("/fhir/MeasureReport?measure=" + measure("smur-missions"), null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theDashboardClientReadsMeasureReportsAndNothingElse() throws Exception {
        TestTokens.TokenResponse wide = TestTokens.request(serverUrl(), "vigie-dashboard", "system/*.cruds");
        assertThat(wide.status()).isEqualTo(400);
        assertThat(wide.body()).contains("invalid_scope");

        String token = TestTokens.request(serverUrl(), "vigie-dashboard", "system/MeasureReport.rs")
                .accessToken();
        HttpResponse<String> search =
                get("/fhir/MeasureReport?measure=" + measure("smur-missions") + "&period=2023", token);
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("\"text\":\"Héli62\"");
        assertThat(get("/fhir/Encounter", token).statusCode()).isEqualTo(403);
        HttpResponse<String> write = http.send(
                HttpRequest.newBuilder(URI.create(serverUrl() + "/fhir/MeasureReport"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"MeasureReport\","
                                + "\"status\":\"complete\",\"type\":\"summary\","
                                + "\"measure\":\"https://vigie.example.org/fhir/Measure/smur-missions\","
                                + "\"period\":{\"start\":\"2023-01-01\",\"end\":\"2023-12-31\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- browser

    @Test
    void refusesAWrongSecretThenShowsTheExampleRegistryOf2023() throws IOException {
        WebDriver browser = open("/dashboard/missions");

        signIn(browser, "not-the-secret");
        waitFor(browser, "#signin-error", "Secret refusé par le serveur d’autorisation (invalid_client).");
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();

        signIn(browser, SECRET);
        waitForView(browser, "2023/auto");
        assertThat(new Select(browser.findElement(By.id("year")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("2023");

        List<List<String>> share = table(browser, "share-table");
        assertThat(share)
                .containsExactly(
                        List.of("Appareil", "Primaires", "Secondaires", "Total", "Part des primaires"),
                        List.of("Héli62", "60", "398", "458", "13,1 %"),
                        List.of("Héli80", "104", "355", "459", "22,7 %"),
                        List.of("Tous appareils", "164", "753", "917", "17,9 %"));
        assertThat(caption(browser, "share-table")).startsWith("Source : tableaux du registre.");

        assertThat(table(browser, "population-table"))
                .containsExactly(
                        List.of("Population", "Total", "Part"),
                        List.of("Adultes", "594", "79,4 %"),
                        List.of("Pédiatrie (SMUR polyvalent)", "19", "2,5 %"),
                        List.of("Pédiatrie (SMUR pédiatrique)", "51", "6,8 %"),
                        List.of("Néonatal (incubateur)", "84", "11,2 %"),
                        List.of("Total", "748", ""));

        List<List<String>> monthly = table(browser, "monthly-table");
        assertThat(monthly).hasSize(14);
        assertThat(monthly.get(1)).containsExactly("janvier", "6", "34", "40");
        assertThat(monthly.get(12)).containsExactly("décembre", "40", "22", "62");
        assertThat(monthly.get(13)).containsExactly("Total", "379", "289", "668");

        List<List<String>> pathologies = table(browser, "pathologies-table");
        assertThat(pathologies).hasSize(10);
        assertThat(pathologies).contains(List.of("AVC", "110", "70", "180"), List.of("Brûlés", "48", "29", "77"));
        assertThat(pathologies.get(9)).containsExactly("Total", "569", "429", "998");

        // night activity and flight time exist only in the aggregate of the 300 mission rows: auto falls back to it
        assertThat(table(browser, "night-table"))
                .containsExactly(
                        List.of("Appareil", "Jour", "Nuit", "Total", "Part de nuit"),
                        List.of("Héli62", "175", "125", "300", "41,7 %"));
        assertThat(caption(browser, "night-table")).isEqualTo("Source : calcul depuis les missions importées.");
        assertThat(table(browser, "flight-table"))
                .containsExactly(
                        List.of("Appareil", "Primaires (min)", "Secondaires (min)", "Total (min)", "Total (heures)"),
                        List.of("Héli62", "5 644", "21 752", "27 396", "456 h 36"));

        List<List<String>> yearly = table(browser, "yearly-table");
        assertThat(yearly.get(1)).containsExactly("2004", "71", "296", "367", "19,3 %");
        assertThat(yearly.get(yearly.size() - 1)).containsExactly("2023", "164", "753", "917", "17,9 %");
        assertThat(yearly).hasSize(21);

        assertThat(browser.findElements(By.cssSelector("#share .chart canvas"))).isNotEmpty();
        screenshot(browser, "dashboard-missions-2023");
    }

    @Test
    void theYearAndSourceSelectorsChangeTheFigures() throws IOException {
        WebDriver browser = open("/dashboard/missions");
        signIn(browser, SECRET);
        waitForView(browser, "2023/auto");

        new Select(browser.findElement(By.id("year"))).selectByVisibleText("2022");
        waitForView(browser, "2022/auto");
        assertThat(table(browser, "share-table"))
                .containsExactly(
                        List.of("Appareil", "Primaires", "Secondaires", "Total", "Part des primaires"),
                        List.of("Héli62", "38", "318", "356", "10,7 %"),
                        List.of("Héli80", "43", "566", "609", "7,1 %"),
                        List.of("Tous appareils", "81", "884", "965", "8,4 %"));
        assertThat(table(browser, "population-table")).contains(List.of("Adultes", "341", "66,7 %"));
        assertThat(table(browser, "population-table")).last().isEqualTo(List.of("Total", "511", ""));
        // 2022 has no month, pathology or mission rows in the workbook
        assertThat(text(browser, "#monthly .numbers")).isEqualTo("Aucune donnée mensuelle pour 2022.");
        assertThat(text(browser, "#night .numbers")).startsWith("Pas de répartition jour / nuit pour 2022");
        assertThat(browser.findElement(By.cssSelector("#night .chart")).isDisplayed())
                .isFalse();
        screenshot(browser, "dashboard-missions-2022");

        new Select(browser.findElement(By.id("year"))).selectByVisibleText("2023");
        new Select(browser.findElement(By.id("source"))).selectByValue("mission-aggregate");
        waitForView(browser, "2023/mission-aggregate");
        assertThat(table(browser, "share-table"))
                .containsExactly(
                        List.of("Appareil", "Primaires", "Secondaires", "Total", "Part des primaires"),
                        List.of("Héli62", "64", "236", "300", "21,3 %"));
        assertThat(caption(browser, "share-table")).startsWith("Source : calcul depuis les missions importées.");
        assertThat(table(browser, "population-table"))
                .contains(List.of("Adultes", "201", "67 %"))
                .last()
                .isEqualTo(List.of("Total", "300", ""));
        assertThat(table(browser, "yearly-table")).hasSize(2);

        new Select(browser.findElement(By.id("source"))).selectByValue("registry-table");
        waitForView(browser, "2023/registry-table");
        assertThat(text(browser, "#flight .numbers")).startsWith("Pas de temps de vol pour 2023");
    }

    // ---------------------------------------------------------------- helpers

    private static String measure(String id) {
        return URLEncoder.encode("https://vigie.example.org/fhir/Measure/" + id, StandardCharsets.UTF_8);
    }
}
