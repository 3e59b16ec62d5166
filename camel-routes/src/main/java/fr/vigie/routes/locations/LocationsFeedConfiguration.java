package fr.vigie.routes.locations;

import fr.vigie.routes.common.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Registers the {@code locations} feed (see {@link LocationsFeedHandler}). */
@AutoConfiguration(after = ImportAutoConfiguration.class)
public class LocationsFeedConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public LocationsFeedHandler locationsFeedHandler() {
        return new LocationsFeedHandler();
    }
}
