package fr.vigie.server.activity;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import fr.vigie.server.demo.DemoDataLoader;
import fr.vigie.server.demo.DemoDataProperties;
import fr.vigie.server.triage.TriageModels;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads a month of simulated emergency activity at first start, so that an activity dashboard has data: the default
 * department ({@link Department#defaults()}) simulated with {@code vigie.activity.demo.seed} over the {@code days}
 * days that end at the hour of the first start, so patients are still waiting and in treatment "now".
 *
 * <p>Why generated rather than a committed file: a month is about 4,000 visits, 8 MB of NDJSON, that the simulator
 * rebuilds deterministically (same seed and start hour, same resources) in about a second. It is written as the
 * simulator's transaction bundles ({@link FhirServerActivityWriter#bundles}, one a day, conditional updates), through
 * the system DAO in process, in the background after start like the other demo data, so the start is not slowed.
 * Those bundles are the ones the FHIR-server writer sends, which pass the server's validation (ActivitySimulationIT).
 * A marker (a {@code Basic} with the demo-entry identifier system of {@link DemoDataLoader}) keeps a later start from
 * loading it again.
 */
@Component
@ConditionalOnProperty(name = "vigie.activity.demo.enabled", havingValue = "true")
public class ActivityDemoLoader {

    /** Marker key of the simulated month. */
    public static final String MARKER_KEY = "activity/simulated-days";

    private static final Logger LOG = LoggerFactory.getLogger(ActivityDemoLoader.class);

    private final DaoRegistry daoRegistry;
    private final TriageModels models;
    private final ActivityDemoProperties properties;
    private final DemoDataProperties demo;

    public ActivityDemoLoader(
            DaoRegistry daoRegistry, TriageModels models, ActivityDemoProperties properties, DemoDataProperties demo) {
        this.daoRegistry = daoRegistry;
        this.models = models;
        this.properties = properties;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        ZonedDateTime end = ZonedDateTime.now(ZoneId.of(properties.zone())).truncatedTo(ChronoUnit.HOURS);
        if (demo.waitForCompletion()) {
            load(end);
        } else {
            Thread loader = new Thread(() -> load(end), "vigie-activity-demo-loader");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** Simulates and stores the days ending at {@code end}, unless already loaded; returns the visits stored. */
    public int load(ZonedDateTime end) {
        try {
            if (isLoaded()) {
                LOG.debug("Simulated activity already loaded");
                return 0;
            }
            long start = System.nanoTime();
            SimulationResult result = new ActivitySimulator(Department.defaults(), TriageFunction.of(models.engine()))
                    .run(properties.seed(), end.minusDays(properties.days()), properties.days());
            @SuppressWarnings("unchecked")
            IFhirSystemDao<Bundle, ?> system = (IFhirSystemDao<Bundle, ?>) daoRegistry.getSystemDao();
            List<Bundle> bundles = FhirServerActivityWriter.bundles(result);
            for (Bundle bundle : bundles) {
                system.transaction(new SystemRequestDetails(), bundle);
            }
            markLoaded();
            LOG.info(
                    "Simulated emergency activity loaded: {} visits over {} days to {} (seed {}), {} transactions, in {}"
                            + " s",
                    result.visits().size(),
                    properties.days(),
                    end,
                    properties.seed(),
                    bundles.size(),
                    (System.nanoTime() - start) / 1_000_000_000);
            return result.visits().size();
        } catch (RuntimeException e) {
            // Demo data must not stop the server; the next start tries again.
            LOG.error("Simulated activity could not be loaded: {}", e.getMessage(), e);
            return 0;
        }
    }

    private boolean isLoaded() {
        IFhirResourceDao<Basic> dao = daoRegistry.getResourceDao(Basic.class);
        SearchParameterMap map = SearchParameterMap.newSynchronous(
                "identifier", new TokenParam(DemoDataLoader.MARKER_SYSTEM, MARKER_KEY));
        return !dao.search(map, new SystemRequestDetails()).isEmpty();
    }

    private void markLoaded() {
        Basic marker = new Basic();
        marker.addIdentifier().setSystem(DemoDataLoader.MARKER_SYSTEM).setValue(MARKER_KEY);
        marker.getCode().setText("Vigie demo data entry loaded: simulated emergency activity");
        marker.setCreatedElement(new DateType(new java.util.Date()));
        daoRegistry.getResourceDao(Basic.class).create(marker, new SystemRequestDetails());
    }
}
