package fr.vigie.server.activity;

import fr.vigie.server.triage.FrenchLevel;
import fr.vigie.server.triage.TriageEngine;
import fr.vigie.server.triage.TriageInput;

/** How the simulator triages an arriving patient: normally Vigie's {@code $triage} engine, in process. */
@FunctionalInterface
public interface TriageFunction {

    /** The FRENCH level of a patient. Must be deterministic: the simulation is reproducible only if it is. */
    FrenchLevel level(TriageInput input);

    /** The {@code $triage} engine: safety rules, then the XGBoost model (no explanation, for speed). */
    static TriageFunction of(TriageEngine engine) {
        return input -> engine.assess(input).level();
    }

    /** Every patient at the same level (queueing checks, where triage is not the point). */
    static TriageFunction constant(FrenchLevel level) {
        return input -> level;
    }
}
