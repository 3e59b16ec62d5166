package fr.vigie.server.security;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * With an external issuer, gets Vigie's own bearer token (for the import framework's writes) by the
 * {@code client_credentials} grant at {@code vigie.security.token-endpoint}, with {@code vigie.security.internal-client}
 * credentials; renewed a minute before it expires. Without credentials, imports are refused by the FHIR endpoint
 * (401), which the import report says, and a warning is logged at start.
 */
@Component
@ConditionalOnExpression("!'${vigie.security.issuer-uri:}'.isEmpty()")
public class ExternalIssuerClientTokens implements IClientInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ExternalIssuerClientTokens.class);

    private final SecurityProperties properties;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String token;
    private Instant renewAt = Instant.EPOCH;

    public ExternalIssuerClientTokens(SecurityProperties properties) {
        this.properties = properties;
        if (properties.internalClient().id().isBlank()
                || properties.tokenEndpoint().isBlank()) {
            log.warn("External issuer without vigie.security.internal-client.id/secret and token-endpoint:"
                    + " imports cannot write to the FHIR API");
        }
    }

    synchronized String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(renewAt)) {
            return token;
        }
        SecurityProperties.InternalClient client = properties.internalClient();
        String basic = Base64.getEncoder()
                .encodeToString((URLEncoder.encode(client.id(), StandardCharsets.UTF_8) + ":"
                                + URLEncoder.encode(client.secret(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.tokenEndpoint()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(client.scope(), StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "Token endpoint " + properties.tokenEndpoint() + " answered " + response.statusCode());
        }
        JsonNode body = json.readTree(response.body());
        token = body.path("access_token").asText();
        long expiresIn = body.path("expires_in").asLong(300);
        renewAt = Instant.now().plusSeconds(Math.max(10, expiresIn - 60));
        return token;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        if (properties.internalClient().id().isBlank()
                || properties.tokenEndpoint().isBlank()) {
            return;
        }
        try {
            request.addHeader("Authorization", "Bearer " + token());
        } catch (IOException e) {
            log.error("Cannot get Vigie's own token from {}: {}", properties.tokenEndpoint(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing to do
    }
}
