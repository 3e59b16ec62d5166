package fr.vigie.server.security.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

class CorsConfigTest {

    private static final String DASHBOARD = "https://dashboard.example.fr";

    @Test
    void isOffWithoutAllowedOrigins() throws Exception {
        CorsConfigurationSource source = new CorsConfig().corsConfigurationSource(TestProperties.bind());
        MockHttpServletRequest preflight = preflight(DASHBOARD);

        assertThat(source.getCorsConfiguration(preflight)).isNull();
        MockHttpServletResponse response = run(source, preflight);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void allowsListedOrigins() throws Exception {
        CorsConfigurationSource source =
                new CorsConfig().corsConfigurationSource(TestProperties.bind("cors.allowed-origins", DASHBOARD));

        MockHttpServletResponse response = run(source, preflight(DASHBOARD));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
        assertThat(response.getHeader("Access-Control-Allow-Methods")).contains("POST");
        assertThat(response.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void exposesFhirHeadersOnActualRequests() throws Exception {
        CorsConfigurationSource source =
                new CorsConfig().corsConfigurationSource(TestProperties.bind("cors.allowed-origins", DASHBOARD));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
        request.addHeader("Origin", DASHBOARD);

        MockHttpServletResponse response = run(source, request);

        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
        assertThat(response.getHeaders("Access-Control-Expose-Headers"))
                .anySatisfy(value -> assertThat(value).contains("Location", "ETag"));
    }

    @Test
    void blocksOtherOrigins() throws Exception {
        CorsConfigurationSource source =
                new CorsConfig().corsConfigurationSource(TestProperties.bind("cors.allowed-origins", DASHBOARD));

        MockHttpServletResponse response = run(source, preflight("https://evil.example.com"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    private static MockHttpServletRequest preflight(String origin) {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/fhir/Patient");
        request.addHeader("Origin", origin);
        request.addHeader("Access-Control-Request-Method", "POST");
        request.addHeader("Access-Control-Request-Headers", "Authorization, Content-Type");
        return request;
    }

    private static MockHttpServletResponse run(CorsConfigurationSource source, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new CorsFilter(source).doFilter(request, response, new MockFilterChain());
        return response;
    }
}
