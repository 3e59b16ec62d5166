package fr.vigie.server.security.hardening;

import ca.uhn.fhir.context.FhirContext;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each client on the FHIR base and {@code /import} to {@code vigie.security.hardening.rate-limit.*}: a token
 * bucket of {@code burst} requests refilled greedily with {@code requests-per-minute} per minute (bucket4j). Over the
 * limit the client gets HTTP 429 with {@code Retry-After} (seconds) and an {@code OperationOutcome} (issue
 * {@code throttled}).
 *
 * <p>Why: one misbehaving interface engine (a retry loop, a reindex gone wrong) must not take the server from the other
 * hospital systems.
 *
 * <p>The client is the OAuth2 client of the bearer token (claim {@code client_id}, else {@code azp}, else {@code sub}),
 * so the limit follows the calling system rather than its addresses; other authenticated principals count by name,
 * unauthenticated calls by remote address (behind a reverse proxy, configure {@code server.forward-headers-strategy}
 * or every caller shares the proxy's address). This filter therefore runs after Spring Security's filter chain
 * ({@link HardeningConfig} registers it at {@code SecurityProperties.DEFAULT_FILTER_ORDER + 10}); requests Spring
 * Security refuses (401, 403) never reach it. Buckets live in memory, per node: the least recently seen clients are
 * forgotten beyond {@value #MAX_TRACKED_CLIENTS}, which only resets their count.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    /** Most clients tracked at once; past this the least recently seen one is forgotten. */
    static final int MAX_TRACKED_CLIENTS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();
    private static final List<String> CLIENT_CLAIMS = List.of("client_id", "azp", "sub");

    private final HardeningProperties.RateLimit limit;
    private final GuardedPaths paths;
    private final FhirContext fhirContext;
    private final TimeMeter clock;
    private final Map<String, ClientBucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClientBucket> eldest) {
            return size() > MAX_TRACKED_CLIENTS;
        }
    };

    /**
     * @param fhirPath the FHIR base path ({@code vigie.fhir.path})
     */
    public RateLimitFilter(HardeningProperties properties, String fhirPath, FhirContext fhirContext) {
        this(properties, fhirPath, fhirContext, TimeMeter.SYSTEM_NANOTIME);
    }

    /** For tests: a clock that only moves when told to. */
    RateLimitFilter(HardeningProperties properties, String fhirPath, FhirContext fhirContext, TimeMeter clock) {
        this.limit = properties.rateLimit();
        this.paths = new GuardedPaths(fhirPath);
        this.fhirContext = fhirContext;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limit.enabled() || paths.endpointOf(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientKey(request);
        ClientBucket bucket = bucketOf(client);
        ConsumptionProbe probe = bucket.tokens().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            if (bucket.throttled) {
                bucket.throttled = false;
            }
            chain.doFilter(request, response);
            return;
        }
        long retryAfter =
                Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / (double) TimeUnit.SECONDS.toNanos(1)));
        if (!bucket.throttled) {
            // Logged once per throttling episode, not per refused request, so a flood does not flood the log too.
            bucket.throttled = true;
            log.info(
                    "Throttling {}: over {} requests per minute (burst {}); retry in {} s",
                    client,
                    limit.requestsPerMinute(),
                    limit.burst(),
                    retryAfter);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        FhirErrorResponse.write(
                response,
                fhirContext,
                HttpStatus.TOO_MANY_REQUESTS.value(),
                IssueType.THROTTLED,
                "Too many requests: this client may send " + limit.requestsPerMinute() + " requests per minute (bursts"
                        + " of " + limit.burst() + "); retry in " + retryAfter + " s, and spread or batch requests"
                        + " (FHIR transaction or batch Bundles, or " + GuardedPaths.IMPORT + " for bulk loads)");
    }

    /**
     * The key the request is counted under: {@code client:<id>} from the token (claim {@code client_id}, else
     * {@code azp}, else {@code sub}), {@code user:<name>} for another authenticated principal, else
     * {@code ip:<remote address>}.
     */
    static String clientKey(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (TRUST.isAuthenticated(authentication)) {
            if (authentication instanceof JwtAuthenticationToken token) {
                String client = clientOf(token.getToken());
                if (client != null) {
                    return "client:" + client;
                }
            } else if (authentication.getName() != null
                    && !authentication.getName().isBlank()) {
                return "user:" + authentication.getName();
            }
        }
        return "ip:" + request.getRemoteAddr();
    }

    private static String clientOf(Jwt jwt) {
        for (String claim : CLIENT_CLAIMS) {
            Object value = jwt.getClaims().get(claim);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return null;
    }

    private ClientBucket bucketOf(String client) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(client, key -> new ClientBucket(newBucket()));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth
                        .capacity(limit.burst())
                        .refillGreedy(limit.requestsPerMinute(), Duration.ofMinutes(1)))
                .withCustomTimePrecision(clock)
                .build();
    }

    /** Number of clients currently tracked (tests). */
    int trackedClients() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** A client's bucket, and whether its last request was refused (to log each throttling episode once). */
    private static final class ClientBucket {

        private final Bucket tokens;
        private volatile boolean throttled;

        ClientBucket(Bucket tokens) {
            this.tokens = tokens;
        }

        Bucket tokens() {
            return tokens;
        }
    }
}
