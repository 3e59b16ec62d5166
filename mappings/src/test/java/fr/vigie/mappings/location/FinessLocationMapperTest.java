package fr.vigie.mappings.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.terminology.TerminologyCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinessLocationMapperTest {

    private final FinessLocationMapper mapper = new FinessLocationMapper();
    private final List<Map<String, String>> rows = Fixtures.rows("gisco.csv", ',');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10000024, 010000024",
        "010000024, 010000024",
        "970200036, 970200036",
        "2A0000022, 2A0000022",
        "2b0000012, 2B0000012",
        "' 59078006 ', 059078006"
    })
    void restoresLeadingZero(String raw, String finess) {
        assertThat(FinessLocationMapper.restoreFiness(raw)).isEqualTo(finess);
    }

    @ParameterizedTest
    @CsvSource({"1234567", "1234567890", "2C0000022", "A10000024", "2A000002"})
    void refusesWhatIsNotAFiness(String raw) {
        assertThatThrownBy(() -> FinessLocationMapper.restoreFiness(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a FINESS number");
    }

    @Test
    void acceptsBothGiscoHeaders() {
        assertThat(mapper.missingColumns(Fixtures.header("gisco.csv", ','))).isEmpty();
        assertThat(mapper.missingColumns(
                        List.of("id", "hospital_name", "lat", "lon", "geo_qual", "street", "house_number", "postcode")))
                .isEmpty();
        assertThat(mapper.missingColumns(List.of("id", "name", "lat"))).containsExactly("hospital_name", "lon");
    }

    @Test
    void mapsHospital() {
        MappingResult.MappedRow mapped = mapped(0);
        assertThat(mapped.resources()).hasSize(1);
        assertThat(mapped.warnings()).isEmpty();
        Location location = (Location) mapped.resources().get(0);

        assertThat(location.getIdentifierFirstRep().getSystem()).isEqualTo(TerminologyCatalog.FINESS_SYSTEM);
        assertThat(location.getIdentifierFirstRep().getValue()).isEqualTo("010000024");
        assertThat(location.getIdentifierFirstRep()
                        .getType()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("FINEG");
        assertThat(location.getName()).isEqualTo("CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT");
        assertThat(location.getStatus()).isEqualTo(Location.LocationStatus.ACTIVE);
        assertThat(location.getMode()).isEqualTo(Location.LocationMode.INSTANCE);
        assertThat(location.getTypeFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-RoleCode");
        assertThat(location.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("HOSP");
        assertThat(location.getType().get(1).getText()).isEqualTo("Centre Hospitalier (C.H.)");
        assertThat(location.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("bu");
        assertThat(location.getPosition().getLatitude()).isEqualByComparingTo("46.2222");
        assertThat(location.getPosition().getLongitude()).isEqualByComparingTo("5.20879");
        assertThat(location.getAddress().getLine()).extracting(Object::toString).containsExactly("900 ROUTE DE PARIS");
        assertThat(location.getAddress().getPostalCode()).isEqualTo("01440");
        assertThat(location.getAddress().getCity()).isEqualTo("VIRIAT");
        assertThat(location.getAddress().getCountry()).isEqualTo("FR");
        assertThat(location.getTelecomFirstRep().getSystem()).isEqualTo(ContactPoint.ContactPointSystem.PHONE);
        assertThat(location.getTelecomFirstRep().getValue()).isEqualTo("0474454647");
        assertThat(location.getMeta().getTagFirstRep().getCode()).isEqualTo("unverified");
        assertThat(location.hasManagingOrganization()).isFalse();
    }

    @Test
    void keepsCorsicanAndOverseasIdsAndSiteNames() {
        assertThat(location(mapped(1)).getIdentifierFirstRep().getValue()).isEqualTo("2A0000022");
        Location marin = location(mapped(2));
        assertThat(marin.getIdentifierFirstRep().getValue()).isEqualTo("970200036");
        assertThat(marin.getAddress().getCountry()).isEqualTo("MQ");
        assertThat(marin.getTelecomFirstRep().getValue()).isEqualTo("0596749205");
        assertThat(location(mapped(4)).getAlias())
                .extracting(Object::toString)
                .containsExactly("CENTRE GÉRONTOLOGIQUE");
    }

    @Test
    void warnsOnPoorGeocoding() {
        MappingResult.MappedRow gap = mapped(3);
        assertThat(location(gap).getIdentifierFirstRep().getValue()).isEqualTo("050002351");
        assertThat(gap.warnings()).singleElement().asString().startsWith("geo_qual 3");
    }

    @Test
    void rejectsBadIdsAndMissingCoordinates() {
        assertThat(mapper.map(rows.get(5)))
                .isInstanceOfSatisfying(MappingResult.Rejected.class, r -> assertThat(r.reason())
                        .startsWith("id '1234567' is not a FINESS number"));
        assertThat(mapper.map(rows.get(6))).isEqualTo(new MappingResult.Rejected("missing latitude"));
        assertThat(mapper.rowId(rows.get(0))).contains("010000024");
    }

    @Test
    void makesOrganizationOnlyWhenTheLegalEntityIsGiven() {
        Map<String, String> row = new HashMap<>(rows.get(0));
        row.put("nofinessej", "10780054");
        row.put("rs_ej", "CH DE BOURG-EN-BRESSE");

        MappingResult.MappedRow mapped = (MappingResult.MappedRow) mapper.map(row);

        assertThat(mapped.resources()).hasSize(2);
        Organization organization = (Organization) mapped.resources().get(0);
        assertThat(organization.getIdentifierFirstRep().getValue()).isEqualTo("010780054");
        assertThat(organization
                        .getIdentifierFirstRep()
                        .getType()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("FINEJ");
        assertThat(organization.getName()).isEqualTo("CH DE BOURG-EN-BRESSE");
        assertThat(((Location) mapped.resources().get(1))
                        .getManagingOrganization()
                        .getReference())
                .isEqualTo("Organization?identifier=https://finess.esante.gouv.fr|010780054");
    }

    private MappingResult.MappedRow mapped(int index) {
        MappingResult result = mapper.map(rows.get(index));
        assertThat(result).isInstanceOf(MappingResult.MappedRow.class);
        return (MappingResult.MappedRow) result;
    }

    private static Location location(MappingResult.MappedRow mapped) {
        return (Location) mapped.resources().get(mapped.resources().size() - 1);
    }
}
