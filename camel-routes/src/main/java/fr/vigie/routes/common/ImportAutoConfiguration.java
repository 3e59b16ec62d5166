package fr.vigie.routes.common;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Wires the import framework into any Spring Boot application that has this module on its class path (listed in
 * {@code META-INF/spring/...AutoConfiguration.imports}, so the server needs no component scan of
 * {@code fr.vigie.routes}). Each feed package contributes its {@link FeedHandler} bean through its own
 * auto-configuration.
 *
 * <p>Every bean backs off when the application defines its own ({@code @ConditionalOnMissingBean}): tests swap the
 * writer, the server keeps HAPI's {@link FhirContext}. {@code vigie.import.inbox.enabled=false} removes the inbox
 * routes; HTTP imports keep working.
 */
@AutoConfiguration
@EnableConfigurationProperties(ImportProperties.class)
public class ImportAutoConfiguration {

    /** R4 context for parsing and the client, unless the application (HAPI JPA) already has one. */
    @Bean
    @ConditionalOnMissingBean
    public FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    @ConditionalOnMissingBean
    public FhirTransactionClient fhirTransactionClient(
            FhirContext fhirContext,
            Environment environment,
            ImportProperties properties,
            ObjectProvider<IClientInterceptor> interceptors) {
        return new HapiFhirTransactionClient(
                fhirContext,
                new FhirBaseUrlResolver(environment, properties.fhirBaseUrl()),
                () -> interceptors.orderedStream().toList(),
                properties.fhirTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    public ImportWriter importWriter(
            FhirTransactionClient client, ImportProperties properties, ObjectProvider<IdentifierIndex> indexes) {
        // the application's index describes the local server: not the one a configured base URL names
        boolean local =
                properties.fhirBaseUrl() == null || properties.fhirBaseUrl().isBlank();
        IdentifierIndex index = local ? indexes.getIfAvailable() : null;
        return new FhirWriter(client, index, properties.batchSize(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    public ImportService importService(
            ObjectProvider<FeedHandler> handlers,
            ImportWriter importWriter,
            ImportProperties properties,
            ObjectProvider<ImportListener> listeners) {
        ImportService service = ImportService.create(handlers.orderedStream().toList(), importWriter, properties);
        listeners.orderedStream().forEach(service::addListener);
        return service;
    }

    @Bean
    @ConditionalOnMissingBean
    public VigieRouteConfiguration vigieRouteConfiguration() {
        return new VigieRouteConfiguration();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "vigie.import.inbox", name = "enabled", matchIfMissing = true)
    public InboxRoute inboxRoute(ImportService importService, ImportProperties properties) {
        return new InboxRoute(importService, properties.inbox());
    }
}
