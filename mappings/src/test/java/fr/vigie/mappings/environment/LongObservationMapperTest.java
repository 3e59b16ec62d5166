package fr.vigie.mappings.environment;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.mappings.location.MappingResult;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

class LongObservationMapperTest {

    private final LongObservationMapper mapper = new LongObservationMapper();
    private final List<Map<String, String>> rows = EnvironmentFixtures.rows("long.csv");

    @Test
    void mapsARowToAnEnvironmentalObservation() {
        Observation no2 = observation(rows.get(0));
        assertThat(no2.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(no2.getCategoryFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("https://vigie.example.org/fhir/CodeSystem/environment");
        assertThat(no2.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("air-quality");
        assertThat(no2.getCode().getCodingFirstRep().getSystem())
                .isEqualTo("https://vigie.example.org/fhir/CodeSystem/environmental-parameter");
        assertThat(no2.getCode().getCodingFirstRep().getCode()).isEqualTo("no2");
        assertThat(no2.getSubject().getReference())
                .isEqualTo("Location?identifier=https://vigie.example.org/fhir/sid/environment-station|cams-AQ022");
        assertThat(no2.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2020-02-01");
        assertThat(no2.getIdentifierFirstRep().getSystem())
                .isEqualTo("https://vigie.example.org/fhir/sid/environment-observation");
        assertThat(no2.getIdentifierFirstRep().getValue()).isEqualTo("cams-AQ022|no2|2020-02-01");
        Quantity value = no2.getValueQuantity();
        assertThat(value.getValue()).isEqualByComparingTo("25.6207752838498");
        assertThat(value.getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(value.getCode()).isEqualTo("ug/m3");
    }

    @Test
    void convertsMassConcentrations() {
        assertThat(value(rows.get(1))).isEqualTo(new java.math.BigDecimal("12.4466617109118"));
        Observation co = observation(rows.get(5));
        assertThat(co.getValueQuantity().getValue()).isEqualTo(new java.math.BigDecimal("0.250"));
        assertThat(co.getValueQuantity().getCode()).isEqualTo("mg/m3");
    }

    @Test
    void convertsPpbForNo2O3AndSo2Only() {
        assertThat(value(rows.get(2))).isEqualByComparingTo("39.2");
        assertThat(value(rows.get(3))).isEqualByComparingTo("18.8");
        assertThat(value(rows.get(4))).isEqualByComparingTo("2.62");
        assertThat(reason(rows.get(10))).startsWith("no ppb conversion is defined for co");
    }

    @Test
    void convertsTemperaturesAndKeepsPercentAndIncidence() {
        Observation fahrenheit = observation(rows.get(6));
        assertThat(fahrenheit.getValueQuantity().getValue()).isEqualByComparingTo("-0.278");
        assertThat(fahrenheit.getValueQuantity().getCode()).isEqualTo("Cel");
        assertThat(fahrenheit.getCategoryFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("weather");
        assertThat(value(rows.get(7))).isEqualByComparingTo("-0.5");
        assertThat(observation(rows.get(8)).getValueQuantity().getCode()).isEqualTo("%");
        Observation incidence = observation(rows.get(9));
        assertThat(incidence.getValueQuantity().getCode()).isEqualTo("/100000");
        assertThat(incidence.getCategoryFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("epidemiology");
        assertThat(value(Map.of(
                        "station",
                        "S1",
                        "date",
                        "2020-01-01",
                        "parameter",
                        "temperature-max",
                        "value",
                        "50",
                        "unit",
                        "[degF]")))
                .isEqualByComparingTo("10.00");
        assertThat(value(Map.of(
                        "station", "S1", "date", "2020-01-01", "parameter", "pm25", "value", "7", "unit", "µg/m³")))
                .isEqualByComparingTo("7");
        assertThat(value(Map.of(
                        "station",
                        "S1",
                        "date",
                        "2020-01-01",
                        "parameter",
                        "temperature-min",
                        "value",
                        "3",
                        "unit",
                        "°C")))
                .isEqualByComparingTo("3");
    }

    @Test
    void readsLocalTimesInParisAndKeepsOffsets() {
        Observation winter = observation(rows.get(2));
        assertThat(winter.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2020-02-01T10:00:00+01:00");
        assertThat(winter.getIdentifierFirstRep().getValue()).isEqualTo("FR04143|o3|2020-02-01T09:00:00Z");
        Observation utc = observation(rows.get(3));
        assertThat(utc.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2020-02-01T09:00:00Z");
        Observation summer = observation(Map.of(
                "station",
                "FR04143",
                "datetime",
                "2020-07-01 12:00",
                "parameter",
                "o3",
                "value",
                "80",
                "unit",
                "ug/m3"));
        assertThat(summer.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2020-07-01T12:00:00+02:00");
    }

    @Test
    void givesTheSameIdentifierToTheSameMeasure() {
        assertThat(observation(rows.get(0)).getIdentifierFirstRep().getValue())
                .isEqualTo(observation(rows.get(0)).getIdentifierFirstRep().getValue());
        Observation paris = observation(Map.of(
                "station",
                "FR04143",
                "datetime",
                "2020-02-01T10:00:00+01:00",
                "parameter",
                "no2",
                "value",
                "10",
                "unit",
                "ppb"));
        assertThat(paris.getIdentifierFirstRep().getValue())
                .isEqualTo(observation(rows.get(3)).getIdentifierFirstRep().getValue());
    }

    @Test
    void rejectsUnknownCodesUnitsAndBadValues() {
        assertThat(reason(rows.get(11))).startsWith("unknown parameter 'nox' (accepted: pm10, pm25, no2");
        assertThat(reason(rows.get(12)))
                .startsWith("unit 'ppm' cannot be converted to ug/m3 for pm10 (accepted units: ug/m3, µg/m3");
        assertThat(reason(rows.get(13))).isEqualTo("negative pm10 -3 ug/m3");
        assertThat(reason(rows.get(14))).isEqualTo("value 'NaN' is not a number");
        assertThat(reason(rows.get(15))).isEqualTo("empty value");
        assertThat(reason(rows.get(16))).isEqualTo("date '2020-02-31' is not YYYY-MM-DD");
        assertThat(reason(Map.of(
                        "station", "S1", "date", "2020-01-01", "parameter", "humidity", "value", "101", "unit", "%")))
                .isEqualTo("humidity 101 % is above 100");
        assertThat(reason(Map.of("station", "S1", "date", "2020-01-01", "parameter", "pm10", "value", "1")))
                .startsWith("empty unit for pm10");
    }

    @Test
    void namesMissingColumns() {
        assertThat(mapper.missingColumns(EnvironmentFixtures.header("long.csv")))
                .isEmpty();
        assertThat(mapper.missingColumns(List.of("station", "parameter", "valeur")))
                .containsExactly("date or datetime", "value", "unit");
    }

    private Observation observation(Map<String, String> row) {
        MappingResult result = mapper.map(row);
        assertThat(result).isInstanceOf(MappingResult.MappedRow.class);
        return (Observation) ((MappingResult.MappedRow) result).resources().get(0);
    }

    private java.math.BigDecimal value(Map<String, String> row) {
        return observation(row).getValueQuantity().getValue();
    }

    private String reason(Map<String, String> row) {
        MappingResult result = mapper.map(row);
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).reason();
    }
}
