package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.server.triage.News2.Parameter;
import fr.vigie.server.triage.News2.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NEWS2 against Chart 1 and Chart 2 of Royal College of Physicians, "National Early Warning Score (NEWS) 2", 2017:
 * every band boundary of every parameter, then whole patients scored by hand from the chart.
 */
class News2Test {

    @ParameterizedTest(name = "respiration rate {0} -> {1}")
    @CsvSource({"0,3", "8,3", "8.5,1", "9,1", "11,1", "12,0", "20,0", "21,2", "24,2", "25,3", "60,3"})
    void scoresRespirationRateBands(double value, int points) {
        assertThat(News2.respirationRate(value)).isEqualTo(points);
    }

    @ParameterizedTest(name = "SpO2 scale 1 {0} -> {1}")
    @CsvSource({"70,3", "91,3", "92,2", "93,2", "94,1", "95,1", "96,0", "100,0"})
    void scoresOxygenSaturationScale1Bands(double value, int points) {
        assertThat(News2.oxygenSaturationScale1(value)).isEqualTo(points);
    }

    @ParameterizedTest(name = "SpO2 scale 2 {0} on oxygen {1} -> {2}")
    @CsvSource({
        "83,false,3", "84,false,2", "85,false,2", "86,false,1", "87,false,1", "88,false,0", "92,false,0",
        "93,false,0", "100,false,0", "83,true,3", "88,true,0", "92,true,0", "93,true,1", "94,true,1",
        "95,true,2", "96,true,2", "97,true,3", "100,true,3"
    })
    void scoresOxygenSaturationScale2Bands(double value, boolean onOxygen, int points) {
        assertThat(News2.oxygenSaturationScale2(value, onOxygen)).isEqualTo(points);
    }

    @Test
    void scoresOxygenTwoAndAirZero() {
        assertThat(News2.airOrOxygen(true)).isEqualTo(2);
        assertThat(News2.airOrOxygen(false)).isZero();
    }

    @ParameterizedTest(name = "systolic {0} -> {1}")
    @CsvSource({"60,3", "90,3", "91,2", "100,2", "101,1", "110,1", "111,0", "219,0", "220,3", "260,3"})
    void scoresSystolicBands(double value, int points) {
        assertThat(News2.systolicBloodPressure(value)).isEqualTo(points);
    }

    @ParameterizedTest(name = "pulse {0} -> {1}")
    @CsvSource({"30,3", "40,3", "41,1", "50,1", "51,0", "90,0", "91,1", "110,1", "111,2", "130,2", "131,3", "180,3"})
    void scoresPulseBands(double value, int points) {
        assertThat(News2.pulse(value)).isEqualTo(points);
    }

    @ParameterizedTest(name = "consciousness {0} -> {1}")
    @CsvSource({"ALERT,0", "NEW_CONFUSION,3", "VOICE,3", "PAIN,3", "UNRESPONSIVE,3"})
    void scoresConsciousnessIncludingNewConfusion(Consciousness value, int points) {
        assertThat(News2.consciousness(value)).isEqualTo(points);
    }

    @ParameterizedTest(name = "temperature {0} -> {1}")
    @CsvSource({"33,3", "35.0,3", "35.1,1", "36.0,1", "36.1,0", "38.0,0", "38.1,1", "39.0,1", "39.1,2", "41,2"})
    void scoresTemperatureBands(double value, int points) {
        assertThat(News2.temperature(value)).isEqualTo(points);
    }

    @ParameterizedTest(name = "total {0}, red {1} -> {2}")
    @CsvSource({
        "0,false,LOW",
        "4,false,LOW",
        "3,true,LOW_MEDIUM",
        "4,true,LOW_MEDIUM",
        "5,false,MEDIUM",
        "5,true,MEDIUM",
        "6,true,MEDIUM",
        "7,false,HIGH",
        "7,true,HIGH",
        "20,true,HIGH"
    })
    void bandsRiskByTotalAndRedScore(int total, boolean red, Risk risk) {
        assertThat(News2.risk(total, red)).isEqualTo(risk);
    }

    // Whole patients below are scored by hand from RCP 2017 Chart 1 (parameter bands) and Chart 2 (risk); they
    // are not case vignettes printed by the RCP.

    @Test
    void scoresNormalObservationsZero() {
        News2.Result result = News2.score(vitals(16, 97, false, 120, 70, Consciousness.ALERT, 37.0));

        assertThat(result.total()).isZero();
        assertThat(result.risk()).isEqualTo(Risk.LOW);
        assertThat(result.missing()).isEmpty();
        assertThat(result.lowerBound()).isFalse();
    }

    @Test
    void scoresSepticLookingPatientHigh() {
        // RR 22 -> 2, SpO2 94 -> 1, air -> 0, SBP 105 -> 1, pulse 115 -> 2, alert -> 0, 38.5 °C -> 1: total 7
        News2.Result result = News2.score(vitals(22, 94, false, 105, 115, Consciousness.ALERT, 38.5));

        assertThat(result.total()).isEqualTo(7);
        assertThat(result.risk()).isEqualTo(Risk.HIGH);
        assertThat(result.hasRedScore()).isFalse();
    }

    @Test
    void scoresNewConfusionAloneLowMedium() {
        News2.Result result = News2.score(vitals(16, 97, false, 120, 70, Consciousness.NEW_CONFUSION, 37.0));

        assertThat(result.total()).isEqualTo(3);
        assertThat(result.risk()).isEqualTo(Risk.LOW_MEDIUM);
        assertThat(result.redScoreParameters()).containsExactly(Parameter.CONSCIOUSNESS);
    }

    @Test
    void scoresOxygenTherapyWithBorderlineValuesMedium() {
        // RR 21 -> 2, SpO2 95 -> 1, oxygen -> 2, the rest 0: total 5
        News2.Result result = News2.score(vitals(21, 95, true, 120, 70, Consciousness.ALERT, 37.0));

        assertThat(result.total()).isEqualTo(5);
        assertThat(result.risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void scoresWorstValuesTwenty() {
        News2.Result result = News2.score(vitals(30, 85, true, 80, 140, Consciousness.UNRESPONSIVE, 34.0));

        assertThat(result.total()).isEqualTo(20);
        assertThat(result.risk()).isEqualTo(Risk.HIGH);
    }

    @Test
    void usesScale2OnlyWhenAsked() {
        VitalSigns copdOnOxygen = vitals(16, 90, true, 120, 70, Consciousness.ALERT, 37.0);

        assertThat(News2.score(copdOnOxygen).total()).isEqualTo(3 + 2);
        assertThat(News2.score(copdOnOxygen, News2.SpO2Scale.SCALE_2).total()).isEqualTo(2);
    }

    @Test
    void reportsMissingParametersAndALowerBound() {
        VitalSigns onlyPulse = new VitalSigns(120.0, null, null, null, null, null, null, null, null);

        News2.Result result = News2.score(onlyPulse);

        assertThat(result.total()).isEqualTo(2);
        assertThat(result.lowerBound()).isTrue();
        assertThat(result.missing())
                .containsExactly(
                        Parameter.RESPIRATION_RATE,
                        Parameter.OXYGEN_SATURATION,
                        Parameter.AIR_OR_OXYGEN,
                        Parameter.SYSTOLIC_BLOOD_PRESSURE,
                        Parameter.CONSCIOUSNESS,
                        Parameter.TEMPERATURE);
        assertThat(result.points()).containsOnlyKeys(Parameter.PULSE);
    }

    static VitalSigns vitals(
            double rr, double spo2, boolean oxygen, double sbp, double hr, Consciousness level, double temp) {
        return new VitalSigns(hr, rr, sbp, sbp / 2, temp, spo2, level, oxygen, null);
    }
}
