package fr.vigie.mappings.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class WideObservationMapperTest {

    private final WideObservationMapper nmmaps = new WideObservationMapper(WideSpec.load("nmmaps"));
    private final WideObservationMapper cams = new WideObservationMapper(WideSpec.load("cams"));

    @Test
    void shippedSpecsLoadAndMatchTheirFiles() {
        assertThat(nmmaps.spec().notes()).anyMatch(note -> note.contains("detrended"));
        assertThat(nmmaps.missingColumns(EnvironmentFixtures.header("nmmaps.csv")))
                .isEmpty();
        assertThat(cams.missingColumns(EnvironmentFixtures.header("cams.csv"))).isEmpty();
        assertThat(cams.missingColumns(List.of("Date", "id", "name", "cities_lat", "cities_lon")))
                .hasSize(4)
                .allMatch(column -> column.endsWith("_COVID"));
    }

    @Test
    void turnsANmmapsRowIntoOneObservationPerParameter() {
        WideObservationMapper.Mapped day =
                mapped(nmmaps.map(EnvironmentFixtures.rows("nmmaps.csv").get(0)));
        assertThat(day.rejectedCells()).isEmpty();
        assertThat(day.observations())
                .extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactly("temperature-mean", "dew-point", "humidity", "pm10", "o3");
        Observation temperature = day.observations().get(0);
        assertThat(temperature.getValueQuantity().getValue()).isEqualByComparingTo("-0.277777777777778");
        assertThat(temperature.getIdentifierFirstRep().getValue())
                .isEqualTo("nmmaps-chicago|temperature-mean|1987-01-01");
        assertThat(temperature.getEffectiveDateTimeType().getValueAsString()).isEqualTo("1987-01-01");
        // dew point 31.5 °F
        assertThat(day.observations().get(1).getValueQuantity().getValue()).isEqualByComparingTo("-0.278");
        // o3 4.376079071 ppb × 1.96, rounded to 6 decimals
        assertThat(day.observations().get(4).getValueQuantity().getValue()).isEqualByComparingTo("8.577115");
        assertThat(day.location().getIdentifierFirstRep().getValue()).isEqualTo("nmmaps-chicago");
        assertThat(day.location().getPosition().getLatitude()).isEqualByComparingTo("41.8781");
    }

    @Test
    void skipsMissingCellsAndRejectsBadOnes() {
        List<Map<String, String>> rows = EnvironmentFixtures.rows("nmmaps.csv");
        assertThat(mapped(nmmaps.map(rows.get(1))).observations())
                .extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .doesNotContain("pm10")
                .hasSize(4);
        WideObservationMapper.Mapped negative = mapped(nmmaps.map(rows.get(2)));
        assertThat(negative.rejectedCells()).containsOnlyKeys("pm10");
        assertThat(negative.rejectedCells().get("pm10")).startsWith("negative pm10 -1.27805356");
        assertThat(negative.observations()).hasSize(4);
        assertThat(mapped(nmmaps.map(rows.get(3))).observations()).hasSize(4);
        assertThat(nmmaps.map(rows.get(4)))
                .isEqualTo(new WideObservationMapper.Rejected("date '1998-02-30' does not match yyyy-MM-dd"));
        WideObservationMapper.Mapped warm = mapped(nmmaps.map(rows.get(5)));
        assertThat(warm.observations()).isEmpty();
        assertThat(warm.rejectedCells()).containsExactly(Map.entry("temp", "temp 'warm' is not a number"));
    }

    @Test
    void readsCamsCitiesAsAreas() {
        List<Map<String, String>> rows = EnvironmentFixtures.rows("cams.csv");
        WideObservationMapper.Mapped january = mapped(cams.map(rows.get(0)));
        assertThat(january.observations()).isEmpty();
        assertThat(january.rejectedCells()).isEmpty();

        WideObservationMapper.Mapped lyon = mapped(cams.map(rows.get(1)));
        assertThat(lyon.location().getName()).isEqualTo("Lyon");
        assertThat(lyon.location().getIdentifierFirstRep().getValue()).isEqualTo("cams-AQ022");
        assertThat(lyon.location().getPosition().getLongitude()).isEqualByComparingTo("4.85");
        assertThat(lyon.observations())
                .extracting(o -> o.getIdentifierFirstRep().getValue())
                .containsExactly(
                        "cams-AQ022|no2|2020-02-01",
                        "cams-AQ022|o3|2020-02-01",
                        "cams-AQ022|pm10|2020-02-01",
                        "cams-AQ022|pm25|2020-02-01");
        assertThat(lyon.observations().get(0).getValueQuantity().getValue()).isEqualByComparingTo("25.6207752838498");
        assertThat(mapped(cams.map(rows.get(2))).location().getName()).isEqualTo("Paris");
    }

    @Test
    void rejectsSpecsWithUnknownParametersOrUnits() throws Exception {
        String json = """
                {"name": "bad", "dateColumn": "d", "station": "s",
                 "columns": [{"column": "x", "parameter": "co", "unit": "ppb"}]}
                """;
        WideSpec spec = WideSpec.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> new WideObservationMapper(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec bad, column x: no ppb conversion is defined for co");
        assertThatThrownBy(() -> new WideSpec(
                        "two", null, "d", null, "s", "s", null, null, null, null, null, null, null, null, List.of(),
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either stationColumn or station");
    }

    private static WideObservationMapper.Mapped mapped(WideObservationMapper.Result result) {
        assertThat(result).isInstanceOf(WideObservationMapper.Mapped.class);
        return (WideObservationMapper.Mapped) result;
    }
}
