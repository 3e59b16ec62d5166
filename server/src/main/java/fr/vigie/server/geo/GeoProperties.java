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
 * @param associationMaxDistance reach of the hospital ↔ DZ association: a hospital is associated with its nearest
 *     active DZ only when that DZ is at most this far along the geodesic (default 100 km, about 26 minutes at 230
 *     km/h); beyond it the hospital has no {@code dropping-zone} and {@code $associate-dz} lists it as {@code
 *     none-in-reach}
 * @param associationDelay quiet time after the last change of a DZ on this node (import, REST write, obsolete tag)
 *     before the hospitals are re-associated (default 2 s), so that a DZ import of thousands of rows triggers one
 *     pass, not thousands
 * @param httpFastPath serve {@code GET [base]/Location/$nearest-dz?latitude=&longitude=} (valid parameters, JSON)
 *     without HAPI's per-request machinery, same answer, headers and access rule (default true; see {@link
 *     NearestDzFastPath}); false sends every call through HAPI
 */
@Validated
@ConfigurationProperties("vigie.geo")
public record GeoProperties(
        @DefaultValue("230") @DecimalMin("50") @DecimalMax("1000")
        double cruiseSpeedKmh,

        @DefaultValue("5s") Duration pollInterval,

        @DefaultValue("100000") @DecimalMin("0") double associationMaxDistance,

        @DefaultValue("2s") Duration associationDelay,

        @DefaultValue("true") boolean httpFastPath) {}
