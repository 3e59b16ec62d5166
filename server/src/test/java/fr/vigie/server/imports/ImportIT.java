package fr.vigie.server.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.routes.common.FhirWriter;
import fr.vigie.server.AbstractFhirIT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;

/** The import framework over HTTP, end to end against the real FHIR store. */
class ImportIT extends AbstractFhirIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/fixtures", name));
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", adminAuthorization());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void importsGoodRowsReportsBadOnesAndIsIdempotent() throws Exception {
        // curl --data-binary sends application/x-www-form-urlencoded: the body must still reach the feed intact.
        HttpResponse<String> first = post(
                "/import/resources?format=ndjson&source=locations-tiny.ndjson",
                fixture("locations-tiny.ndjson"),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(first.body());
        assertThat(report.get("feed").asText()).isEqualTo("resources");
        assertThat(report.get("format").asText()).isEqualTo("ndjson");
        assertThat(report.get("source").asText()).isEqualTo("locations-tiny.ndjson");
        assertThat(report.get("status").asText()).isEqualTo("completed-with-rejections");
        assertThat(report.get("rowsRead").asInt()).isEqualTo(5);
        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("rejected")).hasSize(3);
        assertThat(report.get("rejected").findValuesAsText("row")).containsExactly("line 3", "line 4", "line 5");
        assertThat(report.get("rejected").get(0).get("reason").asText()).contains("identifier");
        assertThat(report.get("rejected").get(2).get("reason").asText()).contains("not-a-status");
        assertThat(report.get("startedAt").asText()).isNotBlank();
        assertThat(report.get("finishedAt").asText()).isNotBlank();

        Bundle stored = client.search()
                .forResource(Location.class)
                .where(Location.IDENTIFIER
                        .exactly()
                        .systemAndValues("https://finess.esante.gouv.fr", "990000011", "990000029"))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(stored.getEntry()).hasSize(2);

        JsonNode second = JSON.readTree(post("/import/resources?format=ndjson", fixture("locations-tiny.ndjson"))
                .body());
        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("updated").asInt()).isZero();
        assertThat(second.get("unchanged").asInt()).isEqualTo(2);
        assertThat(second.get("rejected")).hasSize(3);
    }

    @Test
    void updatesTheResourceHoldingTheIdentifierInPlaceAndRejectsAmbiguousIdentifiers() throws Exception {
        String system = "https://vigie.example.org/fhir/sid/import-it";
        Location existing = new Location().setName("Stored before");
        existing.addIdentifier().setSystem(system).setValue("in-place");
        String existingId = client.create().resource(existing).execute().getId().getIdPart();
        for (int i = 0; i < 2; i++) {
            Location twin = new Location().setName("Twin " + i);
            twin.addIdentifier().setSystem(system).setValue("twice");
            client.create().resource(twin).execute();
        }
        String rows = String.join(
                "\n",
                location(system, "in-place", "Imported"),
                location(system, "twice", "Which one?"),
                location(system, "new", "Created by the import"));

        JsonNode first = JSON.readTree(post("/import/resources?format=ndjson", rows.getBytes(StandardCharsets.UTF_8))
                .body());
        assertThat(first.get("updated").asInt()).as(first.toString()).isEqualTo(1);
        assertThat(first.get("created").asInt()).as(first.toString()).isEqualTo(1);
        assertThat(first.get("rejected").findValuesAsText("reason"))
                .containsExactly("2 Location resources already have identifier " + system
                        + "|twice: the import cannot tell which to update");
        Location updated =
                client.read().resource(Location.class).withId(existingId).execute();
        assertThat(updated.getName()).isEqualTo("Imported");
        assertThat(updated.getMeta().getVersionId()).isEqualTo("2");
        Location created = client.read()
                .resource(Location.class)
                .withId(FhirWriter.deterministicId(system, "new"))
                .execute();
        assertThat(created.getName()).isEqualTo("Created by the import");

        JsonNode again = JSON.readTree(post("/import/resources?format=ndjson", rows.getBytes(StandardCharsets.UTF_8))
                .body());
        assertThat(again.get("unchanged").asInt()).as(again.toString()).isEqualTo(2);
        assertThat(again.get("created").asInt() + again.get("updated").asInt()).isZero();
        assertThat(again.get("rejected")).hasSize(1);

        JsonNode corrected = JSON.readTree(post(
                        "/import/resources?format=ndjson",
                        location(system, "new", "Corrected name").getBytes(StandardCharsets.UTF_8))
                .body());
        assertThat(corrected.get("updated").asInt()).as(corrected.toString()).isEqualTo(1);
        Bundle stored = client.search()
                .forResource(Location.class)
                .where(Location.IDENTIFIER.exactly().systemAndValues(system, "new"))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(stored.getEntry()).singleElement().satisfies(entry -> {
            assertThat(((Location) entry.getResource()).getName()).isEqualTo("Corrected name");
            assertThat(entry.getResource().getMeta().getVersionId()).isEqualTo("2");
        });
    }

    @Test
    void importsAHospitalAndTheLegalEntityItNamesInOneRow() throws Exception {
        String csv = "id,hospital_name,lat,lon,nofinessej,rs_ej\n"
                + "990000110,CH IMPORT IT,50.63,3.06,990000102,GHT IMPORT IT\n";
        JsonNode report = JSON.readTree(post("/import/locations?format=finess", csv.getBytes(StandardCharsets.UTF_8))
                .body());
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);

        Location hospital = client.read()
                .resource(Location.class)
                .withId(FhirWriter.deterministicId("https://finess.esante.gouv.fr", "990000110"))
                .execute();
        assertThat(hospital.getManagingOrganization().getReference())
                .isEqualTo("Organization/" + FhirWriter.deterministicId("https://finess.esante.gouv.fr", "990000102"));
        JsonNode again = JSON.readTree(post("/import/locations?format=finess", csv.getBytes(StandardCharsets.UTF_8))
                .body());
        assertThat(again.get("unchanged").asInt()).as(again.toString()).isEqualTo(1);
    }

    private static String location(String system, String value, String name) {
        return "{\"resourceType\":\"Location\",\"name\":\"" + name + "\",\"identifier\":[{\"system\":\"" + system
                + "\",\"value\":\"" + value + "\"}]}";
    }

    @Test
    void answersAsyncImportsWith202AndAStatusUrl() throws Exception {
        HttpResponse<String> accepted =
                post("/import/resources?format=ndjson", fixture("locations-tiny.ndjson"), "Prefer", "respond-async");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String statusUrl = accepted.headers().firstValue("Content-Location").orElseThrow();
        assertThat(statusUrl).contains("/import/jobs/");
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<String> status = http.send(
                            HttpRequest.newBuilder(URI.create(statusUrl))
                                    .header("Authorization", adminAuthorization())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(status.statusCode()).isEqualTo(200);
                    assertThat(JSON.readTree(status.body()).get("status").asText())
                            .isEqualTo("completed-with-rejections");
                });
        JsonNode done = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(statusUrl))
                                .header("Authorization", adminAuthorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(done.get("rowsRead").asInt()).isEqualTo(5);
    }

    @Test
    void rejectsUnknownFeedsUnsupportedFormatsAndUnreadableFiles() throws Exception {
        HttpResponse<String> unknown = post("/import/no-such-feed", "x".getBytes());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("OperationOutcome").contains("no-such-feed");

        HttpResponse<String> unsupported = post("/import/resources?format=xlsx", "x".getBytes());
        assertThat(unsupported.statusCode()).isEqualTo(415);
        assertThat(unsupported.body()).contains("OperationOutcome").contains("ndjson");

        HttpResponse<String> empty = post("/import/resources?format=ndjson", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("body is empty");

        HttpResponse<String> unreadable = post("/import/resources?format=bundle", "this is not a bundle".getBytes());
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("OperationOutcome");
    }

    @Test
    void importsDroppingZonesFromLambert93AndWgs84Rows() throws Exception {
        HttpResponse<String> response = post("/import/locations?format=dz", fixture("locations-dz.csv"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("rowsRead").asInt()).isEqualTo(3);
        assertThat(report.get("created").asInt() + report.get("unchanged").asInt())
                .isEqualTo(2);
        assertThat(report.get("rejected").get(0).get("row").asText()).isEqualTo("line 4");
        Location notreDame = (Location) client.search()
                .forResource(Location.class)
                .where(Location.IDENTIFIER.exactly().systemAndCode("https://vigie.example.org/fhir/sid/dz", "IT-DZ-2"))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        assertThat(notreDame.getPosition().getLatitude().doubleValue()).isCloseTo(48.853, within(0.001));
        assertThat(notreDame.getPosition().getLongitude().doubleValue()).isCloseTo(2.349, within(0.001));
    }

    @Test
    void importsEnvironmentalSeriesWithTheirStationsInTheSameFile() throws Exception {
        // Sentinelles fixture: 4 usable weeks, 3 rows wrong on purpose (empty value, unmapped indicator, week 53).
        JsonNode sentinelles =
                JSON.readTree(post("/import/environment?format=sentinelles", fixture("environment-sentinelles.csv"))
                        .body());
        assertThat(sentinelles.get("created").asInt()
                        + sentinelles.get("unchanged").asInt())
                .as(sentinelles.toString())
                .isEqualTo(4);
        assertThat(sentinelles.get("rejected")).hasSize(3);
        // CAMS fixture: days before February 2020 carry no pollution value and are reported, not dropped.
        HttpResponse<String> cams = post("/import/environment?format=cams", fixture("environment-cams.csv"));
        assertThat(cams.statusCode()).as(cams.body()).isEqualTo(200);
        JsonNode camsReport = JSON.readTree(cams.body());
        assertThat(camsReport.get("created").asInt()
                        + camsReport.get("unchanged").asInt())
                .as(cams.body())
                .isPositive();
        for (JsonNode rejected : camsReport.get("rejected")) {
            assertThat(rejected.get("reason").asText()).as(cams.body()).contains("value");
        }
        Bundle observations = client.search()
                .forResource(org.hl7.fhir.r4.model.Observation.class)
                .where(new ca.uhn.fhir.rest.gclient.TokenClientParam("code")
                        .exactly()
                        .systemAndCode(
                                fr.vigie.terminology.TerminologyCatalog.CS_ENVIRONMENTAL_PARAMETER, "ili-incidence"))
                .include(org.hl7.fhir.r4.model.Observation.INCLUDE_SUBJECT)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(observations.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .contains("Observation", "Location");
    }

    @Test
    void listsTheFeeds() throws Exception {
        HttpResponse<String> feeds = http.send(
                HttpRequest.newBuilder(URI.create(serverUrl() + "/import"))
                        .header("Authorization", adminAuthorization())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(feeds.statusCode()).isEqualTo(200);
        assertThat(feeds.body()).contains("\"resources\"").contains("ndjson").contains("bundle");
    }
}
