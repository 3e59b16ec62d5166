package fr.vigie.routes.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.core.env.PropertyResolver;

/**
 * Resolves the FHIR base URL imports write to: {@code vigie.import.fhir-base-url} when set, else the local server
 * ({@code 127.0.0.1:${local.server.port}}, under {@code server.servlet.context-path} and {@code vigie.fhir.path},
 * HTTPS when {@code server.ssl.enabled}).
 *
 * <p>Called lazily: {@code local.server.port} exists only once the embedded server has started.
 */
public class FhirBaseUrlResolver implements Supplier<String> {

    private final PropertyResolver environment;
    private final String configured;

    public FhirBaseUrlResolver(PropertyResolver environment, String configured) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.configured = configured;
    }

    @Override
    public String get() {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        Integer port = environment.getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new ImportTargetException(
                    "No FHIR server to write to: set vigie.import.fhir-base-url, or run imports inside the Vigie"
                            + " server once it has started",
                    null);
        }
        String scheme = environment.getProperty("server.ssl.enabled", Boolean.class, false) ? "https" : "http";
        String path = trimSlashes(environment.getProperty("server.servlet.context-path", ""))
                + trimSlashes(environment.getProperty("vigie.fhir.path", "/fhir"));
        try {
            // Loopback call to this very JVM: plain HTTP unless the server itself only speaks TLS.
            return new URI(scheme, null, "127.0.0.1", port, path, null, null).toString();
        } catch (URISyntaxException e) {
            throw new ImportTargetException("Invalid local FHIR path " + path, e);
        }
    }

    private static String trimSlashes(String path) {
        String trimmed = path == null ? "" : path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return "";
        }
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
