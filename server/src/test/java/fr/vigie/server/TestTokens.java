package fr.vigie.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gets real tokens from the running server's built-in authorisation server for the test clients of
 * {@code application-test.yaml}: by {@code client_secret_basic}, or by {@code private_key_jwt} for
 * {@code test-jwt-client}, whose key pair is made here and registered through {@link #JWT_CLIENT_JWKS}.
 */
public final class TestTokens {

    /** Issuer configured for tests; client assertions are addressed to its token endpoint. */
    public static final String ISSUER = "https://vigie.test";

    /** Test client ids and their secrets (as in application-test.yaml). */
    public static final Map<String, String> SECRETS = Map.of(
            "test-admin", "test-admin-secret",
            "test-ars", "test-ars-secret",
            "test-his", "test-his-secret",
            "test-location-search", "test-location-search-secret",
            "test-location-read", "test-location-read-secret",
            "test-auditor", "test-auditor-secret",
            "test-encounter-reader", "test-encounter-reader-secret",
            "test-location-writer", "test-location-writer-secret",
            "test-location-updater", "test-location-updater-secret",
            "vigie-dashboard", "test-dashboard-secret");

    /** The private_key_jwt test client's key pair; its public JWKS is registered at start. */
    public static final RSAKey JWT_CLIENT_KEY = newKey();

    public static final String JWT_CLIENT_JWKS = new JWKSet(JWT_CLIENT_KEY.toPublicJWK()).toString();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Tokens live 5 minutes; a cached one is reused for at most this long, so long suites never send expired ones. */
    private static final Duration REUSE = Duration.ofMinutes(2);

    private static final Map<String, CachedToken> CACHE = new ConcurrentHashMap<>();

    private TestTokens() {}

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-jwt-client-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for a secret-based test client, cached per server, client and scope while it is fresh. */
    public static String token(String serverUrl, String clientId, String scope) {
        return CACHE.compute(
                        serverUrl + " " + clientId + " " + scope,
                        (key, cached) -> cached != null
                                        && cached.obtained().plus(REUSE).isAfter(Instant.now())
                                ? cached
                                : new CachedToken(
                                        request(serverUrl, clientId, scope).accessToken(), Instant.now()))
                .token();
    }

    private record CachedToken(String token, Instant obtained) {}

    /** The raw token endpoint answer for a secret-based client. */
    public static TokenResponse request(String serverUrl, String clientId, String scope) {
        String basic = Base64.getEncoder()
                .encodeToString((clientId + ":" + SECRETS.get(clientId)).getBytes(StandardCharsets.UTF_8));
        return post(serverUrl, "grant_type=client_credentials&scope=" + encode(scope), "Basic " + basic);
    }

    /** The raw token endpoint answer for {@code test-jwt-client}, authenticating with a signed client assertion. */
    public static TokenResponse requestWithAssertion(String serverUrl, RSAKey key, String audience, String scope) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer("test-jwt-client")
                    .subject("test-jwt-client")
                    .audience(audience)
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(120)))
                    .build();
            SignedJWT assertion = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS384)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            assertion.sign(new RSASSASigner(key));
            String form = "grant_type=client_credentials&scope=" + encode(scope)
                    + "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    + "&client_assertion=" + assertion.serialize() + "&client_id=test-jwt-client";
            return post(serverUrl, form, null);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TokenResponse post(String serverUrl, String form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new TokenResponse(
                    response.statusCode(),
                    body.path("access_token").asText(null),
                    body.path("scope").asText(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What the token endpoint answered. */
    public record TokenResponse(int status, String accessToken, String scope, String body) {}
}
