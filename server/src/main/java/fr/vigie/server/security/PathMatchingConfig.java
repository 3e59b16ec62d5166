package fr.vigie.server.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

/**
 * How Spring Security matches request paths: with path patterns on the request's path in the application, never
 * through Spring MVC's handler mappings.
 *
 * <p>Why: Vigie's API is HAPI's FHIR servlet ({@code /fhir/*}), not a Spring MVC controller. By default, with Spring MVC
 * on the classpath, Spring Security 6.5 turns every {@code requestMatchers("/path")} into a matcher that asks which
 * servlet serves the request and, for the dispatcher servlet, which MVC handler; and it wraps its whole filter chain in
 * a filter that looks up the MVC handler of <em>every</em> request in advance ({@code HandlerMappingIntrospector}'s
 * cache filter), FHIR requests included. Profiles of {@code $nearest-dz} over HTTP put that lookup and the servlet
 * delegation at several percent of each request's server time, for a result nothing used.
 *
 * <ul>
 *   <li>{@link #pathPatternRequestMatcherBuilder()}: Spring Security's documented opt-in to path patterns: string
 *       matchers of every chain become {@code PathPatternRequestMatcher}s on the path within the application ({@code
 *       /fhir/metadata}, {@code /dashboard/**}). Patterns match exactly as written (no optional trailing slash), so a
 *       public path is never wider than listed.
 *   <li>{@link #withoutHandlerMappingCacheFilter()}: takes the look-up-ahead filter out again. Nothing in the
 *       chains asks the MVC handler mappings any more: matchers are path patterns, CORS comes from the {@code
 *       corsConfigurationSource} bean (not from MVC), and the authorisation server's endpoints have their own
 *       matchers. Authentication, authorisation, headers and every other filter of the chains are unchanged.
 * </ul>
 */
@Configuration
public class PathMatchingConfig {

    private static final Logger LOG = LoggerFactory.getLogger(PathMatchingConfig.class);

    /** The wrapper Spring Security's {@code WebMvcSecurityConfiguration} puts around the filter chain proxy. */
    static final String COMPOSITE_PROXY =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$CompositeFilterChainProxy";

    @Bean
    public static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * Runs after every bean definition registry post-processor, hence after the one of {@code
     * WebMvcSecurityConfiguration} that wrapped {@code springSecurityFilterChain} as [handler-mapping cache filter,
     * filter chain proxy]: registers the filter chain proxy alone again under that name. Left as it is, with a
     * warning, if the definition does not have the expected shape (another Spring Security version).
     */
    @Bean
    public static BeanFactoryPostProcessor withoutHandlerMappingCacheFilter() {
        return beanFactory -> {
            String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
            if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(name)) {
                return;
            }
            BeanDefinition composite = registry.getBeanDefinition(name);
            if (!COMPOSITE_PROXY.equals(composite.getBeanClassName())) {
                return;
            }
            BeanDefinition proxy = filterChainProxyOf(composite);
            if (proxy == null) {
                LOG.warn("Spring Security's filter chain has an unexpected shape; its MVC handler-mapping cache filter"
                        + " stays on every request");
                return;
            }
            registry.removeBeanDefinition(name);
            registry.registerBeanDefinition(name, proxy);
        };
    }

    /** The filter chain proxy's definition among the composite's filters (the other one is the cache filter). */
    private static BeanDefinition filterChainProxyOf(BeanDefinition composite) {
        var arguments = composite.getConstructorArgumentValues().getIndexedArgumentValues();
        if (arguments.size() != 1
                || !(arguments.values().iterator().next().getValue() instanceof List<?> filters)
                || filters.size() != 2) {
            return null;
        }
        BeanDefinition proxy = null;
        for (Object filter : filters) {
            if (!(filter instanceof BeanDefinition definition)) {
                return null;
            }
            String type = definition.getBeanClassName();
            if (type != null && type.contains("HandlerMappingIntrospectorCacheFilterFactoryBean")) {
                continue;
            }
            proxy = definition;
        }
        return proxy;
    }
}
