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

    /** Location lookups over the FHIR API of the import target; the server replaces it with a local one. */
    @Bean
    @ConditionalOnMissingBean
    public RegistryFeedHandler.LocationDirectory registryLocationDirectory(FhirTransactionClient client) {
        return new FhirLocationDirectory(client);
    }

    @Bean
    @ConditionalOnMissingBean
    public RegistryFeedHandler registryFeedHandler(RegistryFeedHandler.LocationDirectory directory) {
        return new RegistryFeedHandler(RegistryMapper.shippedSpecs(), directory, Clock.systemDefaultZone());
    }
}
