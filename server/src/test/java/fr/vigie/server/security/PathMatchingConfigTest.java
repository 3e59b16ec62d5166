package fr.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** Spring Security with Spring MVC present, as in Vigie, with and without {@link PathMatchingConfig}. */
class PathMatchingConfigTest {

    private final WebApplicationContextRunner runner =
            new WebApplicationContextRunner().withUserConfiguration(MvcAndSecurity.class);

    @Test
    void springSecurityAloneWrapsItsChainInTheHandlerMappingCacheFilter() {
        runner.run(context -> assertThat(context.getBean("springSecurityFilterChain", Filter.class)
                        .getClass()
                        .getName())
                .isEqualTo(PathMatchingConfig.COMPOSITE_PROXY));
    }

    @Test
    void theChainRunsWithoutTheHandlerMappingLookupAndWithPathPatternMatchers() {
        runner.withUserConfiguration(PathMatchingConfig.class).run(context -> {
            Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
            // Spring Security's own filter chain proxy (6.5 puts a request-path parsing filter ahead of it), not
            // wrapped in the handler-mapping cache filter any more
            assertThat(chain.getClass().getName()).isNotEqualTo(PathMatchingConfig.COMPOSITE_PROXY);
            assertThat(chain).isInstanceOf(FilterChainProxy.class);
            FilterChainProxy proxy = (FilterChainProxy) chain;
            assertThat(proxy.getFilterChains()).hasSize(1);

            // public path: reaches the servlet; anything else, or the public path with a trailing slash: refused
            assertThat(status(chain, "/fhir/metadata")).isEqualTo(200);
            assertThat(status(chain, "/fhir/metadata/")).isEqualTo(403);
            assertThat(status(chain, "/fhir/Patient")).isEqualTo(403);
            assertThat(status(chain, "/dashboard/missions/index.html")).isEqualTo(200);
        });
    }

    @Test
    void stringMatchersArePathPatternsOnceTheBuilderIsDeclared() {
        runner.withUserConfiguration(PathMatchingConfig.class)
                .run(context -> assertThat(context.getBean(PathPatternRequestMatcher.Builder.class)
                                .matcher("/fhir/metadata")
                                .matches(request("/fhir/metadata")))
                        .isTrue());
    }

    private static int status(Filter chain, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain servlet = new MockFilterChain();
        chain.doFilter(request(path), response, servlet);
        return servlet.getRequest() != null ? 200 : response.getStatus();
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        return request;
    }

    @Configuration
    @EnableWebMvc
    @EnableWebSecurity
    static class MvcAndSecurity {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.requestMatchers("/fhir/metadata", "/dashboard/**")
                            .permitAll()
                            .anyRequest()
                            .authenticated())
                    .build();
        }
    }
}
