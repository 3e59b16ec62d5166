package fr.vigie.server.dashboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the activity dashboard ({@code vigie.dashboard.activity.*}), handed to the page by
 * {@code /dashboard/config.json}.
 *
 * @param refreshSeconds how often the page polls the FHIR API (5–3600 s)
 * @param days days of arrivals shown per day (the per-hour chart shows the last 24 hours)
 * @param outlook the {@code $forecast-admissions} outlook
 */
@Validated
@ConfigurationProperties("vigie.dashboard.activity")
public record ActivityDashboardProperties(
        @DefaultValue("30") @Min(5) @Max(3600) int refreshSeconds,
        @DefaultValue("14") @Min(1) @Max(31) int days,
        @DefaultValue @NotNull Outlook outlook) {

    /**
     * Which hospital's admissions the outlook forecasts. A model needs at least 120 days of history
     * ({@code $train-forecast}); the demo's simulated month is too short, so the demo points at the forecast demo
     * hospital.
     *
     * @param location the hospital's Location as {@code system|value} of an identifier (empty: no outlook)
     * @param condition the forecast condition ({@code respiratory}, {@code copd}, {@code asthma})
     * @param horizon days forecast (1–14)
     * @param asOf first forecast day, {@code YYYY-MM-DD} (empty: today)
     * @param capacity admissions a day the hospital can take for that condition (beds, staff); the page asks the
     *     probability of exceeding it (empty: no capacity, the page shows the forecast only)
     */
    public record Outlook(
            @DefaultValue("") String location,
            @DefaultValue("respiratory") String condition,
            @DefaultValue("7") @Min(1) @Max(14) int horizon,
            @DefaultValue("") String asOf,
            Double capacity) {}
}
