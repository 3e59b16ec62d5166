package fr.vigie.routes.resources;

import ca.uhn.fhir.context.FhirContext;
import fr.vigie.routes.common.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Registers the {@code resources} feed (see {@link ResourcesFeedHandler}). */
@AutoConfiguration(after = ImportAutoConfiguration.class)
public class ResourcesFeedConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ResourcesFeedHandler resourcesFeedHandler(FhirContext fhirContext) {
        return new ResourcesFeedHandler(fhirContext);
    }
}
