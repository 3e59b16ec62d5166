package fr.vigie.server.missions;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.mappings.registry.Measures;
import org.hl7.fhir.r4.model.Measure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores the SMUR Measures ({@link Measures#all()}) at start, by conditional update on their identifier, so the
 * {@code measure} canonical of every registry MeasureReport resolves on this server; an unchanged Measure makes no
 * new version.
 */
@Component
public class SmurMeasuresLoader {

    private static final Logger log = LoggerFactory.getLogger(SmurMeasuresLoader.class);

    private final DaoRegistry daoRegistry;

    public SmurMeasuresLoader(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    public void store() {
        IFhirResourceDao<Measure> dao = daoRegistry.getResourceDao(Measure.class);
        for (Measure measure : Measures.all()) {
            String id = measure.getIdentifierFirstRep().getValue();
            measure.setId((String) null);
            dao.update(
                    measure,
                    ConditionalUrls.byIdentifier("Measure", Measures.MEASURE_IDENTIFIER_SYSTEM, id),
                    new SystemRequestDetails());
        }
        log.info("SMUR Measures stored: {}", Measures.all().size());
    }
}
