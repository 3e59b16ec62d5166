package fr.vigie.mappings.environment;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.mappings.location.MappingResult;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;

class StationMapperTest {

    private final StationMapper mapper = new StationMapper();
    private final List<Map<String, String>> rows = EnvironmentFixtures.rows("stations.csv");

    @Test
    void mapsAStationToALocation() {
        Location lyon = location(rows.get(0));
        assertThat(lyon.getIdentifierFirstRep().getSystem())
                .isEqualTo("https://vigie.example.org/fhir/sid/environment-station");
        assertThat(lyon.getIdentifierFirstRep().getValue()).isEqualTo("cams-AQ022");
        assertThat(lyon.getName()).isEqualTo("Lyon");
        assertThat(lyon.getMode()).isEqualTo(Location.LocationMode.INSTANCE);
        assertThat(lyon.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("area");
        assertThat(lyon.getPosition().getLatitude()).isEqualByComparingTo("45.76");
        assertThat(lyon.getPosition().getLongitude()).isEqualByComparingTo("4.85");

        Location halles = location(rows.get(1));
        assertThat(halles.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("si");
    }

    @Test
    void defaultsAnEmptyNameWithAWarning() {
        MappingResult.MappedRow mapped = (MappingResult.MappedRow) mapper.map(rows.get(2));
        assertThat(((Location) mapped.resources().get(0)).getName()).isEqualTo("FR12021");
        assertThat(mapped.warnings()).containsExactly("empty name: the station code FR12021 is used");
    }

    @Test
    void rejectsBadCodesAndCoordinates() {
        assertThat(reason(rows.get(3))).contains("station 'BAD|ID' must be");
        assertThat(reason(rows.get(4))).isEqualTo("latitude 95.5 is outside [-90, 90]");
        assertThat(reason(rows.get(5))).isEqualTo("empty longitude");
        assertThat(reason(rows.get(6))).isEqualTo("physical_type 'building' must be si or area");
    }

    @Test
    void namesMissingColumns() {
        assertThat(mapper.missingColumns(EnvironmentFixtures.header("stations.csv")))
                .isEmpty();
        assertThat(mapper.missingColumns(List.of("Station", "lat", "lon")))
                .containsExactly("name", "latitude", "longitude");
    }

    private Location location(Map<String, String> row) {
        MappingResult result = mapper.map(row);
        assertThat(result).isInstanceOf(MappingResult.MappedRow.class);
        return (Location) ((MappingResult.MappedRow) result).resources().get(0);
    }

    private String reason(Map<String, String> row) {
        MappingResult result = mapper.map(row);
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).reason();
    }
}
