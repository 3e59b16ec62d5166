package fr.vigie.server.geo;

import fr.vigie.server.config.FhirProperties;
import fr.vigie.server.config.VigieRestfulServer;
import fr.vigie.server.security.SmartScopeAuthorizationInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The single in-memory {@link DzIndex} of this node, at the configured cruise speed, and its HTTP fast path. */
@Configuration
public class GeoConfig {

    /**
     * Order of {@link NearestDzFastPath}: after Spring Security's chain ({@code -100}) and the rate limit
     * ({@code -90}), so the caller is authenticated and counted before it is answered.
     */
    public static final int NEAREST_DZ_FAST_PATH_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 20;

    @Bean
    public DzIndex dzIndex(GeoProperties properties) {
        return new DzIndex(properties.cruiseSpeedKmh());
    }

    /** {@code vigie.geo.http-fast-path=false} sends every {@code $nearest-dz} call through HAPI. */
    @Bean
    @ConditionalOnProperty(name = "vigie.geo.http-fast-path", havingValue = "true", matchIfMissing = true)
    public FilterRegistrationBean<NearestDzFastPath> nearestDzFastPath(
            FhirProperties fhir,
            NearestDzOperationProvider operation,
            VigieRestfulServer server,
            ObjectProvider<SmartScopeAuthorizationInterceptor> smartScopes) {
        NearestDzFastPath filter =
                new NearestDzFastPath(fhir.path(), operation, server, smartScopes.getIfAvailable() != null);
        FilterRegistrationBean<NearestDzFastPath> registration = new FilterRegistrationBean<>(filter);
        registration.setName("vigieNearestDzFastPath");
        registration.setOrder(NEAREST_DZ_FAST_PATH_ORDER);
        registration.addUrlPatterns(filter.urlPattern());
        return registration;
    }
}
