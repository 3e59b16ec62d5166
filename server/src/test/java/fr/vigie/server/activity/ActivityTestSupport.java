package fr.vigie.server.activity;

import fr.vigie.server.triage.ComplaintCategorizer;
import fr.vigie.server.triage.TriageEngine;
import fr.vigie.server.triage.TriageFeatures;
import fr.vigie.server.triage.TriageModel;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The shipped triage engine, loaded once for the activity tests, and a default week's simulation. */
final class ActivityTestSupport {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A winter start that crosses no daylight-saving change in a week. */
    static final ZonedDateTime START = ZonedDateTime.of(2025, 1, 6, 0, 0, 0, 0, PARIS);

    private static TriageEngine engine;

    private ActivityTestSupport() {}

    static synchronized TriageEngine engine() {
        if (engine == null) {
            engine = new TriageEngine(
                    TriageModel.fromClasspath(new TriageFeatures(ComplaintCategorizer.fromClasspath())));
        }
        return engine;
    }

    static SimulationResult simulate(long seed, ZonedDateTime start, int days) {
        return new ActivitySimulator(Department.defaults(), TriageFunction.of(engine())).run(seed, start, days);
    }
}
