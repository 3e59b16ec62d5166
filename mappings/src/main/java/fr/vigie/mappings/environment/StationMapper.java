package fr.vigie.mappings.environment;

import fr.vigie.mappings.location.MappingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Location;

/**
 * Stations file ({@code station, name, latitude, longitude}, optional {@code physical_type}) → one {@code Location}
 * per measurement station or area.
 *
 * <p>Identifier {@code https://vigie.example.org/fhir/sid/environment-station|<station>}, the value Observations
 * refer to conditionally. Mode {@code instance}; physical type (HL7 {@code location-physical-type}) {@code si} by
 * default, because a monitoring station is a fenced site with a position, or {@code area} when the
 * {@code physical_type} column says so (a city, a model grid cell, a region). Position WGS84 decimal degrees,
 * latitude in [−90, 90], longitude in [−180, 180]; a missing or out-of-range coordinate rejects the row. An empty
 * name defaults to the station code, with a warning.
 */
public final class StationMapper extends AbstractEnvironmentCsvMapper {

    static final List<String> REQUIRED = List.of("station", "name", "latitude", "longitude");

    public StationMapper() {
        super(REQUIRED);
    }

    @Override
    MappingResult mapRow(Map<String, String> row) {
        String station = EnvironmentResources.station(row.get("station"));
        List<String> warnings = new ArrayList<>();
        String name = row.get("name");
        if (name == null || name.isEmpty()) {
            name = station;
            warnings.add("empty name: the station code " + station + " is used");
        }
        String physicalType = row.get("physical_type");
        if (physicalType == null || physicalType.isEmpty()) {
            physicalType = "si";
        } else if (!physicalType.equals("si") && !physicalType.equals("area")) {
            throw new RejectedValueException("physical_type '" + physicalType + "' must be si or area");
        }
        Location location =
                EnvironmentResources.location(EnvironmentResources.STATION_SYSTEM, station, name, physicalType);
        EnvironmentResources.position(location, row.get("latitude"), row.get("longitude"));
        return new MappingResult.MappedRow(List.of(location), warnings);
    }
}
