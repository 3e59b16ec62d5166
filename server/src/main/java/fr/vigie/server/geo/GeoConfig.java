package fr.vigie.server.geo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The single in-memory {@link DzIndex} of this node, at the configured cruise speed. */
@Configuration
public class GeoConfig {

    @Bean
    public DzIndex dzIndex(GeoProperties properties) {
        return new DzIndex(properties.cruiseSpeedKmh());
    }
}
