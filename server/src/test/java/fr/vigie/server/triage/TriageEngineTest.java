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
        TriageFeatures features = new TriageFeatures(ComplaintCategorizer.fromClasspath());
        engine = new TriageEngine(TriageModel.fromClasspath(features));
    }

    static final VitalSigns CALM = new VitalSigns(72.0, 14.0, 125.0, 80.0, 36.8, 99.0, Consciousness.ALERT, false, 0);

    @Test
    void theNursesLevelNeverChangesTheAnswerOnlyAddsItsReview() {
        TriageInput input = new TriageInput(25, "female", "walk-in", false, CALM, "small cut on finger");
        TriageEngine.Result without = engine.assess(input, true);
        assertThat(without.review()).isNull();
        for (int ktas = 1; ktas <= TriageModel.LEVELS; ktas++) {
            TriageEngine.Result with = engine.assess(input.withNurseLevel(NurseLevel.ofKtas(ktas)), true);
            assertThat(with.probabilities()).containsExactly(without.probabilities());
            assertThat(with.level()).isEqualTo(without.level());
            assertThat(with.modelVersion()).isEqualTo(TriageModelTool.VERSION);
            assertThat(with.review()).isNotNull();
        }
    }

    @Test
    void aSafetyRuleMoreUrgentThanTheNursesLevelFlagsUnderTriageAndSaysWhy() {
        VitalSigns hypoxic = new VitalSigns(72.0, 14.0, 125.0, 80.0, 36.8, 80.0, Consciousness.ALERT, false, 0);
        TriageInput input = new TriageInput(25, "female", "walk-in", false, hypoxic, "small cut on finger")
                .withNurseLevel(NurseLevel.ofFrench(FrenchLevel.LEVEL_5));

        TriageEngine.Result result = engine.assess(input, true);

        assertThat(result.level()).isEqualTo(FrenchLevel.LEVEL_1);
        assertThat(result.review()).isEqualTo(TriageEngine.Review.UNDER_TRIAGE);
        assertThat(result.reasons()).anyMatch(r -> r.startsWith("safety rule SR-SPO2-CRITICAL"));
        assertThat(result.reasons())
                .anyMatch(r -> r.startsWith("nurse's level FRENCH 5 (KTAS 5): probable under-triage, review it"));
    }

    /**
     * Over the KTAS file, with each record's nurse level: the review agrees exactly when the KTAS levels match, and
     * flags a difference only with a safety rule or a majority of the model's probability beyond the nurse's level.
     */
    @Test
    void theReviewFlagsOnlyWithARuleOrAMajorityOfProbabilityBeyondTheNursesLevel() throws Exception {
        java.util.List<KtasRecord> records;
        try (java.io.Reader reader = new java.io.InputStreamReader(
                getClass().getResourceAsStream("/ktas/ktas_train.csv"), java.nio.charset.StandardCharsets.UTF_8)) {
            records = KtasDataset.read(reader);
        }
        java.util.Map<TriageEngine.Review, Integer> counts = new java.util.EnumMap<>(TriageEngine.Review.class);
        for (KtasRecord record : records) {
            NurseLevel nurse = NurseLevel.ofKtas(record.ktasNurse());
            TriageEngine.Result result = engine.assess(TriageInput.of(record).withNurseLevel(nurse));
            double more = 0;
            double less = 0;
            for (int level = 1; level <= TriageModel.LEVELS; level++) {
                more += level < nurse.ktas() ? result.probabilities()[level - 1] : 0;
                less += level > nurse.ktas() ? result.probabilities()[level - 1] : 0;
            }
            boolean rule = result.safety().level().map(TriageEngine::toKtas).orElse(6) < nurse.ktas();
            TriageEngine.Review expected = result.ktasLevel() == nurse.ktas()
                    ? TriageEngine.Review.AGREE
                    : result.ktasLevel() < nurse.ktas()
                            ? (rule || more >= 0.5 ? TriageEngine.Review.UNDER_TRIAGE : TriageEngine.Review.UNCERTAIN)
                            : (less >= 0.5 ? TriageEngine.Review.OVER_TRIAGE : TriageEngine.Review.UNCERTAIN);
            assertThat(result.review()).as("record %s", record.id()).isEqualTo(expected);
            counts.merge(result.review(), 1, Integer::sum);
        }
        // every kind of review occurs on real data
        assertThat(counts.keySet()).containsExactlyInAnyOrder(TriageEngine.Review.values());
    }

    @Test
    void nurseLevelIsReadFromFrenchOrKtasCodingsKeepingKtasThreeOpen() {
        assertThat(TriageRequest.nurseLevel(
                        new org.hl7.fhir.r4.model.Coding(TriageRequest.KTAS_SYSTEM, "3", null), "n"))
                .isEqualTo(new NurseLevel(3, null));
        assertThat(TriageRequest.nurseLevel(new org.hl7.fhir.r4.model.Coding(FrenchLevel.SYSTEM, "3A", null), "n"))
                .isEqualTo(new NurseLevel(3, FrenchLevel.LEVEL_3A));
        assertThatThrownBy(() -> TriageRequest.nurseLevel(
                        new org.hl7.fhir.r4.model.Coding(TriageRequest.KTAS_SYSTEM, "3A", null), "nurseLevel"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("nurseLevel code '3A' is not a KTAS level");
        assertThatThrownBy(() -> TriageRequest.nurseLevel(
                        new org.hl7.fhir.r4.model.Coding("http://snomed.info/sct", "1", null), "nurseLevel"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("nurseLevel system 'http://snomed.info/sct'");
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
