package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetyRulesTest {

    /**
     * One row a side of each rule's threshold. Columns: rule, whether it fires, heart rate, respiratory rate,
     * systolic, SpO2, ACVPU, temperature, then the most urgent level all rules together impose (empty: none).
     * Values other than the one under test are normal (NEWS2 0), so other rules fire only through NEWS2.
     */
    @ParameterizedTest(name = "{0} fires={1}: HR {2} RR {3} SBP {4} SpO2 {5} {6} {7} °C -> {8}")
    @CsvSource({
        "SR-CONSCIOUSNESS-U, true,  80, 16, 120, 98, U, 37.0, 1",
        "SR-CONSCIOUSNESS-U, false, 80, 16, 120, 98, P, 37.0, 2",
        "SR-CONSCIOUSNESS-P, true,  80, 16, 120, 98, P, 37.0, 2",
        "SR-CONSCIOUSNESS-P, false, 80, 16, 120, 98, V, 37.0, 3A",
        "SR-SPO2-CRITICAL,   true,  80, 16, 120, 84, A, 37.0, 1",
        "SR-SPO2-CRITICAL,   false, 80, 16, 120, 85, A, 37.0, 3A",
        "SR-SBP-CRITICAL,    true,  80, 16,  69, 98, A, 37.0, 1",
        "SR-SBP-CRITICAL,    false, 80, 16,  70, 98, A, 37.0, 3A",
        "SR-HR-HIGH,         true, 151, 16, 120, 98, A, 37.0, 1",
        "SR-HR-HIGH,         false,150, 16, 120, 98, A, 37.0, 3A",
        "SR-HR-LOW,          true,  39, 16, 120, 98, A, 37.0, 1",
        "SR-HR-LOW,          false, 40, 16, 120, 98, A, 37.0, 3A",
        "SR-RR-HIGH,         true,  80, 36, 120, 98, A, 37.0, 1",
        "SR-RR-HIGH,         false, 80, 35, 120, 98, A, 37.0, 3A",
        "SR-RR-LOW,          true,  80,  7, 120, 98, A, 37.0, 1",
        "SR-RR-LOW,          false, 80,  8, 120, 98, A, 37.0, 3A",
        "SR-NEWS2-HIGH,      true, 115, 22, 105, 94, A, 38.5, 2",
        "SR-NEWS2-HIGH,      false,115, 22, 105, 94, A, 37.0, 3A",
        "SR-NEWS2-MEDIUM,    true, 115, 22, 105, 97, A, 37.0, 3A",
        "SR-NEWS2-MEDIUM,    false,115, 22, 120, 97, A, 37.0,",
        "SR-NEWS2-RED,       true, 131, 16, 120, 98, A, 37.0, 3A",
        "SR-NEWS2-RED,       false,130, 16, 120, 98, A, 37.0,"
    })
    void appliesEachRuleAtItsThreshold(
            String rule,
            boolean fires,
            double heartRate,
            double respiratoryRate,
            double systolic,
            double saturation,
            String consciousness,
            double temperature,
            String level) {
        VitalSigns vitals = new VitalSigns(
                heartRate,
                respiratoryRate,
                systolic,
                systolic / 2,
                temperature,
                saturation,
                Consciousness.fromCode(consciousness),
                false,
                null);

        SafetyRules.Assessment assessment = SafetyRules.apply(vitals);

        List<String> fired =
                assessment.fired().stream().map(SafetyRules.FiredRule::id).toList();
        if (fires) {
            assertThat(fired).contains(rule);
        } else {
            assertThat(fired).doesNotContain(rule);
        }
        assertThat(assessment.level().map(FrenchLevel::code).orElse(null)).isEqualTo(level);
    }

    @Test
    void firesNothingOnNormalOrMissingValues() {
        VitalSigns normal = new VitalSigns(80.0, 16.0, 120.0, 80.0, 37.0, 98.0, Consciousness.ALERT, false, 0);

        assertThat(SafetyRules.apply(normal).level()).isEmpty();
        assertThat(SafetyRules.apply(normal).fired()).isEmpty();
        assertThat(SafetyRules.apply(VitalSigns.empty()).fired()).isEmpty();
    }

    @Test
    void listsFiredRulesMostUrgentFirstWithTheirValues() {
        VitalSigns shocked = new VitalSigns(160.0, 16.0, 65.0, 40.0, 37.0, 98.0, Consciousness.ALERT, false, null);

        SafetyRules.Assessment assessment = SafetyRules.apply(shocked);

        assertThat(assessment.level()).contains(FrenchLevel.LEVEL_1);
        assertThat(assessment.fired())
                .extracting(SafetyRules.FiredRule::id)
                .containsExactly("SR-SBP-CRITICAL", "SR-HR-HIGH", "SR-NEWS2-MEDIUM", "SR-NEWS2-RED");
        assertThat(assessment.fired().get(0).values()).isEqualTo("systolicBloodPressure = 65 mm[Hg] (< 70)");
        assertThat(assessment.fired().get(1).values()).isEqualTo("heartRate = 160 /min (> 150)");
        assertThat(assessment.news2().total()).isEqualTo(6);
    }

    @Test
    void saysWhenANews2RuleFiredOnALowerBound() {
        VitalSigns partial = new VitalSigns(135.0, 26.0, null, null, null, null, Consciousness.VOICE, null, null);

        SafetyRules.Assessment assessment = SafetyRules.apply(partial);

        assertThat(assessment.fired())
                .filteredOn(rule -> rule.id().equals("SR-NEWS2-HIGH"))
                .singleElement()
                .extracting(SafetyRules.FiredRule::values)
                .asString()
                .startsWith("NEWS2 = 9 (lower bound, missing");
    }

    @Test
    void documentsEveryRule() {
        assertThat(SafetyRules.RULES).extracting(SafetyRules.Rule::id).doesNotHaveDuplicates();
        assertThat(SafetyRules.RULES).allSatisfy(rule -> {
            assertThat(rule.id()).matches("SR-[A-Z0-9-]+");
            assertThat(rule.rationale()).isNotBlank();
            assertThat(rule.source()).isNotBlank();
            assertThat(rule.level()).isNotNull();
        });
    }
}
