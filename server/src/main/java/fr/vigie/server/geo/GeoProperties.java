package fr.vigie.server.geo;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dropping-zone index and {@code $nearest-dz}, bound from {@code vigie.geo.*}.
 *
 * @param cruiseSpeedKmh helicopter cruise speed in km/h used for {@code flightMinutes} (default 230, a typical
 *     EC135/H135 medical helicopter; 50–1000)
 * @param pollInterval how often this node looks in the shared database for Location changes made by other nodes
 *     (default 5 s); HAPI's cache refresher itself runs every 10 s, so changes from another node show within about
 *     {@code max(pollInterval, 10 s)}. Writes made on this node are applied at once.
 */
@Validated
@ConfigurationProperties("vigie.geo")
public record GeoProperties(
        @DefaultValue("230") @DecimalMin("50") @DecimalMax("1000")
        double cruiseSpeedKmh,

        @DefaultValue("5s") Duration pollInterval) {}
