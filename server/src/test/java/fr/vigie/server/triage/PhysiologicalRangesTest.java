package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhysiologicalRangesTest {

    private static final VitalSigns NORMAL =
            new VitalSigns(80.0, 16.0, 120.0, 80.0, 37.0, 98.0, Consciousness.ALERT, false, 2);

    @Test
    void acceptsNormalAndMissingValues() {
        assertThat(PhysiologicalRanges.violations(NORMAL)).isEmpty();
        assertThat(PhysiologicalRanges.violations(VitalSigns.empty())).isEmpty();
        assertThat(PhysiologicalRanges.requirePlausible(NORMAL)).isSameAs(NORMAL);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "heartRate,0,20–300 /min",
        "heartRate,400,20–300 /min",
        "respiratoryRate,90,2–80 /min",
        "systolicBloodPressure,20,40–300 mm[Hg]",
        "diastolicBloodPressure,5,10–200 mm[Hg]",
        "bodyTemperature,10,25–45 Cel",
        "bodyTemperature,98.6,25–45 Cel",
        "oxygenSaturation,120,40–100 %",
        "painScore,11,0–10"
    })
    void rejectsImplausibleValuesNamingValueAndRange(String name, double value, String range) {
        VitalSigns vitals = with(name, value);

        assertThat(PhysiologicalRanges.violations(vitals))
                .singleElement()
                .asString()
                .startsWith(name + " " + PhysiologicalRanges.format(value))
                .contains("plausible range " + range);
        assertThatThrownBy(() -> PhysiologicalRanges.requirePlausible(vitals))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @Test
    void acceptsRangeBounds() {
        VitalSigns low = new VitalSigns(20.0, 2.0, 40.0, 10.0, 25.0, 40.0, null, null, 0);
        VitalSigns high = new VitalSigns(300.0, 80.0, 300.0, 200.0, 45.0, 100.0, null, null, 10);

        assertThat(PhysiologicalRanges.violations(low)).isEmpty();
        assertThat(PhysiologicalRanges.violations(high)).isEmpty();
    }

    @Test
    void rejectsDiastolicAboveSystolic() {
        VitalSigns inverted = new VitalSigns(80.0, 16.0, 80.0, 120.0, 37.0, 98.0, null, null, null);

        assertThat(PhysiologicalRanges.violations(inverted))
                .containsExactly("diastolicBloodPressure 120 mm[Hg] is above systolicBloodPressure 80 mm[Hg]");
    }

    @Test
    void reportsEveryViolationAtOnce() {
        VitalSigns twoBad = new VitalSigns(0.0, 16.0, 120.0, 80.0, 10.0, 98.0, null, null, null);

        assertThatThrownBy(() -> PhysiologicalRanges.requirePlausible(twoBad))
                .hasMessageContaining("heartRate 0 /min")
                .hasMessageContaining("bodyTemperature 10 Cel");
    }

    /** The vital signs, in {@link VitalSigns}' order, under the names {@link PhysiologicalRanges} reports. */
    private static final List<String> MEASURED = List.of(
            "heartRate",
            "respiratoryRate",
            "systolicBloodPressure",
            "diastolicBloodPressure",
            "bodyTemperature",
            "oxygenSaturation");

    /** {@link #NORMAL} with one value replaced (and for a systolic value, no diastolic). */
    private static VitalSigns with(String name, double value) {
        VitalSigns v = NORMAL;
        Double[] measured = {
            v.heartRate(), v.respiratoryRate(), v.systolic(), v.diastolic(), v.temperature(), v.oxygenSaturation()
        };
        boolean pain = "painScore".equals(name);
        if (MEASURED.contains(name)) {
            measured[MEASURED.indexOf(name)] = value;
            if ("systolicBloodPressure".equals(name)) {
                // no diastolic, so a low systolic is only out of range, not also under the diastolic
                measured[3] = null;
            }
        } else if (!pain) {
            throw new IllegalArgumentException(name);
        }
        return new VitalSigns(
                measured[0],
                measured[1],
                measured[2],
                measured[3],
                measured[4],
                measured[5],
                v.consciousness(),
                v.onOxygen(),
                pain ? (int) value : v.painScore());
    }
}
