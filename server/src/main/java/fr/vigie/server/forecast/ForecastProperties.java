package fr.vigie.server.forecast;

import fr.vigie.server.forecast.features.FeatureTableBuilder;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of admissions forecasting ({@code vigie.forecast.*}).
 *
 * @param method how stations are combined: {@code idw} (default) or {@code nearest}
 * @param radiusKm stations farther from the hospital are ignored (default 50)
 * @param idwPower distance exponent of IDW weights (default 2)
 * @param carryForwardDays longest gap bridged by the last value (default 3)
 * @param zone time zone in which days are counted (default Europe/Paris)
 * @param cacheTtl how long a hospital's history read from the database is reused (default 5 minutes)
 * @param backtestDays length of the backtest at the end of a training window (default 365)
 * @param autoModels models tried by {@code model=auto} (default seasonal-naive, glm, xgboost)
 * @param demoTraining train the demo hospital's model in the background after the demo data loads (default true)
 */
@Validated
@ConfigurationProperties("vigie.forecast")
public record ForecastProperties(
        @DefaultValue("idw") @NotNull FeatureTableBuilder.Method method,
        @DefaultValue("50") @Min(1) @Max(500) double radiusKm,
        @DefaultValue("2") double idwPower,
        @DefaultValue("3") @Min(0) @Max(30) int carryForwardDays,
        @DefaultValue("Europe/Paris") @NotNull ZoneId zone,
        @DefaultValue("5m") @NotNull Duration cacheTtl,
        @DefaultValue("365") @Min(28) int backtestDays,
        @DefaultValue({"seasonal-naive", "glm", "xgboost"}) java.util.List<String> autoModels,
        @DefaultValue("true") boolean demoTraining) {

    /** The harmonisation settings. */
    public FeatureTableBuilder.Settings builderSettings() {
        return new FeatureTableBuilder.Settings(method, radiusKm, idwPower, carryForwardDays);
    }
}
