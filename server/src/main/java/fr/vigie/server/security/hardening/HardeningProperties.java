package fr.vigie.server.security.hardening;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Hardening settings of the HTTP endpoints, bound from {@code vigie.security.hardening.*}.
 *
 * @param maxFhirRequestBytes largest request body accepted under the FHIR base, in bytes (default 52428800 = 50 MiB);
 *     larger bundles are to be split or sent through the import inbox
 * @param maxImportRequestBytes largest request body accepted under {@code /import}, in bytes (default 209715200 = 200
 *     MiB); larger files go through the import inbox directory
 * @param rateLimit per-client request rate limit on {@code /fhir} and {@code /import}
 * @param cors cross-origin (browser) access; off unless origins are listed
 */
@Validated
@ConfigurationProperties("vigie.security.hardening")
public record HardeningProperties(
        @DefaultValue("52428800") @Positive long maxFhirRequestBytes,
        @DefaultValue("209715200") @Positive long maxImportRequestBytes,
        @DefaultValue @Valid @NotNull RateLimit rateLimit,
        @DefaultValue @Valid @NotNull Cors cors) {

    /**
     * Token bucket per client (the token's {@code client_id}, else {@code azp}, else {@code sub}; the remote address
     * for unauthenticated calls). A client may send {@code burst} requests at once, then {@code requestsPerMinute}
     * spread over each minute.
     *
     * @param enabled switch the limiter on (default true)
     * @param requestsPerMinute sustained rate per client (1–1,000,000, default 1200, i.e. 20 per second)
     * @param burst bucket capacity: requests a client may send in a burst before being throttled (1–1,000,000,
     *     default 200)
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1200") @Min(1) @Max(1_000_000) int requestsPerMinute,
            @DefaultValue("200") @Min(1) @Max(1_000_000) int burst) {}

    /**
     * Cross-origin resource sharing for browser applications. Hospital systems call Vigie server to server and need
     * none of this; leave {@code allowedOrigins} empty (the default) unless a web application on another origin calls
     * the API directly. Credentials (cookies) are never allowed: clients authenticate with bearer tokens.
     *
     * @param allowedOrigins origins allowed to call, e.g. {@code https://dashboard.example.fr}; empty (default) means
     *     CORS is off and browsers block cross-origin calls
     * @param allowedMethods HTTP methods allowed cross-origin (default GET, POST, PUT, PATCH, DELETE, OPTIONS)
     * @param allowedHeaders request headers allowed cross-origin (default the ones FHIR clients send: Authorization,
     *     Content-Type, Accept, Prefer and the conditional headers)
     * @param exposedHeaders response headers a browser application may read (default Location, Content-Location,
     *     ETag, Last-Modified)
     * @param maxAgeSeconds how long browsers may cache a preflight answer, in seconds (0–86400, default 3600)
     */
    public record Cors(
            @DefaultValue List<String> allowedOrigins,

            @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
            List<String> allowedMethods,

            @DefaultValue({
                "Authorization",
                "Content-Type",
                "Accept",
                "Prefer",
                "If-Match",
                "If-None-Exist",
                "If-None-Match",
                "If-Modified-Since"
            })
            List<String> allowedHeaders,

            @DefaultValue({"Location", "Content-Location", "ETag", "Last-Modified"})
            List<String> exposedHeaders,

            @DefaultValue("3600") @Min(0) @Max(86400) long maxAgeSeconds) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
            allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
            exposedHeaders = exposedHeaders == null ? List.of() : List.copyOf(exposedHeaders);
        }

        /** Whether any origin is allowed, i.e. whether CORS is on. */
        public boolean enabled() {
            return !allowedOrigins.isEmpty();
        }
    }
}
