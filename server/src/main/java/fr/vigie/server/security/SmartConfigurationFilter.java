package fr.vigie.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves SMART's discovery document at {@code /fhir/.well-known/smart-configuration} (and at the root): where the
 * token endpoint is, which client authentication methods and signing algorithms it takes, and the scopes Vigie
 * understands. A filter rather than a controller because {@code /fhir/*} belongs to the FHIR servlet.
 */
@Component
public class SmartConfigurationFilter extends OncePerRequestFilter {

    private final SecurityProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    public SmartConfigurationFilter(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/fhir/.well-known/smart-configuration")
                && !path.equals("/.well-known/smart-configuration");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "max-age=3600");
        json.writeValue(response.getOutputStream(), document());
    }

    Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        boolean builtIn = properties.builtInAuthorizationServer();
        String issuer = builtIn ? properties.issuer() : properties.issuerUri();
        document.put("issuer", issuer);
        document.put(
                "token_endpoint",
                builtIn
                        ? issuer + "/oauth2/token"
                        : properties.tokenEndpoint().isBlank() ? null : properties.tokenEndpoint());
        if (builtIn) {
            document.put("jwks_uri", issuer + "/oauth2/jwks");
        }
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic"));
        document.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384", "RS256", "ES256"));
        document.put(
                "scopes_supported",
                List.of(
                        "system/*.rs",
                        "system/*.cruds",
                        "system/Location.rs",
                        "system/Encounter.cruds",
                        "system/DocumentReference.cruds",
                        "system/MeasureReport.rs",
                        "system/Observation.rs",
                        "system/AuditEvent.rs"));
        document.put(
                "capabilities",
                List.of(
                        "client-confidential-asymmetric",
                        "client-confidential-symmetric",
                        "permission-v2",
                        "permission-v1"));
        return document;
    }
}
