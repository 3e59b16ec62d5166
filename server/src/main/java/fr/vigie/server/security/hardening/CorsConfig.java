package fr.vigie.server.security.hardening;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Cross-origin access for browser applications, from {@code vigie.security.hardening.cors.*}.
 *
 * <p>Off by default: with no {@code allowed-origins} the source holds no configuration, so preflight requests get no
 * {@code Access-Control-Allow-*} header and browsers block every cross-origin call (server-to-server clients are not
 * concerned by CORS). When origins are listed, they get the configured methods and headers on every path, without
 * credentials (cookies): Vigie authenticates with bearer tokens only.
 *
 * <p>The bean is named {@code corsConfigurationSource} because that is the name Spring Security's
 * {@code http.cors(Customizer.withDefaults())} looks up.
 */
@Configuration
public class CorsConfig {

    @Bean
    public CorsConfigurationSource corsConfigurationSource(HardeningProperties properties) {
        return source(properties.cors());
    }

    static UrlBasedCorsConfigurationSource source(HardeningProperties.Cors cors) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!cors.enabled()) {
            return source;
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(cors.allowedMethods());
        configuration.setAllowedHeaders(cors.allowedHeaders());
        configuration.setExposedHeaders(cors.exposedHeaders());
        configuration.setMaxAge(Duration.ofSeconds(cors.maxAgeSeconds()));
        configuration.setAllowCredentials(false);
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }
}
