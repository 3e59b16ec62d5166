package fr.vigie.server.forecast.features;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One value of an environmental parameter over a period of local (Europe/Paris) time, {@code [start, end)}: an hour,
 * a day or an ISO week. Values are in the parameter's canonical UCUM unit (the environment feed converts them).
 */
public record Measurement(LocalDateTime start, LocalDateTime end, double value) {

    public Measurement {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period end " + end + " is not after its start " + start);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite: " + value);
        }
    }

    /** Resolution of a measurement, from its period's length. */
    public enum Resolution {
        HOURLY,
        DAILY,
        WEEKLY
    }

    /** Hourly up to 2 h, daily up to 2 days, weekly beyond. */
    public Resolution resolution() {
        long minutes = java.time.Duration.between(start, end).toMinutes();
        if (minutes <= 120) {
            return Resolution.HOURLY;
        }
        return minutes <= 2 * 24 * 60 ? Resolution.DAILY : Resolution.WEEKLY;
    }
}
