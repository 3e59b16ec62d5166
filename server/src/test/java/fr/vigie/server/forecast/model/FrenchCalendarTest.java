package fr.vigie.server.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FrenchCalendarTest {

    @Test
    void computesEasterSundayForKnownYears() {
        assertThat(FrenchCalendar.easterSunday(1987)).isEqualTo(LocalDate.of(1987, 4, 19));
        assertThat(FrenchCalendar.easterSunday(2000)).isEqualTo(LocalDate.of(2000, 4, 23));
        assertThat(FrenchCalendar.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(FrenchCalendar.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
    }

    @Test
    void listsTheElevenNationalHolidaysOf2024() {
        long holidays = LocalDate.of(2024, 1, 1)
                .datesUntil(LocalDate.of(2025, 1, 1))
                .filter(FrenchCalendar::isPublicHoliday)
                .count();
        assertThat(holidays).isEqualTo(11);
        assertThat(FrenchCalendar.isPublicHoliday(LocalDate.of(2024, 4, 1))).isTrue(); // Easter Monday
        assertThat(FrenchCalendar.isPublicHoliday(LocalDate.of(2024, 5, 9))).isTrue(); // Ascension
        assertThat(FrenchCalendar.isPublicHoliday(LocalDate.of(2024, 5, 20))).isTrue(); // Whit Monday
        assertThat(FrenchCalendar.isPublicHoliday(LocalDate.of(2024, 12, 26))).isFalse();
    }

    @Test
    void encodesDayOfWeekAndHoliday() {
        double[] f = FrenchCalendar.features(LocalDate.of(2024, 7, 14)); // a Sunday
        assertThat(f).hasSize(FrenchCalendar.NAMES.size());
        assertThat(f[FrenchCalendar.NAMES.indexOf("cal:sun")]).isEqualTo(1.0);
        assertThat(f[FrenchCalendar.NAMES.indexOf("cal:mon")]).isEqualTo(0.0);
        assertThat(f[FrenchCalendar.NAMES.indexOf("cal:holiday")]).isEqualTo(1.0);
        double[] next = FrenchCalendar.features(LocalDate.of(2024, 7, 15));
        assertThat(next[FrenchCalendar.NAMES.indexOf("cal:after-holiday")]).isEqualTo(1.0);
    }
}
