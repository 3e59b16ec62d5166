package fr.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import fr.vigie.server.AbstractFhirIT;
import fr.vigie.server.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The authorisation matrix: (client, scopes, request) → 200/201/401/403, through every route a client could use to
 * reach data (read, search, _include, _revinclude, chaining, history, $everything, batch/transaction entries,
 * operations, imports), plus forged and invalid tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIT extends AbstractFhirIT {

    private static final Map<String, String> SCOPES = new LinkedHashMap<>();

    static {
        SCOPES.put("test-admin", ADMIN_SCOPES);
        SCOPES.put("test-ars", "system/MeasureReport.rs system/Location.rs");
        SCOPES.put(
                "test-his",
                "system/Location.cruds system/Encounter.cruds system/DocumentReference.cruds system/Patient.cruds"
                        + " system/Observation.cruds");
        SCOPES.put("test-location-search", "system/Location.s");
        SCOPES.put("test-location-read", "system/Location.r");
        SCOPES.put("test-auditor", "system/AuditEvent.rs");
        SCOPES.put("test-encounter-reader", "system/Encounter.rs");
        SCOPES.put("test-location-writer", "system/Location.cu system/Organization.cu");
        SCOPES.put("test-location-updater", "system/Location.u");
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> ids = new LinkedHashMap<>();

    @Autowired
    RSAKey vigieSigningKey;

    @Autowired
    fr.vigie.server.audit.AuditConfig.AuditEventStore auditStore;

    record Case(String client, String method, String path, String body, int expected, String entryDeniedType) {
        @Override
        public String toString() {
            return client + " " + method + " " + path + " -> " + expected;
        }
    }

    private static Case c(String client, String method, String path, int expected) {
        return new Case(client, method, path, null, expected, null);
    }

    private static Case c(String client, String method, String path, String body, int expected) {
        return new Case(client, method, path, body, expected, null);
    }

    /** A read inside a batch/transaction: the bundle answers 200, the entry 403, and the resource never appears. */
    private static Case deniedEntry(String client, String body, String type) {
        return new Case(client, "POST", "/fhir", body, 200, type);
    }

    private static final String LOCATION = "{\"resourceType\":\"Location\",\"name\":\"Matrix\",\"identifier\":"
            + "[{\"system\":\"urn:vigie:test:matrix\",\"value\":\"%s\"}]}";
    private static final String ENCOUNTER = "{\"resourceType\":\"Encounter\",\"status\":\"finished\",\"class\":"
            + "{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"IMP\"},"
            + "\"location\":[{\"location\":{\"reference\":\"Location/{loc}\"}}]}";
    private static final String MEASURE_REPORT = "{\"resourceType\":\"MeasureReport\",\"status\":\"complete\","
            + "\"type\":\"summary\",\"measure\":\"https://vigie.example.org/fhir/Measure/smur-missions\","
            + "\"period\":{\"start\":\"2023-01-01\",\"end\":\"2023-12-31\"}}";

    private static String transaction(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static String post(String type, String resource) {
        return "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + resource
                + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
    }

    private static String put(String url, String resource) {
        return "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + resource
                + ",\"request\":{\"method\":\"PUT\",\"url\":\"" + url + "\"}}";
    }

    private static String get(String url) {
        return "{\"request\":{\"method\":\"GET\",\"url\":\"" + url + "\"}}";
    }

    static Stream<Case> matrix() {
        String newLocation = String.format(LOCATION, "new");
        return Stream.of(
                // public endpoints and missing tokens
                c("none", "GET", "/fhir/metadata", 200),
                c("none", "GET", "/fhir/.well-known/smart-configuration", 200),
                c("none", "GET", "/actuator/health", 200),
                c("none", "GET", "/fhir/Location", 401),
                c("none", "GET", "/fhir/Location/{loc}", 401),
                c("none", "GET", "/fhir/Encounter/{enc}", 401),
                c("none", "POST", "/fhir/Location", newLocation, 401),
                c("none", "POST", "/import/resources?format=ndjson", "{}", 401),
                c("none", "GET", "/import", 401),
                c("none", "GET", "/fhir/AuditEvent", 401),
                // an ARS tool: MeasureReport and Location read only
                c("test-ars", "GET", "/fhir/Location/{loc}", 200),
                c("test-ars", "GET", "/fhir/Location?_count=1", 200),
                c("test-ars", "GET", "/fhir/MeasureReport/{mr}", 200),
                c("test-ars", "GET", "/fhir/MeasureReport?status=complete", 200),
                c("test-ars", "GET", "/fhir/Encounter/{enc}", 403),
                c("test-ars", "GET", "/fhir/Encounter", 403),
                c("test-ars", "GET", "/fhir/Encounter?location={loc}", 403),
                c("test-ars", "GET", "/fhir/Encounter?location.name=Matrix", 403),
                c("test-ars", "GET", "/fhir/DocumentReference/{doc}", 403),
                c("test-ars", "GET", "/fhir/DocumentReference?encounter={enc}", 403),
                c("test-ars", "GET", "/fhir/Location?_id={loc}&_revinclude=Encounter:location", 403),
                c("test-ars", "GET", "/fhir/Encounter/{enc}/_history", 403),
                c("test-ars", "GET", "/fhir/Encounter/_history", 403),
                c("test-ars", "GET", "/fhir/_history", 403),
                c("test-ars", "GET", "/fhir/Encounter/{enc}/$everything", 403),
                c("test-ars", "GET", "/fhir/Patient/{pat}", 403),
                deniedEntry("test-ars", transaction(get("Encounter/{enc}")), "Encounter"),
                deniedEntry(
                        "test-ars",
                        "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + get("DocumentReference/{doc}")
                                + "]}",
                        "DocumentReference"),
                c("test-ars", "POST", "/fhir", transaction(post("Location", newLocation)), 403),
                c("test-ars", "POST", "/fhir/Location", newLocation, 403),
                c("test-ars", "DELETE", "/fhir/Location/{loc}", 403),
                c("test-ars", "GET", "/fhir/AuditEvent", 403),
                c("test-ars", "POST", "/import/resources?format=ndjson", "{}", 403),
                c("test-ars", "GET", "/fhir/ValueSet/$expand?url=https://vigie.example.org/fhir/ValueSet/dz-type", 200),
                // a hospital information system: clinical types, no MeasureReport, no audit
                c("test-his", "GET", "/fhir/Encounter/{enc}", 200),
                c("test-his", "GET", "/fhir/Encounter?location={loc}&_include=Encounter:location", 200),
                c("test-his", "GET", "/fhir/DocumentReference?encounter={enc}", 200),
                c("test-his", "POST", "/fhir/Encounter", ENCOUNTER, 201),
                c("test-his", "POST", "/fhir", transaction(post("Location", newLocation)), 200),
                c(
                        "test-his",
                        "POST",
                        "/fhir",
                        transaction(post("Location", newLocation), post("MeasureReport", MEASURE_REPORT)),
                        403),
                c("test-his", "GET", "/fhir/MeasureReport", 403),
                c("test-his", "GET", "/fhir/AuditEvent", 403),
                c("test-his", "POST", "/import/resources?format=ndjson", "{}", 403),
                c("test-his", "GET", "/fhir/Encounter/{enc}/_history", 200),
                // read (r) and search (s) are separate permissions
                c("test-location-search", "GET", "/fhir/Location?name=Matrix", 200),
                c("test-location-search", "GET", "/fhir/Location/{loc}", 403),
                c("test-location-read", "GET", "/fhir/Location/{loc}", 200),
                c("test-location-read", "GET", "/fhir/Location?name=Matrix", 403),
                // audit events need the audit scope, and it gives nothing else
                c("test-auditor", "GET", "/fhir/AuditEvent?_count=1", 200),
                c("test-auditor", "GET", "/fhir/Location", 403),
                // an include of a type the token cannot read is refused whole
                c("test-encounter-reader", "GET", "/fhir/Encounter/{enc}", 200),
                c("test-encounter-reader", "GET", "/fhir/Encounter?_id={enc}&_include=Encounter:location", 403),
                c(
                        "test-encounter-reader",
                        "PATCH",
                        "/fhir/Encounter/{enc}",
                        "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]",
                        403),
                c("test-encounter-reader", "DELETE", "/fhir/Encounter/{enc}", 403),
                // imports write by id (PUT Type/id creates or updates) after looking identifiers up with Vigie's
                // own token: a caller with create and update but no search permission imports all the same
                c(
                        "test-location-writer",
                        "POST",
                        "/fhir",
                        transaction(put("Location/matrix-put-cu", newLocation)),
                        200),
                c(
                        "test-location-writer",
                        "POST",
                        "/import/locations?format=dz",
                        "id,name,dz_type,latitude,longitude\nMATRIX-DZ-1,Matrix DZ,stadium,50.61,3.13\n",
                        200),
                deniedEntry(
                        "test-location-writer",
                        "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                                + get("Location?identifier=urn:vigie:test:matrix|new") + "]}",
                        "Location"),
                c("test-location-updater", "POST", "/fhir", transaction(put("Location/{loc}", newLocation)), 200),
                c(
                        "test-location-updater",
                        "POST",
                        "/fhir",
                        transaction(put("Location/matrix-put-u", newLocation)),
                        200),
                c("test-location-updater", "POST", "/import/resources?format=ndjson", "{}", 403),
                // full access
                c("test-admin", "GET", "/fhir/AuditEvent?_count=1", 200),
                c("test-admin", "GET", "/import", 200),
                c(
                        "test-admin",
                        "POST",
                        "/import/resources?format=ndjson",
                        String.format(LOCATION, "imported").replace("\n", ""),
                        200),
                c("test-admin", "GET", "/fhir/Encounter/{enc}/$everything", 200));
    }

    @BeforeAll
    void createFixtures() throws Exception {
        ids.put("loc", create("/fhir/Location", String.format(LOCATION, UUID.randomUUID())));
        ids.put("enc", create("/fhir/Encounter", ENCOUNTER));
        ids.put(
                "doc",
                create(
                        "/fhir/DocumentReference",
                        "{\"resourceType\":\"DocumentReference\",\"status\":"
                                + "\"current\",\"context\":{\"encounter\":[{\"reference\":\"Encounter/{enc}\"}]},\"content\":[{"
                                + "\"attachment\":{\"contentType\":\"text/plain\",\"data\":\"QUJD\"}}]}"));
        ids.put("mr", create("/fhir/MeasureReport", MEASURE_REPORT));
        ids.put("pat", create("/fhir/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"female\"}"));
    }

    private String create(String path, String body) throws Exception {
        HttpResponse<String> response = send("test-admin", "POST", path, body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        String[] parts = location.split("/");
        return parts[parts.length - 3];
    }

    private String fill(String text) {
        String result = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            result = result.replace("{" + id.getKey() + "}", id.getValue());
        }
        return result;
    }

    private HttpResponse<String> send(String client, String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(serverUrl() + fill(path))).timeout(Duration.ofMinutes(1));
        String content = body == null ? null : fill(body);
        String type = path.startsWith("/import")
                ? "application/x-ndjson"
                : method.equals("PATCH") ? "application/json-patch+json" : "application/fhir+json";
        request.method(
                method,
                content == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(content));
        if (content != null) {
            request.header("Content-Type", type);
        }
        String bearer = token != null
                ? token
                : client.equals("none") ? null : TestTokens.token(serverUrl(), client, SCOPES.get(client));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("matrix")
    void answersAsTheScopesAllow(Case testCase) throws Exception {
        HttpResponse<String> response =
                send(testCase.client(), testCase.method(), testCase.path(), testCase.body(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(testCase.expected());
        if (testCase.entryDeniedType() != null) {
            assertThat(response.body())
                    .contains("403 Forbidden")
                    .doesNotContain("\"resourceType\":\"" + testCase.entryDeniedType() + "\"");
        }
        if (testCase.expected() == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void privateKeyJwtClientGetsATokenAndUsesIt() throws Exception {
        TestTokens.TokenResponse token = TestTokens.requestWithAssertion(
                serverUrl(), TestTokens.JWT_CLIENT_KEY, TestTokens.ISSUER + "/oauth2/token", "system/Location.rs");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.scope()).isEqualTo("system/Location.rs");
        assertThat(send("x", "GET", "/fhir/Location/{loc}", null, token.accessToken())
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("x", "GET", "/fhir/Encounter/{enc}", null, token.accessToken())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void tokenEndpointRefusesBadClientCredentials() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("test-jwt-client-key").generate();
        assertThat(TestTokens.requestWithAssertion(
                                serverUrl(), otherKey, TestTokens.ISSUER + "/oauth2/token", "system/Location.rs")
                        .status())
                .isEqualTo(401);
        assertThat(TestTokens.requestWithAssertion(
                                serverUrl(), TestTokens.JWT_CLIENT_KEY, "https://elsewhere/token", "system/Location.rs")
                        .status())
                .isEqualTo(401);
        assertThat(TestTokens.request(serverUrl(), "test-ars", "system/Encounter.rs")
                        .status())
                .isEqualTo(400);
        TestTokens.TokenResponse wrongSecret = TestTokens.request(serverUrl(), "no-such-client", "system/Location.rs");
        assertThat(wrongSecret.status()).isEqualTo(401);
    }

    private String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(TestTokens.ISSUER)
                .audience("vigie")
                .subject("forger")
                .claim("client_id", "forger")
                .claim("scope", "system/*.cruds")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    @Test
    void rejectsExpiredForgedAndMalformedTokens() throws Exception {
        String valid = signed(vigieSigningKey, validClaims().build());
        assertThat(send("x", "GET", "/fhir/Location/{loc}", null, valid).statusCode())
                .isEqualTo(200);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(
                "expired",
                signed(
                        vigieSigningKey,
                        validClaims()
                                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                                .expirationTime(Date.from(Instant.now().minusSeconds(1800)))
                                .build()));
        bad.put(
                "wrong issuer",
                signed(
                        vigieSigningKey,
                        validClaims().issuer("https://evil.example").build()));
        bad.put(
                "wrong audience",
                signed(vigieSigningKey, validClaims().audience("other-api").build()));
        bad.put("alg none", new PlainJWT(validClaims().build()).serialize());
        String[] parts = valid.split("\\.");
        String tamperedPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        validClaims().subject("admin").build().toString().getBytes());
        bad.put("tampered payload", parts[0] + "." + tamperedPayload + "." + parts[2]);
        bad.put(
                "other key",
                signed(
                        new RSAKeyGenerator(2048)
                                .keyID(vigieSigningKey.getKeyID())
                                .generate(),
                        validClaims().build()));
        bad.put("garbage", "not-a-jwt");
        for (Map.Entry<String, String> token : bad.entrySet()) {
            HttpResponse<String> response = send("x", "GET", "/fhir/Location/{loc}", null, token.getValue());
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertThat(response.body()).as(token.getKey()).contains("OperationOutcome");
        }
    }

    @Test
    void recordsEveryAccessAndImportAsAnAuditEventNamingTheClient() throws Exception {
        assertThat(send("test-ars", "GET", "/fhir/Location/{loc}", null, null).statusCode())
                .isEqualTo(200);
        assertThat(send("test-ars", "GET", "/fhir/Encounter/{enc}", null, null).statusCode())
                .isEqualTo(403);
        assertThat(send(
                                "test-admin",
                                "POST",
                                "/import/resources?format=ndjson",
                                String.format(LOCATION, "audited"),
                                null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(auditStore.flush(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String events = send("test-auditor", "GET", "/fhir/AuditEvent?_sort=-_lastUpdated&_count=200", null, null)
                .body();
        assertThat(events)
                .contains("\"value\":\"test-ars\"")
                .contains("Location/" + ids.get("loc"))
                .contains("import feed resources")
                .contains("\"value\":\"test-admin\"");
    }

    @Test
    void smartConfigurationNamesTheTokenEndpoint() throws Exception {
        HttpResponse<String> response = send("none", "GET", "/fhir/.well-known/smart-configuration", null, null);
        assertThat(response.body())
                .contains("\"token_endpoint\":\"" + TestTokens.ISSUER + "/oauth2/token\"")
                .contains("private_key_jwt")
                .contains("client_credentials");
    }

    static List<String> clients() {
        return List.copyOf(SCOPES.keySet());
    }
}
