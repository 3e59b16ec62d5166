package fr.vigie.server.forecast.features;

import java.util.List;
import java.util.Objects;

/**
 * The values of one parameter at one station or area.
 *
 * @param station station or area code (the Location's identifier)
 * @param latitude WGS84 latitude, NaN for an area without a position
 * @param longitude WGS84 longitude, NaN for an area without a position
 * @param parameter code of the environmental-parameter CodeSystem ({@code pm10}, {@code o3}, {@code ili-incidence}…)
 * @param measurements values in any order
 */
public record StationSeries(
        String station, double latitude, double longitude, String parameter, List<Measurement> measurements) {

    public StationSeries {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(parameter, "parameter");
        measurements = List.copyOf(measurements);
    }

    /** Whether the series has a position (else it describes an area as a whole). */
    public boolean positioned() {
        return !Double.isNaN(latitude) && !Double.isNaN(longitude);
    }
}
