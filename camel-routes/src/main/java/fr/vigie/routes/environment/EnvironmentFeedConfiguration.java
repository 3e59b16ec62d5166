package fr.vigie.routes.environment;

import fr.vigie.routes.common.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Registers the {@code environment} feed (see {@link EnvironmentFeedHandler}). */
@AutoConfiguration(after = ImportAutoConfiguration.class)
public class EnvironmentFeedConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public EnvironmentFeedHandler environmentFeedHandler() {
        return new EnvironmentFeedHandler();
    }
}
