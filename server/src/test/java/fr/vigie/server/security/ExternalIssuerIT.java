package fr.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import fr.vigie.server.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A hospital's identity provider plugs in by configuration alone: with {@code vigie.security.issuer-uri} and a JWKS
 * URL, tokens it signs are accepted, the built-in authorisation server is off, and other tokens are refused. The
 * identity provider is stood in for by a JWKS served on loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.class)
class ExternalIssuerIT {

    private static final String ISSUER = "https://idp.hospital.test/realms/chu";
    private static final RSAKey IDP_KEY = key("idp-key");
    private static final HttpServer JWKS = jwksServer();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(IDP_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
        registry.add("vigie.test.jwt-client-jwks", () -> "{\"keys\":[]}");
        registry.add("vigie.security.issuer-uri", () -> ISSUER);
        registry.add(
                "vigie.security.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
        registry.add("vigie.security.token-endpoint", () -> ISSUER + "/protocol/openid-connect/token");
        registry.add("vigie.security.audience", () -> "vigie-chu");
        registry.add("vigie.terminology.load-on-startup", () -> "false");
    }

    private String token(RSAKey key, String issuer, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("service-account-dpi")
                .claim("azp", "dpi-connector")
                .claim("scope", "system/Location.rs")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private int get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void acceptsTokensOfTheConfiguredIssuerWithTheirScopes() throws Exception {
        String token = token(IDP_KEY, ISSUER, "vigie-chu");
        assertThat(get("/fhir/Location", token)).isEqualTo(200);
        assertThat(get("/fhir/Encounter", token)).isEqualTo(403);
    }

    @Test
    void refusesOtherIssuersAudiencesAndKeys() throws Exception {
        assertThat(get("/fhir/Location", token(IDP_KEY, "https://other.test", "vigie-chu")))
                .isEqualTo(401);
        assertThat(get("/fhir/Location", token(IDP_KEY, ISSUER, "vigie"))).isEqualTo(401);
        assertThat(get("/fhir/Location", token(key("idp-key"), ISSUER, "vigie-chu")))
                .isEqualTo(401);
    }

    @Test
    void builtInAuthorizationServerIsOffAndDiscoveryPointsToTheIssuer() throws Exception {
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(401);
        String discovery = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/fhir/.well-known/smart-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(discovery)
                .contains(ISSUER + "/protocol/openid-connect/token")
                .doesNotContain("/oauth2/token");
    }
}
