package fr.vigie.server.security.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.github.bucket4j.TimeMeter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class RateLimitFilterTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final ManualClock clock = new ManualClock();
    // 3 at once, then one per second.
    private final RateLimitFilter filter = new RateLimitFilter(
            TestProperties.bind("rate-limit.burst", "3", "rate-limit.requests-per-minute", "60"), "/fhir", FHIR, clock);

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void throttlesAClientPastItsBurstWithRetryAfter() throws Exception {
        authenticate(jwt("client_id", "his-a"));
        for (int i = 0; i < 3; i++) {
            assertThat(call("/fhir/Patient").getStatus()).isEqualTo(200);
        }

        MockHttpServletResponse refused = call("/fhir/Patient");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/fhir+json");
        assertThat(refused.getContentAsString())
                .contains("\"code\":\"throttled\"")
                .contains("60 requests per minute");
    }

    @Test
    void otherClientsKeepTheirOwnAllowance() throws Exception {
        authenticate(jwt("client_id", "his-a"));
        for (int i = 0; i < 4; i++) {
            call("/fhir/Patient");
        }
        assertThat(call("/fhir/Patient").getStatus()).isEqualTo(429);

        authenticate(jwt("client_id", "lab-b"));
        assertThat(call("/fhir/Observation").getStatus()).isEqualTo(200);
    }

    @Test
    void refillsOverTime() throws Exception {
        authenticate(jwt("client_id", "his-a"));
        for (int i = 0; i < 3; i++) {
            call("/import/resources");
        }
        assertThat(call("/import/resources").getStatus()).isEqualTo(429);

        clock.advanceSeconds(1);

        assertThat(call("/import/resources").getStatus()).isEqualTo(200);
        assertThat(call("/import/resources").getStatus()).isEqualTo(429);
    }

    @Test
    void countsTokensOfOneClientTogether() throws Exception {
        authenticate(jwt("client_id", "his-a", "sub", "user-1"));
        call("/fhir/Patient");
        call("/fhir/Patient");
        authenticate(jwt("client_id", "his-a", "sub", "user-2"));
        call("/fhir/Patient");

        assertThat(call("/fhir/Patient").getStatus()).isEqualTo(429);
    }

    @Test
    void keysOnClientIdThenAzpThenSub() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");

        authenticate(jwt("client_id", "his-a", "azp", "other", "sub", "user-1"));
        assertThat(RateLimitFilter.clientKey(request)).isEqualTo("client:his-a");
        authenticate(jwt("azp", "portal", "sub", "user-1"));
        assertThat(RateLimitFilter.clientKey(request)).isEqualTo("client:portal");
        authenticate(jwt("sub", "service-account"));
        assertThat(RateLimitFilter.clientKey(request)).isEqualTo("client:service-account");
    }

    @Test
    void keysUnauthenticatedCallsOnTheRemoteAddress() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/metadata");
        request.setRemoteAddr("10.1.2.3");

        assertThat(RateLimitFilter.clientKey(request)).isEqualTo("ip:10.1.2.3");
        authenticate(new AnonymousAuthenticationToken(
                "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        assertThat(RateLimitFilter.clientKey(request)).isEqualTo("ip:10.1.2.3");
        authenticate(UsernamePasswordAuthenticationToken.authenticated("operator", null, List.of()));
        assertThat(RateLimitFilter.clientKey(request)).isEqualTo("user:operator");
    }

    @Test
    void leavesOtherPathsAlone() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(call("/actuator/health").getStatus()).isEqualTo(200);
        }
        assertThat(filter.trackedClients()).isZero();
    }

    @Test
    void letsEverythingThroughWhenDisabled() throws Exception {
        RateLimitFilter disabled = new RateLimitFilter(
                TestProperties.bind("rate-limit.enabled", "false", "rate-limit.burst", "1"), "/fhir", FHIR, clock);
        for (int i = 0; i < 5; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            disabled.doFilter(new MockHttpServletRequest("GET", "/fhir/Patient"), response, new MockFilterChain());
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    @Test
    void tracksABoundedNumberOfClients() throws Exception {
        for (int i = 0; i <= RateLimitFilter.MAX_TRACKED_CLIENTS; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
            request.setRemoteAddr("10.0." + (i / 256) + "." + (i % 256));
            filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        }

        assertThat(filter.trackedClients()).isEqualTo(RateLimitFilter.MAX_TRACKED_CLIENTS);
    }

    private MockHttpServletResponse call(String uri) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", uri), response, new MockFilterChain());
        return response;
    }

    private static void authenticate(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    /** A validated-token authentication with the given claims (name, value, name, value...). */
    private static JwtAuthenticationToken jwt(String... claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "none");
        for (int i = 0; i < claims.length; i += 2) {
            builder.claim(claims[i], claims[i + 1]);
        }
        return new JwtAuthenticationToken(builder.build(), List.of());
    }

    /** A clock that only moves when told to. */
    private static final class ManualClock implements TimeMeter {

        private long nanos;

        void advanceSeconds(long seconds) {
            nanos += TimeUnit.SECONDS.toNanos(seconds);
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
