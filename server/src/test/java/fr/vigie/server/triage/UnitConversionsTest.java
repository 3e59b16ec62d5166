package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnitConversionsTest {

    @Test
    void convertsFahrenheitToCelsius() {
        assertThat(UnitConversions.toCelsius(98.6, "[degF]")).isCloseTo(37.0, within(1e-9));
        assertThat(UnitConversions.toCelsius(32, "[degF]")).isCloseTo(0.0, within(1e-9));
        assertThat(UnitConversions.toCelsius(37.2, "Cel")).isEqualTo(37.2);
    }

    @Test
    void convertsKilopascalsToMillimetresOfMercury() {
        assertThat(UnitConversions.toMmHg(101.325, "kPa")).isCloseTo(760.0, within(1e-9));
        assertThat(UnitConversions.toMmHg(16, "kPa")).isCloseTo(120.0, within(0.1));
        assertThat(UnitConversions.toMmHg(120, "mm[Hg]")).isEqualTo(120.0);
    }

    @Test
    void keepsRatesAndPercent() {
        assertThat(UnitConversions.toPerMinute(80, "/min")).isEqualTo(80.0);
        assertThat(UnitConversions.toPerMinute(18, "{breaths}/min")).isEqualTo(18.0);
        assertThat(UnitConversions.toPercent(97, "%")).isEqualTo(97.0);
    }

    @Test
    void rejectsUnknownUnitsNamingThem() {
        assertThatThrownBy(() -> UnitConversions.toCelsius(310, "K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'K'")
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> UnitConversions.toMmHg(12, "cm[H2O]")).hasMessageContaining("'cm[H2O]'");
        assertThatThrownBy(() -> UnitConversions.toPerMinute(1.3, "/s")).hasMessageContaining("'/s'");
        assertThatThrownBy(() -> UnitConversions.toPercent(0.97, "1")).hasMessageContaining("'1'");
        assertThatThrownBy(() -> UnitConversions.toCelsius(37, null)).hasMessageContaining("'null'");
    }
}
