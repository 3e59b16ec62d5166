package fr.vigie.mappings.location;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.terminology.TerminologyCatalog;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;

class OurAirportsLocationMapperTest {

    private final OurAirportsLocationMapper mapper = new OurAirportsLocationMapper();
    private final List<Map<String, String>> rows = Fixtures.rows("ourairports.csv", ',');

    @Test
    void acceptsTheRealHeader() {
        assertThat(mapper.missingColumns(Fixtures.header("ourairports.csv", ',')))
                .isEmpty();
        assertThat(mapper.missingColumns(List.of("id", "ident", "name", "type", "latitude_deg", "longitude_deg")))
                .isEmpty();
    }

    @Test
    void namesMissingColumns() {
        assertThat(mapper.missingColumns(List.of("id", "ident", "latitude")))
                .containsExactly("name", "type", "longitude_deg (or longitude)");
    }

    @Test
    void mapsHospitalHelipad() {
        Location location = map("FR-0001");

        assertThat(location.getIdentifierFirstRep().getSystem()).isEqualTo("https://ourairports.com/airports");
        assertThat(location.getIdentifierFirstRep().getValue()).isEqualTo("FR-0001");
        assertThat(location.getIdentifier())
                .extracting(i -> i.getSystem() + "|" + i.getValue())
                .containsExactly(
                        "https://ourairports.com/airports|FR-0001",
                        OurAirportsLocationMapper.OURAIRPORTS_ID_SYSTEM + "|23472");
        assertThat(location.getName()).isEqualTo("Emile Muller Hospital Heliport");
        assertThat(location.getMode()).isEqualTo(Location.LocationMode.INSTANCE);
        assertThat(location.getStatus()).isEqualTo(Location.LocationStatus.ACTIVE);
        assertThat(dzType(location)).isEqualTo("hospital-helipad");
        assertThat(location.getTypeFirstRep().getCodingFirstRep().getSystem()).isEqualTo(TerminologyCatalog.CS_DZ_TYPE);
        assertThat(location.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("area");
        assertThat(location.getPosition().getLatitude()).isEqualByComparingTo("47.725328");
        assertThat(location.getPosition().getLongitude()).isEqualByComparingTo("7.344995");
        assertThat(location.getPosition().getAltitude()).isEqualByComparingTo("329.5");
        assertThat(location.getAddress().getCity()).isEqualTo("Mulhouse");
        assertThat(location.getAddress().getState()).isEqualTo("FR-GES");
        assertThat(location.getAddress().getCountry()).isEqualTo("FR");
        assertThat(location.getMeta().getTag()).singleElement().satisfies(tag -> {
            assertThat(tag.getSystem()).isEqualTo(TerminologyCatalog.CS_LOCATION_VERIFICATION);
            assertThat(tag.getCode()).isEqualTo("unverified");
        });
    }

    @Test
    void typesHeliportsAndAirports() {
        assertThat(dzType(map("FR-0097"))).isEqualTo("hospital-helipad");
        assertThat(dzType(map("FR-0010"))).isEqualTo("heliport");
        assertThat(dzType(map("FR-0031"))).isEqualTo("fire-station");
        Location lille = map("LFQQ");
        assertThat(dzType(lille)).isEqualTo("airport");
        assertThat(lille.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("si");
        assertThat(lille.getIdentifier())
                .extracting(i -> i.getSystem() + "|" + i.getValue())
                .contains(OurAirportsLocationMapper.ICAO_SYSTEM + "|LFQQ");
        Location stJean = map("TFFJ");
        assertThat(dzType(stJean)).isEqualTo("airport");
        assertThat(stJean.getAddress().getCountry()).isEqualTo("BL");
    }

    @Test
    void closedSitesKeepTheirTypeAndBecomeInactiveAndObsolete() {
        Location troyes = map("FR-0033");
        assertThat(dzType(troyes)).isEqualTo("hospital-helipad");
        assertThat(troyes.getStatus()).isEqualTo(Location.LocationStatus.INACTIVE);
        assertThat(troyes.getMeta().getTagFirstRep().getCode()).isEqualTo("obsolete");
        Location bretigny = map("FR-1252");
        assertThat(dzType(bretigny)).isEqualTo("airport");
        assertThat(bretigny.getStatus()).isEqualTo(Location.LocationStatus.INACTIVE);
    }

    @Test
    void rejectsSitesHelicoptersDoNotUse() {
        assertThat(reason("FR-0358")).contains("seaplane_base is not a landing point for SMUR helicopters");
        assertThat(reason("FR-0354")).contains("balloonport is not a landing point");
    }

    @Test
    void rejectsBadPositionsAndEmptyIdent() {
        assertThat(reason("FR-9001")).isEqualTo("latitude 95.5 is outside [-90, 90]");
        assertThat(reason("FR-9002")).isEqualTo("missing coordinates: latitude and longitude are empty");
        MappingResult noIdent = mapper.map(rows.get(rows.size() - 1));
        assertThat(noIdent).isEqualTo(new MappingResult.Rejected("empty ident"));
        assertThat(mapper.rowId(rows.get(rows.size() - 1))).isEmpty();
    }

    @Test
    void rejectsUnknownTypeAndWarnsOnBadElevation() {
        Map<String, String> row =
                Map.of("ident", "X1", "name", "n", "type", "spaceport", "latitude", "1", "longitude", "2");
        assertThat(mapper.map(row)).isInstanceOf(MappingResult.Rejected.class);
        assertThat(((MappingResult.Rejected) mapper.map(row)).reason()).startsWith("unknown OurAirports type");

        Map<String, String> feet = Map.of(
                "IDENT ",
                "X2",
                "name",
                "Héliport",
                "type",
                "heliport",
                "latitude_deg",
                "1",
                "longitude_deg",
                "2",
                "elevation_ft",
                "high");
        MappingResult.MappedRow mapped = (MappingResult.MappedRow) mapper.map(feet);
        assertThat(mapped.warnings()).containsExactly("elevation_ft 'high' is not a number: altitude left out");
        assertThat(((Location) mapped.resources().get(0)).getPosition().hasAltitude())
                .isFalse();
    }

    private Location map(String ident) {
        MappingResult result = mapper.map(row(ident));
        assertThat(result).isInstanceOf(MappingResult.MappedRow.class);
        List<?> resources = ((MappingResult.MappedRow) result).resources();
        assertThat(resources).hasSize(1);
        return (Location) resources.get(0);
    }

    private String reason(String ident) {
        MappingResult result = mapper.map(row(ident));
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).reason();
    }

    private Map<String, String> row(String ident) {
        return rows.stream()
                .filter(r -> ident.equals(r.get("ident")))
                .findFirst()
                .orElseThrow();
    }

    private static String dzType(Location location) {
        return location.getTypeFirstRep().getCodingFirstRep().getCode();
    }
}
