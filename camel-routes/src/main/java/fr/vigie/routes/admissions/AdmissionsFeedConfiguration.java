package fr.vigie.routes.admissions;

import fr.vigie.routes.common.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Registers the {@code admissions} feed (see {@link AdmissionsFeedHandler}). */
@AutoConfiguration(after = ImportAutoConfiguration.class)
public class AdmissionsFeedConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public AdmissionsFeedHandler admissionsFeedHandler() {
        return new AdmissionsFeedHandler();
    }
}
