package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision rules around the model, and the parsing of the operation's Parameters (units, bad values). */
class TriageEngineTest {

    static TriageEngine engine;

    @BeforeAll
    static void load() {
        engine = new TriageEngine(TriageModel.fromClasspath(new TriageFeatures(ComplaintCategorizer.fromClasspath())));
    }

    @Test
    void leastCostWithEqualCostsIsTheMostProbableLevelAndLeansUrgentWhenUnderTriageCostsMore() {
        double[] p = {0.0, 0.40, 0.45, 0.15, 0.0};
        assertThat(TriageEngine.leastCost(p, 1.0)).isEqualTo(3);
        // choosing 3 risks under-triaging the 0.40 of KTAS 2: at cost 1.5 that outweighs the 0.45 + 0.15
        assertThat(TriageEngine.leastCost(p, 1.5)).isEqualTo(2);
    }

    @Test
    void ktasThreeSplitsIntoFrenchThreeAOrThreeBByWhereTheRestOfTheProbabilityLies() {
        assertThat(TriageEngine.toFrench(3, new double[] {0.05, 0.25, 0.5, 0.15, 0.05}))
                .isEqualTo(FrenchLevel.LEVEL_3A);
        assertThat(TriageEngine.toFrench(3, new double[] {0.0, 0.1, 0.5, 0.3, 0.1}))
                .isEqualTo(FrenchLevel.LEVEL_3B);
        assertThat(TriageEngine.toKtas(FrenchLevel.LEVEL_3B)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}: at most FRENCH {1}")
    @CsvSource({"U,1", "P,2"})
    void modelNeverLowersTheUrgencyTheRulesImpose(String consciousness, String mostLenient) {
        VitalSigns calm =
                new VitalSigns(72.0, 14.0, 125.0, 80.0, 36.8, 99.0, Consciousness.fromCode(consciousness), false, 0);
        TriageEngine.Result result =
                engine.assess(new TriageInput(25, "female", "walk-in", false, calm, "small cut on finger"), true);
        assertThat(result.level().ordinal())
                .isLessThanOrEqualTo(FrenchLevel.fromCode(mostLenient).ordinal());
        assertThat(result.reasons().get(0)).startsWith("safety rule SR-CONSCIOUSNESS-" + consciousness);
    }

    @Test
    void parametersInFahrenheitAndKilopascalsAreConvertedBeforeScoring() {
        Parameters in = new Parameters();
        in.addParameter().setName("bodyTemperature").setValue(quantity(95, "[degF]"));
        in.addParameter().setName("systolicBloodPressure").setValue(quantity(12, "kPa"));
        TriageInput input = TriageRequest.parse(in, false).input();
        assertThat(input.vitals().temperature()).isCloseTo(35.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(input.vitals().systolic()).isCloseTo(90.01, org.assertj.core.data.Offset.offset(0.01));
        // 35.0 °C scores 3; 90.01 mm[Hg] is above the 90 band edge, so scores 2
        assertThat(News2.score(input.vitals()).total()).isEqualTo(5);
    }

    @Test
    void quantityWithoutUnitOrWithAnotherSystemIsRefusedNamingTheParameter() {
        Parameters noUnit = new Parameters();
        noUnit.addParameter().setName("heartRate").setValue(new Quantity().setValue(BigDecimal.valueOf(80)));
        assertThatThrownBy(() -> TriageRequest.parse(noUnit, false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("heartRate 80 has no unit");
        Parameters otherSystem = new Parameters();
        otherSystem
                .addParameter()
                .setName("heartRate")
                .setValue(quantity(80, "/min").setSystem("http://snomed.info/sct"));
        assertThatThrownBy(() -> TriageRequest.parse(otherSystem, false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("heartRate unit system");
        Parameters twice = new Parameters();
        twice.addParameter().setName("heartRate").setValue(quantity(80, "/min"));
        twice.addParameter().setName("heartRate").setValue(quantity(90, "/min"));
        assertThatThrownBy(() -> TriageRequest.parse(twice, false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'heartRate' is given 2 times");
    }

    private static Quantity quantity(double value, String code) {
        return new Quantity()
                .setValue(BigDecimal.valueOf(value))
                .setSystem(TriageRequest.UCUM)
                .setCode(code);
    }
}
