package fr.vigie.server.security.hardening;

import ca.uhn.fhir.context.FhirContext;
import fr.vigie.server.config.FhirProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the hardening servlet filters, each at the place in the filter chain it needs:
 *
 * <ul>
 *   <li>{@link RequestSizeLimitFilter} first of all ({@code HIGHEST_PRECEDENCE + 10}), before anything reads the body;
 *   <li>{@link RateLimitFilter} right after Spring Security ({@code SecurityProperties.DEFAULT_FILTER_ORDER + 10}),
 *       since it counts per authenticated client; present unless
 *       {@code vigie.security.hardening.rate-limit.enabled=false}.
 * </ul>
 *
 * <p>Both are mapped by the servlet container to the FHIR base and {@code /import} only (the container matches the
 * normalised path, as it does to pick the servlet), and check the path again themselves. The filters are not beans, so
 * Spring Boot does not also register them on every path.
 */
@Configuration
public class HardeningConfig {

    /** Order of {@link RequestSizeLimitFilter}: ahead of every other filter but Spring's character encoding one. */
    public static final int REQUEST_SIZE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** Order of {@link RateLimitFilter}: just after Spring Security's filter chain, so the client is known. */
    public static final int RATE_LIMIT_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;

    @Bean
    public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilterRegistration(
            HardeningProperties properties, FhirProperties fhir, FhirContext fhirContext) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties, fhir.path(), fhirContext));
        registration.setName("vigieRequestSizeLimitFilter");
        registration.setOrder(REQUEST_SIZE_LIMIT_ORDER);
        registration.addUrlPatterns(urlPatterns(fhir));
        return registration;
    }

    @Bean
    @ConditionalOnProperty(
            name = "vigie.security.hardening.rate-limit.enabled",
            havingValue = "true",
            matchIfMissing = true)
    public FilterRegistrationBean<RateLimitFilter> rateLimitFilterRegistration(
            HardeningProperties properties, FhirProperties fhir, FhirContext fhirContext) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(properties, fhir.path(), fhirContext));
        registration.setName("vigieRateLimitFilter");
        registration.setOrder(RATE_LIMIT_ORDER);
        registration.addUrlPatterns(urlPatterns(fhir));
        return registration;
    }

    private static String[] urlPatterns(FhirProperties fhir) {
        return new String[] {fhir.path() + "/*", GuardedPaths.IMPORT + "/*"};
    }
}
