package fr.vigie.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator with the shipped department and triage model. */
class ActivitySimulatorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void sameSeedGivesByteIdenticalOutput() {
        NdjsonActivityWriter writer = new NdjsonActivityWriter(FHIR);
        Map<String, byte[]> first = writer.toBytes(
                ActivityTestSupport.simulate(7, ActivityTestSupport.START, 3), ActivityFhirMapper.References.ID);
        Map<String, byte[]> second = writer.toBytes(
                ActivityTestSupport.simulate(7, ActivityTestSupport.START, 3), ActivityFhirMapper.References.ID);
        assertThat(first.keySet()).containsExactlyElementsOf(NdjsonActivityWriter.TYPES);
        for (String type : NdjsonActivityWriter.TYPES) {
            assertThat(first.get(type)).as(type).isNotEmpty().isEqualTo(second.get(type));
        }
        Map<String, byte[]> other = writer.toBytes(
                ActivityTestSupport.simulate(8, ActivityTestSupport.START, 3), ActivityFhirMapper.References.ID);
        assertThat(other.get("Encounter")).isNotEqualTo(first.get("Encounter"));
    }

    @Test
    void everyVisitGoesThroughItsStepsInOrderAndBoxesAreNeverOverbooked() {
        SimulationResult result = ActivityTestSupport.simulate(11, ActivityTestSupport.START, 7);
        int boxes = result.department().boxes();
        int[] used = new int[result.minutes()];
        for (Visit v : result.visits()) {
            assertThat(v.triage()).isGreaterThanOrEqualTo(v.arrival());
            if (v.leftUnseen()) {
                assertThat(v.start()).isEqualTo(Visit.NOT_YET);
                assertThat(v.departure()).isGreaterThanOrEqualTo(v.triage());
                assertThat(v.level().code()).isIn("4", "5");
            }
            if (v.start() != Visit.NOT_YET) {
                assertThat(v.start()).isGreaterThanOrEqualTo(v.triage());
                assertThat(v.doctor()).isNotEqualTo(Visit.NOT_YET);
                assertThat(v.box()).isBetween(0, boxes - 1);
                if (v.endTreatment() != Visit.NOT_YET) {
                    assertThat(v.endTreatment()).isGreaterThan(v.start());
                }
                int end = v.departure() == Visit.NOT_YET ? result.minutes() : v.departure();
                if (v.departure() != Visit.NOT_YET) {
                    assertThat(v.departure()).isGreaterThanOrEqualTo(v.endTreatment());
                }
                for (int t = v.start(); t < end; t++) {
                    used[t]++;
                }
            }
        }
        for (int t = 0; t < used.length; t++) {
            assertThat(used[t]).as("boxes in use at minute %d", t).isLessThanOrEqualTo(boxes);
        }
    }

    @Test
    void aDoctorTreatsOnePatientAtATimeWithinHisShift() {
        SimulationResult result = ActivityTestSupport.simulate(12, ActivityTestSupport.START, 7);
        BitSet[] busy = new BitSet[result.doctors().size()];
        for (int d = 0; d < busy.length; d++) {
            busy[d] = new BitSet();
        }
        for (Visit v : result.visits()) {
            if (v.start() == Visit.NOT_YET) {
                continue;
            }
            Doctor doctor = result.doctors().get(v.doctor());
            assertThat(doctor.shift().covers(result.at(v.start()).getHour())).isTrue();
            int end = v.endTreatment() == Visit.NOT_YET ? result.minutes() : v.endTreatment();
            assertThat(busy[v.doctor()].get(v.start(), end).isEmpty())
                    .as("doctor %d double-booked at minute %d", v.doctor(), v.start())
                    .isTrue();
            busy[v.doctor()].set(v.start(), end);
        }
    }

    @Test
    void arrivalsFollowTheAnnualVolumeAndTheHourlyProfile() {
        SimulationResult result = ActivityTestSupport.simulate(5, ActivityTestSupport.START, 28);
        double expected = 0;
        Department department = result.department();
        double hourTotal = java.util.Arrays.stream(department.hourWeights()).sum();
        double dayTotal = java.util.Arrays.stream(department.weekdayWeights()).sum();
        double monthFactor = 0;
        double shareTotal = 0;
        for (Pathology p : department.pathologies()) {
            monthFactor += p.share() * p.seasonality()[0];
            shareTotal += p.share();
        }
        monthFactor /= shareTotal;
        int night = 0;
        int lateMorning = 0;
        for (int h = 0; h < result.minutes() / 60; h++) {
            ZonedDateTime at = result.at(h * 60);
            expected += department.annualVisits()
                    / (365.25 * 24)
                    * 24
                    * department.hourWeights()[at.getHour()]
                    / hourTotal
                    * 7
                    * department.weekdayWeights()[at.getDayOfWeek().getValue() - 1]
                    / dayTotal
                    * monthFactor;
        }
        for (Visit v : result.visits()) {
            int hour = result.at(v.arrival()).getHour();
            night += hour >= 3 && hour < 6 ? 1 : 0;
            lateMorning += hour >= 10 && hour < 13 ? 1 : 0;
        }
        // Poisson: 4 standard deviations.
        assertThat((double) result.visits().size())
                .isBetween(expected - 4 * Math.sqrt(expected), expected + 4 * Math.sqrt(expected));
        assertThat(lateMorning).isGreaterThan(3 * night);
    }

    @Test
    void startsOnTheHourAndKeepsElapsedTimeAcrossADaylightSavingChange() {
        ZonedDateTime start = ZonedDateTime.of(2025, 3, 29, 0, 17, 0, 0, ZoneId.of("Europe/Paris"));
        SimulationResult result = ActivityTestSupport.simulate(3, start, 2);
        assertThat(result.start().getMinute()).isZero();
        // 30 March 2025 has 23 hours in Paris: 48 simulated hours end at 01:00 local time on 31 March.
        assertThat(result.at(result.minutes()).toLocalDateTime())
                .isEqualTo(start.toLocalDate().plusDays(2).atTime(1, 0));
        assertThat(result.hours()).hasSize(48);
    }

    @Test
    void ownQueueDispatchAlsoServesEveryone() {
        SimulationResult result = new ActivitySimulator(
                        Department.defaults().withDispatch(Department.Dispatch.OWN_QUEUE),
                        TriageFunction.of(ActivityTestSupport.engine()))
                .run(4, ActivityTestSupport.START, 7);
        ActivityReport.Figures figures = new ActivityReport(result).overall();
        assertThat(figures.seen() + figures.leftUnseen()).isGreaterThan((int) (0.95 * figures.visits()));
        assertThat(figures.meanWait()).isPositive();
    }
}
