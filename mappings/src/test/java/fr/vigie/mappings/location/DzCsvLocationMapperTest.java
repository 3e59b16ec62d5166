package fr.vigie.mappings.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.vigie.terminology.TerminologyCatalog;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;

class DzCsvLocationMapperTest {

    private final DzCsvLocationMapper mapper = new DzCsvLocationMapper();
    private final List<Map<String, String>> rows = Fixtures.rows("dz.csv", ';');

    @Test
    void needsIdNameTypeAndOnePairOfCoordinates() {
        assertThat(mapper.missingColumns(Fixtures.header("dz.csv", ';'))).isEmpty();
        assertThat(mapper.missingColumns(List.of("ID", "Name", "dz_type", "x_l93", "y_l93")))
                .isEmpty();
        assertThat(mapper.missingColumns(List.of("id", "latitude", "y_l93")))
                .containsExactly("name", "dz_type", "latitude and longitude, or x_l93 and y_l93");
    }

    @Test
    void mapsWgs84Row() {
        Location stadium = mapped(0);

        assertThat(stadium.getIdentifierFirstRep().getSystem()).isEqualTo(DzCsvLocationMapper.DZ_SYSTEM);
        assertThat(stadium.getIdentifierFirstRep().getValue()).isEqualTo("DZ-59-001");
        assertThat(stadium.getName()).isEqualTo("Stade Pierre-Mauroy");
        assertThat(stadium.getTypeFirstRep().getCodingFirstRep().getSystem()).isEqualTo(TerminologyCatalog.CS_DZ_TYPE);
        assertThat(stadium.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("stadium");
        assertThat(stadium.getStatus()).isEqualTo(Location.LocationStatus.ACTIVE);
        assertThat(stadium.getPosition().getLatitude()).isEqualByComparingTo("50.611944");
        assertThat(stadium.getPosition().getLongitude()).isEqualByComparingTo("3.130556");
        assertThat(((BooleanType) stadium.getExtensionByUrl(
                                        "https://vigie.example.org/fhir/StructureDefinition/dz-night-use")
                                .getValue())
                        .booleanValue())
                .isTrue();
        assertThat(stadium.getMeta().getTagFirstRep().getCode()).isEqualTo("unverified");
    }

    @Test
    void convertsLambert93Rows() {
        Location fireStation = mapped(1);
        assertThat(fireStation.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("fire-station");
        assertThat(fireStation.getPosition().getLatitude().doubleValue()).isCloseTo(50.6366, within(1.0e-5));
        assertThat(fireStation.getPosition().getLongitude().doubleValue()).isCloseTo(3.0635, within(1.0e-5));
        assertThat(((BooleanType) fireStation
                                .getExtensionByUrl(DzCsvLocationMapper.NIGHT_USE_EXTENSION)
                                .getValue())
                        .booleanValue())
                .isFalse();

        Location parvis = mapped(2);
        assertThat(parvis.getPosition().getLatitude().doubleValue()).isCloseTo(48.853, within(1.0e-5));
        assertThat(parvis.getPosition().getLongitude().doubleValue()).isCloseTo(2.349, within(1.0e-5));
        assertThat(parvis.getStatus()).isEqualTo(Location.LocationStatus.INACTIVE);
        assertThat(parvis.hasExtension(DzCsvLocationMapper.NIGHT_USE_EXTENSION)).isFalse();
    }

    @Test
    void rejectsBadRows() {
        assertThat(reason(3)).contains("outside the area of Lambert-93");
        assertThat(reason(4)).startsWith("unknown dz_type 'parking' (expected one of hospital-helipad, heliport");
        assertThat(reason(5)).isEqualTo("night_use 'maybe' is not true/false (or oui/non)");
        assertThat(reason(6)).isEqualTo("empty id");
        assertThat(reason(7)).isEqualTo("longitude 183.2 is outside [-180, 180]");
    }

    @Test
    void rejectsUnknownStatusAndHalfPositions() {
        Map<String, String> base = Map.of("id", "A", "name", "B", "dz_type", "other");
        assertThat(mapper.map(with(base, "latitude", "50", "status", "closed")))
                .isEqualTo(new MappingResult.Rejected("status 'closed' is not one of active, suspended, inactive"));
        assertThat(mapper.map(with(base, "latitude", "50"))).isEqualTo(new MappingResult.Rejected("missing longitude"));
        assertThat(mapper.map(with(base, "x_l93", "700000"))).isEqualTo(new MappingResult.Rejected("missing y_l93"));
        assertThat(mapper.map(with(base, "latitude", "abc", "longitude", "2")))
                .isEqualTo(new MappingResult.Rejected("latitude 'abc' is not a number"));
        assertThat(mapper.map(base))
                .isEqualTo(new MappingResult.Rejected("missing coordinates: latitude and longitude are empty"));
    }

    @Test
    void prefersWgs84AndWarnsWhenBothPairsAreGiven() {
        Map<String, String> row = with(
                Map.of("id", "A", "name", "B", "dz_type", "Hospital_Helipad"),
                "latitude",
                "50.1",
                "longitude",
                "3.2",
                "x_l93",
                "1",
                "y_l93",
                "2");
        MappingResult.MappedRow mapped = (MappingResult.MappedRow) mapper.map(row);
        assertThat(mapped.warnings()).containsExactly("x_l93/y_l93 ignored: latitude/longitude given");
        assertThat(((Location) mapped.resources().get(0))
                        .getTypeFirstRep()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("hospital-helipad");
    }

    private Location mapped(int index) {
        MappingResult result = mapper.map(rows.get(index));
        assertThat(result).isInstanceOf(MappingResult.MappedRow.class);
        return (Location) ((MappingResult.MappedRow) result).resources().get(0);
    }

    private String reason(int index) {
        MappingResult result = mapper.map(rows.get(index));
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).reason();
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> row = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
