package fr.vigie.mappings.environment;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.mappings.location.MappingResult;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class SentinellesMapperTest {

    private final SentinellesMapper mapper = new SentinellesMapper();
    private final List<Map<String, String>> rows = EnvironmentFixtures.rows("sentinelles.csv");

    @Test
    void mapsAWeekToAnIncidenceObservationWithItsArea() {
        List<Resource> resources = resources(rows.get(0));
        assertThat(resources).hasSize(2);
        Location france = (Location) resources.get(0);
        assertThat(france.getIdentifierFirstRep().getSystem())
                .isEqualTo("https://vigie.example.org/fhir/sid/insee-region");
        assertThat(france.getIdentifierFirstRep().getValue()).isEqualTo("FR");
        assertThat(france.getName()).isEqualTo("France");
        assertThat(france.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("area");

        Observation ili = (Observation) resources.get(1);
        assertThat(ili.getCode().getCodingFirstRep().getCode()).isEqualTo("ili-incidence");
        assertThat(ili.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("epidemiology");
        assertThat(ili.getSubject().getReference())
                .isEqualTo("Location?identifier=https://vigie.example.org/fhir/sid/insee-region|FR");
        assertThat(ili.getEffectivePeriod().getStartElement().getValueAsString())
                .isEqualTo("2020-01-13");
        assertThat(ili.getEffectivePeriod().getEndElement().getValueAsString()).isEqualTo("2020-01-19");
        assertThat(ili.getValueQuantity().getValue()).isEqualByComparingTo("359");
        assertThat(ili.getValueQuantity().getCode()).isEqualTo("/100000");
        Observation.ObservationReferenceRangeComponent interval = ili.getReferenceRangeFirstRep();
        assertThat(interval.getLow().getValue()).isEqualByComparingTo("325");
        assertThat(interval.getHigh().getValue()).isEqualByComparingTo("393");
        assertThat(interval.getHigh().getCode()).isEqualTo("/100000");
        assertThat(interval.getText()).contains("95 % confidence interval");
        assertThat(ili.getIdentifierFirstRep().getValue()).isEqualTo("sentinelles-FR|ili-incidence|2020-W03");
    }

    @Test
    void mapsRegionsAndWeeksAcrossTheYearEnd() {
        Location idf = (Location) resources(rows.get(1)).get(0);
        assertThat(idf.getIdentifierFirstRep().getValue()).isEqualTo("11");
        assertThat(idf.getName()).isEqualTo("ILE-DE-FRANCE");

        Observation week53 = (Observation) resources(rows.get(2)).get(1);
        assertThat(week53.getEffectivePeriod().getStartElement().getValueAsString())
                .isEqualTo("2020-12-28");
        assertThat(week53.getEffectivePeriod().getEndElement().getValueAsString())
                .isEqualTo("2021-01-03");
        assertThat(week53.getIdentifierFirstRep().getValue()).endsWith("|2020-W53");

        Observation noBounds = (Observation) resources(rows.get(6)).get(1);
        assertThat(noBounds.hasReferenceRange()).isFalse();
        assertThat(noBounds.getEffectivePeriod().getStartElement().getValueAsString())
                .isEqualTo("2020-03-02");
    }

    @Test
    void turnsWeekNumbersIntoMondays() {
        assertThat(SentinellesMapper.monday("202001")).hasToString("2019-12-30");
        assertThat(SentinellesMapper.monday("201501")).hasToString("2014-12-29");
        assertThat(SentinellesMapper.monday("201553")).hasToString("2015-12-28");
    }

    @Test
    void rejectsMissingValuesUnknownIndicatorsAndImpossibleWeeks() {
        assertThat(reason(rows.get(3))).isEqualTo("empty inc100");
        assertThat(reason(rows.get(4)))
                .isEqualTo("Sentinelles indicator '7' is not mapped (accepted: 3 = influenza-like illness)");
        assertThat(reason(rows.get(5))).isEqualTo("week '201953': 2019 has ISO weeks 1 to 52");
        assertThat(reason(Map.of(
                        "week", "2020-03", "indicator", "3", "inc100", "1", "geo_insee", "FR", "geo_name", "France")))
                .isEqualTo("week '2020-03' is not YYYYWW");
    }

    @Test
    void givesTheSameIdentifierToTheSameWeek() {
        Observation first = (Observation) resources(rows.get(0)).get(1);
        Observation again = (Observation) resources(rows.get(0)).get(1);
        assertThat(first.getIdentifierFirstRep().getValue())
                .isEqualTo(again.getIdentifierFirstRep().getValue());
    }

    @Test
    void namesMissingColumns() {
        assertThat(mapper.missingColumns(EnvironmentFixtures.header("sentinelles.csv")))
                .isEmpty();
        assertThat(mapper.missingColumns(List.of("week", "indicator", "inc")))
                .containsExactly("inc100", "inc100_low", "inc100_up", "geo_insee", "geo_name");
    }

    private List<Resource> resources(Map<String, String> row) {
        MappingResult result = mapper.map(row);
        assertThat(result).isInstanceOf(MappingResult.MappedRow.class);
        return ((MappingResult.MappedRow) result).resources();
    }

    private String reason(Map<String, String> row) {
        MappingResult result = mapper.map(row);
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).reason();
    }
}
