package fr.vigie.server.terminology;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Measure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Stores Vigie's own {@code Measure}s at start, before the demo loaders (which import reports pointing to them), so
 * the {@code measure} canonical of every MeasureReport resolves on this server. Conditional update on {@code url}: an
 * unchanged Measure makes no new version, and a newer Vigie updates its text in place. A failure is logged and the
 * server still starts ({@link #withoutThem()} says what then happens).
 */
public abstract class MeasuresAtStart {

    private static final Logger LOG = LoggerFactory.getLogger(MeasuresAtStart.class);

    private final DaoRegistry daoRegistry;

    protected MeasuresAtStart(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** The Measures to store. */
    protected abstract List<Measure> measures();

    /** What the server does without them, for the error log. */
    protected abstract String withoutThem();

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void ensureStored() {
        try {
            store();
        } catch (RuntimeException e) {
            LOG.error("{} could not be stored ({}): {}", getClass().getSimpleName(), withoutThem(), e.getMessage(), e);
        }
    }

    /** Creates or updates each Measure. */
    public void store() {
        IFhirResourceDao<Measure> dao = daoRegistry.getResourceDao(Measure.class);
        List<Measure> measures = measures();
        for (Measure measure : measures) {
            dao.update(
                    measure,
                    "Measure?url=" + URLEncoder.encode(measure.getUrl(), StandardCharsets.UTF_8),
                    new SystemRequestDetails());
        }
        LOG.info("{}: {} Measure(s) stored", getClass().getSimpleName(), measures.size());
    }
}
