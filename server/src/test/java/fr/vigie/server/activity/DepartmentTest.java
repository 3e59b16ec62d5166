package fr.vigie.server.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.vigie.server.triage.Cim10;
import fr.vigie.server.triage.ComplaintCategorizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped department and case mix: complete, coherent, and readable by the triage model. */
class DepartmentTest {

    private final Department department = Department.defaults();

    @Test
    void shipsTwentySixPathologiesWithDistinctCim10Codes() {
        List<Pathology> pathologies = department.pathologies();
        assertThat(pathologies).hasSize(26);
        Set<String> codes = new HashSet<>();
        for (Pathology p : pathologies) {
            assertThat(p.code()).matches(Cim10.PATTERN);
            assertThat(codes.add(p.code())).as("duplicate %s", p.code()).isTrue();
            assertThat(p.share()).isPositive();
            assertThat(p.doctorTime().mean()).isPositive();
            assertThat(Arrays.stream(p.seasonality()).average().orElseThrow()).isCloseTo(1.0, within(1e-9));
            assertThat(p.arrivalModes().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum())
                    .isCloseTo(1.0, within(1e-9));
            assertThat(Pathology.ARRIVAL_MODES).containsAll(p.arrivalModes().keySet());
        }
    }

    @Test
    void everyComplaintIsUnderstoodByTheTriageLexicon() {
        ComplaintCategorizer categorizer = ComplaintCategorizer.fromClasspath();
        for (Pathology p : department.pathologies()) {
            assertThat(categorizer.categorize(p.complaint()))
                    .as("complaint of %s: %s", p.code(), p.complaint())
                    .isNotEmpty()
                    .doesNotContain(ComplaintCategorizer.OTHER);
        }
    }

    @Test
    void staffsEverySpecialtyItNames() {
        assertThat(department.doctorCount()).isEqualTo(9);
        Set<String> staffed = new HashSet<>();
        department.shifts().forEach(s -> staffed.add(s.specialty()));
        department.pathologies().forEach(p -> assertThat(staffed).contains(p.specialty()));
        // Emergency physicians cover every hour, so no patient waits for a shift that never comes.
        for (int hour = 0; hour < 24; hour++) {
            int h = hour;
            assertThat(department.shifts().stream()
                            .filter(s -> s.specialty().equals(Specialty.EMERGENCY) && s.covers(h))
                            .mapToInt(Shift::doctors)
                            .sum())
                    .as("emergency physicians at %d h", hour)
                    .isPositive();
        }
    }

    @Test
    void shiftsPastMidnightCoverTheNight() {
        Shift night = new Shift(Specialty.EMERGENCY, 2, 20, 8);
        assertThat(night.covers(23)).isTrue();
        assertThat(night.covers(3)).isTrue();
        assertThat(night.covers(8)).isFalse();
        assertThat(night.covers(12)).isFalse();
        assertThat(new Shift(Specialty.EMERGENCY, 1, 0, 0).roundTheClock()).isTrue();
    }

    @Test
    void rejectsAShiftOfAnUnknownSpecialty() {
        assertThatThrownBy(() -> department.withShifts(List.of(new Shift("dermatology", 1, 8, 18))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dermatology");
    }
}
