package fr.vigie.server.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import fr.vigie.server.config.FhirServerInterceptor;
import fr.vigie.server.security.CallerScopes;
import fr.vigie.terminology.TerminologyCatalog;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Records every FHIR access as an {@code AuditEvent} following IHE Basic Audit Log Patterns (HAPI's BALP
 * interceptor): reads, searches, writes and operations, with the client id of the token as agent, the network
 * address, and the patient when one is involved. AuditEvents are stored in Vigie itself, in the background so that
 * auditing never slows or fails a request, and are readable only with {@code system/AuditEvent.rs}.
 */
@Configuration
@ConditionalOnProperty(name = "vigie.audit.enabled", havingValue = "true", matchIfMissing = true)
public class AuditConfig {

    /** Identifier system of client ids in audit agents. */
    public static final String CLIENT_ID_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/client-id";

    @Bean
    public AuditEventStore auditEventStore(DaoRegistry daoRegistry) {
        return new AuditEventStore(daoRegistry);
    }

    @Bean
    public BalpInterceptor balpInterceptor(AuditEventStore store) {
        return new BalpInterceptor(store, new TokenAuditContext());
    }

    /** The BALP interceptor, registered on the FHIR endpoint like every Vigie interceptor. */
    public static class BalpInterceptor extends BalpAuditCaptureInterceptor implements FhirServerInterceptor {
        BalpInterceptor(IBalpAuditEventSink sink, IBalpAuditContextServices context) {
            super(sink, context);
        }
    }

    /** Who made the request: the token's client id. */
    static class TokenAuditContext implements IBalpAuditContextServices {
        @Override
        public Reference getAgentClientWho(RequestDetails request) {
            return who();
        }

        @Override
        public Reference getAgentUserWho(RequestDetails request) {
            return who();
        }

        /** Relative references: absolute ones to this very server would be refused as external references. */
        @Override
        public String massageResourceIdForStorage(
                RequestDetails request,
                org.hl7.fhir.instance.model.api.IBaseResource resource,
                org.hl7.fhir.instance.model.api.IIdType id) {
            return id.toUnqualified().getValue();
        }

        private static Reference who() {
            String client =
                    CallerScopes.currentToken().map(CallerScopes::clientId).orElse("anonymous");
            return new Reference()
                    .setIdentifier(new Identifier().setSystem(CLIENT_ID_SYSTEM).setValue(client))
                    .setDisplay(client);
        }
    }

    /** Stores AuditEvents on a background thread with a bounded queue; logs what it cannot store. */
    public static class AuditEventStore implements IBalpAuditEventSink {
        private static final Logger log = LoggerFactory.getLogger(AuditEventStore.class);
        private final DaoRegistry daoRegistry;
        private final ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), runnable -> {
                    Thread thread = new Thread(runnable, "vigie-audit");
                    thread.setDaemon(true);
                    return thread;
                });

        AuditEventStore(DaoRegistry daoRegistry) {
            this.daoRegistry = daoRegistry;
        }

        @Override
        public void recordAuditEvent(AuditEvent event) {
            try {
                executor.execute(() -> store(event));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The queue is full: never drop silently.
                log.error(
                        "Audit queue full, AuditEvent logged instead of stored: {}",
                        event.getType().getCode());
            }
        }

        private void store(AuditEvent event) {
            try {
                daoRegistry.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
            } catch (RuntimeException e) {
                // Typically a reference to a resource deleted meanwhile: keep the event, with the references as text.
                try {
                    AuditEvent copy = event.copy();
                    copy.getEntity().stream()
                            .filter(entity -> entity.hasWhat())
                            .forEach(entity -> entity.setWhat(
                                    new Reference().setDisplay(entity.getWhat().getReference())));
                    daoRegistry.getResourceDao(AuditEvent.class).create(copy, new SystemRequestDetails());
                } catch (RuntimeException again) {
                    log.error("AuditEvent could not be stored: {}", again.getMessage());
                }
            }
        }

        /** Waits until queued events are stored (tests, shutdown). */
        public boolean flush(long timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (executor.getQueue().size() > 0 || executor.getActiveCount() > 0) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            return true;
        }

        @PreDestroy
        void stop() throws InterruptedException {
            flush(10, TimeUnit.SECONDS);
            executor.shutdown();
        }
    }
}
