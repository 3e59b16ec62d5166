package fr.vigie.server.geo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.AbstractFhirIT;
import fr.vigie.server.TestTokens;
import fr.vigie.server.audit.AuditConfig;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * {@link NearestDzFastPath} answers exactly what HAPI answers: each request is sent as is (served by the fast path,
 * which the test checks by its counter) and with {@code _pretty=false} added, a parameter the fast path leaves to
 * HAPI and that changes nothing in HAPI's answer. Status, body, content type and HAPI's headers must match.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearestDzFastPathIT extends AbstractFhirIT {

    private static final String OPERATION = "/Location/$nearest-dz";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    FilterRegistrationBean<NearestDzFastPath> fastPath;

    @Autowired
    AuditConfig.AuditEventStore auditStore;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();

    private boolean created;

    @BeforeEach
    void createDropZonesOnce() {
        if (created) {
            return;
        }
        created = true;
        // A small cluster far from every other test's sites (South Pacific), with types, night use and a retired DZ.
        dz("FP helipad", -47.010, -130.010, "hospital-helipad", true, Location.LocationStatus.ACTIVE);
        dz("FP stadium", -47.020, -130.000, "stadium", false, Location.LocationStatus.ACTIVE);
        dz("FP fire station", -47.000, -130.030, "fire-station", true, Location.LocationStatus.ACTIVE);
        dz("FP retired heliport", -47.001, -130.001, "heliport", true, Location.LocationStatus.INACTIVE);
        // Characters JSON escapes or writes as UTF-8.
        dz(
                "FP Hôpital \"Saint-Éloi\" \\ DZ\tnord",
                -47.040,
                -130.040,
                "hospital-helipad",
                false,
                Location.LocationStatus.ACTIVE);
    }

    private void dz(String name, double lat, double lon, String type, boolean night, Location.LocationStatus status) {
        Location location = new Location();
        location.setName(name + " " + run);
        location.setStatus(status);
        location.setMode(Location.LocationMode.INSTANCE);
        location.addType(new CodeableConcept(new Coding(TerminologyCatalog.CS_DZ_TYPE, type, null)));
        location.getPosition().setLatitude(BigDecimal.valueOf(lat)).setLongitude(BigDecimal.valueOf(lon));
        if (night) {
            location.addExtension(DzLocations.NIGHT_USE_EXTENSION, new org.hl7.fhir.r4.model.BooleanType(true));
        }
        client.create().resource(location).execute();
    }

    private HttpResponse<String> get(String query, String authorization, String accept, String requestId)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + OPERATION + "?" + query))
                .header("Authorization", authorization);
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (requestId != null) {
            request.header("X-Request-ID", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long served() {
        return fastPath.getFilter().served();
    }

    @Test
    void answersLikeHapiForEveryFilter() throws Exception {
        List<String> queries = List.of(
                "latitude=-47.005&longitude=-130.005",
                "latitude=-47.005&longitude=-130.005&count=5",
                "latitude=-47.005&longitude=-130.005&count=5&includeInactive=true",
                "latitude=-47.005&longitude=-130.005&count=3&nightOnly=true",
                "latitude=-47.005&longitude=-130.005&count=10&dzType=stadium&dzType=fire-station",
                "latitude=-47.005&longitude=-130.005&count=4&maxDistance=1500.5",
                "longitude=-1.30005E2&latitude=-47.005&count=2",
                "latitude=-47.04&longitude=-130.04&count=2",
                "latitude=-47.005&longitude=-130.005&maxDistance=1",
                "latitude=-47.005&longitude=-130.005&count=100",
                "latitude=89.9&longitude=179.9&count=1");
        for (String query : queries) {
            long before = served();
            HttpResponse<String> fast = get(query, adminAuthorization(), "application/fhir+json", null);
            assertThat(served()).as(query).isEqualTo(before + 1);
            HttpResponse<String> hapi =
                    get(query + "&_pretty=false", adminAuthorization(), "application/fhir+json", null);
            assertThat(served()).as(query).isEqualTo(before + 1);

            assertThat(fast.statusCode()).as(query).isEqualTo(200).isEqualTo(hapi.statusCode());
            assertThat(fast.body()).as(query).isEqualTo(hapi.body());
            JsonNode answer = JSON.readTree(fast.body());
            assertThat(answer.get("resourceType").asText()).isEqualTo("Parameters");
            for (String header : List.of("Content-Type", "X-Powered-By")) {
                assertThat(fast.headers().firstValue(header))
                        .as(query + " " + header)
                        .isPresent()
                        .isEqualTo(hapi.headers().firstValue(header));
            }
            assertThat(fast.headers().firstValue("X-Request-ID")).as(query).isPresent();
        }
        // The filters select what HAPI selects: one nearest at the centre, night-only without the stadium...
        String night = get(
                        "latitude=-47.005&longitude=-130.005&count=3&nightOnly=true", adminAuthorization(), null, null)
                .body();
        assertThat(night).contains("FP helipad").contains("FP fire station").doesNotContain("FP stadium");
    }

    @Test
    void keepsTheCallersRequestIdAndAnswersWithoutAnAcceptHeader() throws Exception {
        long before = served();
        HttpResponse<String> fast =
                get("latitude=-47.005&longitude=-130.005", adminAuthorization(), null, "dispatch42");
        HttpResponse<String> hapi =
                get("latitude=-47.005&longitude=-130.005&_pretty=false", adminAuthorization(), null, "dispatch42");
        assertThat(served()).isEqualTo(before + 1);
        assertThat(fast.headers().firstValue("X-Request-ID")).contains("dispatch42");
        assertThat(hapi.headers().firstValue("X-Request-ID")).contains("dispatch42");
        assertThat(fast.body()).isEqualTo(hapi.body());
    }

    @Test
    void leavesEverythingElseToHapi() throws Exception {
        long before = served();
        // Bad values: HAPI's 400 naming the parameter.
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("latitude=91&longitude=0", "latitude");
        bad.put("latitude=abc&longitude=0", "latitude");
        bad.put("latitude=45", "longitude");
        bad.put("latitude=45&longitude=5&count=0", "count");
        bad.put("latitude=45&longitude=5&count=1.5", "count");
        bad.put("latitude=45&longitude=5&maxDistance=far", "maxDistance");
        bad.put("latitude=45&longitude=5&nightOnly=yes", "nightOnly");
        bad.put("latitude=45&longitude=5&dzType=helipad", "dzType");
        for (Map.Entry<String, String> query : bad.entrySet()) {
            HttpResponse<String> response = get(query.getKey(), adminAuthorization(), "application/fhir+json", null);
            assertThat(response.statusCode()).as(query.getKey()).isEqualTo(400);
            assertThat(response.body())
                    .as(query.getKey())
                    .contains("OperationOutcome")
                    .contains(query.getValue());
        }
        // A parameter that takes one value, given twice.
        HttpResponse<String> twice = get("latitude=45&latitude=46&longitude=5", adminAuthorization(), null, null);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("latitude is given 2 times");
        // XML and a browser's page.
        HttpResponse<String> xml =
                get("latitude=-47.005&longitude=-130.005", adminAuthorization(), "application/fhir+xml", null);
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.body()).startsWith("<Parameters");
        HttpResponse<String> html = get("latitude=-47.005&longitude=-130.005", adminAuthorization(), "text/html", null);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<html");
        assertThat(served()).isEqualTo(before);
    }

    @Test
    void appliesTheSameAccessRule() throws Exception {
        String noToken = http.send(
                                HttpRequest.newBuilder(
                                                URI.create(baseUrl() + OPERATION + "?latitude=-47&longitude=-130"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                + "";
        assertThat(noToken).isEqualTo("401");
        long before = served();
        String encounterOnly =
                "Bearer " + TestTokens.token(serverUrl(), "test-encounter-reader", "system/Encounter.rs");
        assertThat(get("latitude=-47.005&longitude=-130.005", encounterOnly, null, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(served()).isEqualTo(before);
        String searchOnly = "Bearer " + TestTokens.token(serverUrl(), "test-location-search", "system/Location.s");
        HttpResponse<String> allowed = get("latitude=-47.005&longitude=-130.005", searchOnly, null, null);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("FP helipad");
        assertThat(served()).isEqualTo(before + 1);
    }

    @Test
    void recordsTheSameAuditTrailAsHapi() throws Exception {
        int start = auditEvents();
        get("latitude=-47.005&longitude=-130.005&_pretty=false", adminAuthorization(), null, null);
        int afterHapi = auditEvents();
        get("latitude=-47.005&longitude=-130.005", adminAuthorization(), null, null);
        int afterFast = auditEvents();
        assertThat(afterFast - afterHapi).isEqualTo(afterHapi - start);
    }

    private int auditEvents() throws Exception {
        assertThat(auditStore.flush(30, TimeUnit.SECONDS)).isTrue();
        Bundle count = client.search()
                .forResource("AuditEvent")
                .summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
                .returnBundle(Bundle.class)
                .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
                .execute();
        return count.getTotal();
    }
}
