package fr.vigie.server.triage;

import fr.vigie.server.los.EmergencyLos;
import fr.vigie.server.los.LosModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The shipped models, loaded once at start from {@code models/} on the classpath (triage and emergency length of
 * stay; a few MB of XGBoost UBJ, loaded in a fraction of a second, logged). A missing or mismatched model stops the
 * start with a message saying how to rebuild it.
 */
@Component
public class TriageModels {

    private static final Logger LOG = LoggerFactory.getLogger(TriageModels.class);

    private final TriageFeatures features;
    private final TriageEngine engine;
    private final LosModel emergencyLos;

    public TriageModels() {
        long start = System.nanoTime();
        this.features = new TriageFeatures(ComplaintCategorizer.fromClasspath());
        this.engine = new TriageEngine(TriageModel.fromClasspath(features));
        this.emergencyLos = EmergencyLos.fromClasspath(features);
        LOG.info(
                "Loaded triage model {} and length-of-stay model {} in {} ms",
                engine.model().version(),
                emergencyLos.version(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The triage features (complaint lexicon included). */
    public TriageFeatures features() {
        return features;
    }

    /** Safety rules plus the triage model. */
    public TriageEngine engine() {
        return engine;
    }

    /** The emergency length-of-stay model (minutes). */
    public LosModel emergencyLos() {
        return emergencyLos;
    }
}
