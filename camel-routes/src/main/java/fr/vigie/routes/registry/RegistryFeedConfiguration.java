package fr.vigie.routes.registry;

import fr.vigie.mappings.registry.RegistryMapper;
import fr.vigie.routes.common.FhirTransactionClient;
import fr.vigie.routes.common.ImportAutoConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Registers the {@code registry} feed (see {@link RegistryFeedHandler}) with the shipped specs. */
@AutoConfiguration(after = ImportAutoConfiguration.class)
public class RegistryFeedConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public RegistryFeedHandler registryFeedHandler(FhirTransactionClient client) {
        return new RegistryFeedHandler(
                RegistryMapper.shippedSpecs(), new FhirLocationDirectory(client), Clock.systemDefaultZone());
    }
}
