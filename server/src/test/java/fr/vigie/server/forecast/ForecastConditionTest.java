package fr.vigie.server.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForecastConditionTest {

    @Test
    void groupsCim10CodesByCategoryRange() {
        assertThat(ForecastCondition.RESPIRATORY.covers("J09")).isTrue();
        assertThat(ForecastCondition.RESPIRATORY.covers("J18.9")).isTrue();
        assertThat(ForecastCondition.RESPIRATORY.covers("J44.10")).isTrue();
        assertThat(ForecastCondition.RESPIRATORY.covers("J47")).isTrue();
        assertThat(ForecastCondition.RESPIRATORY.covers("J20"))
                .as("acute bronchitis is outside the group")
                .isFalse();
        assertThat(ForecastCondition.RESPIRATORY.covers("J96.0")).isFalse();
        assertThat(ForecastCondition.COPD.covers("j441")).isTrue();
        assertThat(ForecastCondition.COPD.covers("J45")).isFalse();
        assertThat(ForecastCondition.ASTHMA.covers("J46")).isTrue();
        assertThat(ForecastCondition.ASTHMA.covers("J4")).isFalse();
    }

    @Test
    void readsConditionCodes() {
        assertThat(ForecastCondition.of(" COPD ")).contains(ForecastCondition.COPD);
        assertThat(ForecastCondition.of("flu")).isEmpty();
        assertThat(ForecastCondition.RESPIRATORY.valueSet()).endsWith("/ValueSet/respiratory-admission");
    }
}
