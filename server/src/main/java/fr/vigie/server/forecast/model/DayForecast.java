package fr.vigie.server.forecast.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The forecast of one day's admissions: the expected count, the central 80 % and 95 % prediction intervals (counts,
 * {@code lower95 <= lower80 <= expected-ish <= upper80 <= upper95}) and the probability that the day's count is
 * strictly above the peak threshold.
 */
public record DayForecast(
        LocalDate date,
        double expected,
        double lower80,
        double upper80,
        double lower95,
        double upper95,
        double peakProbability) {

    public DayForecast {
        Objects.requireNonNull(date, "date");
        if (!(expected >= 0) || !Double.isFinite(expected)) {
            throw new IllegalArgumentException("expected count must be finite and >= 0: " + expected);
        }
        if (!(lower95 <= lower80 && lower80 <= upper80 && upper80 <= upper95)) {
            throw new IllegalArgumentException("intervals must nest: 95% [" + lower95 + ", " + upper95 + "], 80% ["
                    + lower80 + ", " + upper80 + "]");
        }
        if (!(peakProbability >= 0 && peakProbability <= 1)) {
            throw new IllegalArgumentException("peak probability must be in [0, 1]: " + peakProbability);
        }
    }
}
