package fr.vigie.server.missions;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import fr.vigie.mappings.registry.Measures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Measure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores the SMUR Measures ({@link Measures#definitions()}) at start, so the {@code measure} canonical of every
 * registry MeasureReport resolves on this server. They declare no groups, on purpose (see {@link Measures}: one group
 * per aircraft, and aircraft are data). Conditional update on {@code url}: an unchanged Measure makes no new version,
 * and a newer Vigie updates the text in place. Runs before the demo loader, which imports registry reports.
 */
@Component
public class SmurMeasures {

    private static final Logger log = LoggerFactory.getLogger(SmurMeasures.class);

    private final DaoRegistry daoRegistry;

    public SmurMeasures(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void ensureStored() {
        try {
            store();
        } catch (RuntimeException e) {
            // the server still starts: registry reports are stored without them (their canonical does not resolve)
            log.error("SMUR Measures could not be stored: {}", e.getMessage(), e);
        }
    }

    /** Creates or updates each SMUR Measure. */
    public void store() {
        IFhirResourceDao<Measure> dao = daoRegistry.getResourceDao(Measure.class);
        for (Measure measure : Measures.definitions()) {
            dao.update(
                    measure,
                    "Measure?url=" + URLEncoder.encode(measure.getUrl(), StandardCharsets.UTF_8),
                    new SystemRequestDetails());
        }
        log.info("SMUR Measures stored: {}", Measures.definitions().size());
    }
}
