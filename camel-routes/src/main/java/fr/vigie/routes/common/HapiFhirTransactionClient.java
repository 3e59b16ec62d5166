package fr.vigie.routes.common;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FhirTransactionClient} over HAPI's {@link IGenericClient}, built at first use: the local server's port is
 * only known once it has started, after the beans are created.
 *
 * <p>The client has its own {@link FhirContext} (same FHIR version) and so its own {@link ApacheRestfulClientFactory}:
 * HAPI's client takes the HTTP connection of every call from its context's factory, not from the factory that built
 * it, so a private factory alone would leave the context's default 10-second read timeout in force (a transaction
 * on a busy server then fails half-way). The timeouts and validation mode (no {@code /metadata} check) set here
 * therefore stay off the shared context the server uses elsewhere.
 * Every {@link IClientInterceptor} supplied (security tokens, logging) is registered on it.
 */
public class HapiFhirTransactionClient implements FhirTransactionClient {

    private static final Logger log = LoggerFactory.getLogger(HapiFhirTransactionClient.class);

    private final FhirContext fhirContext;
    private final Supplier<String> baseUrlSupplier;
    private final Supplier<List<IClientInterceptor>> interceptors;
    private final Duration timeout;
    private volatile IGenericClient client;

    /**
     * @param baseUrlSupplier called once, at first use
     * @param interceptors called once, at first use
     * @param timeout socket timeout of one transaction (large batches on a busy database take time)
     */
    public HapiFhirTransactionClient(
            FhirContext fhirContext,
            Supplier<String> baseUrlSupplier,
            Supplier<List<IClientInterceptor>> interceptors,
            Duration timeout) {
        this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext");
        this.baseUrlSupplier = Objects.requireNonNull(baseUrlSupplier, "baseUrlSupplier");
        this.interceptors = Objects.requireNonNull(interceptors, "interceptors");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String baseUrl() {
        return client().getServerBase();
    }

    @Override
    public Bundle transaction(Bundle transaction) {
        return client().transaction().withBundle(transaction).execute();
    }

    private IGenericClient client() {
        IGenericClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = create();
                    client = current;
                }
            }
        }
        return current;
    }

    private IGenericClient create() {
        String baseUrl = baseUrlSupplier.get();
        FhirContext clientContext = new FhirContext(fhirContext.getVersion().getVersion());
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(clientContext);
        clientContext.setRestfulClientFactory(factory);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setSocketTimeout(Math.toIntExact(timeout.toMillis()));
        IGenericClient created = factory.newGenericClient(baseUrl);
        created.setEncoding(EncodingEnum.JSON);
        List<IClientInterceptor> registered = interceptors.get();
        registered.forEach(created::registerInterceptor);
        log.info("Imports write to {} ({} client interceptor(s))", baseUrl, registered.size());
        return created;
    }
}
