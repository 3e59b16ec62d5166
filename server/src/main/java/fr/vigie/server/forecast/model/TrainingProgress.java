package fr.vigie.server.forecast.model;

/** Receives a training run's progress (for {@code Prefer: respond-async} status answers). */
@FunctionalInterface
public interface TrainingProgress {

    /** Ignores every report. */
    TrainingProgress NONE = (fraction, message) -> {};

    /**
     * @param fraction share of the work done, 0..1
     * @param message what is being done, for people
     */
    void report(double fraction, String message);
}
