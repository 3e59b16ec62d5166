package fr.vigie.server.forecast;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import fr.vigie.server.demo.DemoDataLoader;
import fr.vigie.terminology.TerminologyCatalog;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Trains the demo hospital's model (demo/forecast/README.txt) in the background once the demo loader has stored its
 * admissions and environment, so {@code $forecast-admissions} answers on first start without delaying it. Polls the
 * demo markers every 10 s for at most 30 minutes; does nothing when a model exists already.
 */
@Component
@ConditionalOnProperty(
        name = {"vigie.demo.enabled", "vigie.forecast.demo-training"},
        havingValue = "true",
        matchIfMissing = true)
public class ForecastDemo {

    /** Identifier of the demo hospital. */
    public static final String HOSPITAL_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/demo-hospital";

    public static final String HOSPITAL = "nmmaps-chicago";

    /** Last training day: the demo forecasts December 2000 out of sample. */
    static final LocalDate UNTIL = LocalDate.of(2000, 11, 30);

    private static final Logger LOG = LoggerFactory.getLogger(ForecastDemo.class);
    private static final List<String> MARKERS = List.of(
            "admissions/forecast/admissions-nmmaps-chicago-1997-2000.csv",
            "environment/forecast/nmmaps-chicago-1997-2000.csv");

    private final DaoRegistry daoRegistry;
    private final ForecastService service;
    private final ModelRepository repository;

    public ForecastDemo(DaoRegistry daoRegistry, ForecastService service, ModelRepository repository) {
        this.daoRegistry = daoRegistry;
        this.service = service;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        Thread thread = new Thread(this::trainWhenLoaded, "forecast-demo");
        thread.setDaemon(true);
        thread.start();
    }

    void trainWhenLoaded() {
        long deadline = System.currentTimeMillis() + 30 * 60_000L;
        try {
            while (System.currentTimeMillis() < deadline) {
                if (MARKERS.stream().allMatch(this::loaded)) {
                    train();
                    return;
                }
                Thread.sleep(10_000);
            }
            LOG.warn("Demo forecast model not trained: the demo admissions or environment were not loaded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Demo forecast model could not be trained: {}", e.getMessage(), e);
        }
    }

    private void train() {
        List<IBaseResource> hospitals = daoRegistry
                .getResourceDao(Location.class)
                .search(
                        SearchParameterMap.newSynchronous(
                                Location.SP_IDENTIFIER, new TokenParam(HOSPITAL_SYSTEM, HOSPITAL)),
                        new SystemRequestDetails())
                .getResources(0, 1);
        if (hospitals.isEmpty()) {
            LOG.warn("Demo hospital {}|{} not found", HOSPITAL_SYSTEM, HOSPITAL);
            return;
        }
        String id = hospitals.get(0).getIdElement().getIdPart();
        if (repository.find(id, ForecastCondition.RESPIRATORY.code(), null).isPresent()) {
            return;
        }
        long start = System.nanoTime();
        ForecastService.TrainingResult result =
                service.train(id, ForecastCondition.RESPIRATORY, UNTIL, "glm", Double.NaN, (f, m) -> {});
        LOG.info(
                "Demo forecast model {} ({}) trained for Location/{} in {} s: try"
                        + " GET /fhir/Location/{}/$forecast-admissions?horizon=7&condition=respiratory&asOf=2000-12-01",
                result.card().id(),
                result.card().model(),
                id,
                Math.round((System.nanoTime() - start) / 1e9),
                id);
    }

    private boolean loaded(String key) {
        return !daoRegistry
                .getResourceDao(Basic.class)
                .search(
                        SearchParameterMap.newSynchronous(
                                "identifier", new TokenParam(DemoDataLoader.MARKER_SYSTEM, key)),
                        new SystemRequestDetails())
                .isEmpty();
    }
}
