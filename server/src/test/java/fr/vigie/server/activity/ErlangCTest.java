package fr.vigie.server.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.vigie.server.triage.FrenchLevel;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The simulator against queueing theory: with a stationary Poisson arrival rate, one pathology, exponential doctor
 * time, no box limit, no triage delay and nobody leaving unseen, the department is an M/M/c queue and its mean wait
 * must be Erlang C's.
 *
 * <p>Tolerance: 5 % of the theoretical wait. Waits in a queue at ρ = 0.8 are strongly autocorrelated, so the run
 * must be long. For M/M/1 the time-average variance constant of the number in system is about 2ρ(1 + ρ)/(1 − ρ)^4
 * ≈ 1,800 (in squared service times; Whitt, "Planning queueing simulations", Management Science 35, 1989), so over
 * T service times the relative standard error of the mean is √(1800/T)/4: with 10-minute services and 5 seeds × 2
 * years (T ≈ 525,600) it is 1.5 %, and 5 % is more than 3 standard errors. The M/M/5 case is less variable (the
 * pooled queue relaxes faster) with the same tolerance. One-minute steps bias the wait by well under a minute.
 */
class ErlangCTest {

    private static final ZonedDateTime START = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));
    private static final int DAYS = 730;
    private static final int WARM_UP_DAYS = 30;
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    @Test
    void erlangCMatchesKnownValues() {
        // M/M/1: C = ρ; M/M/2 with a = 1: C = 1/3 (textbook value).
        assertThat(ErlangC.probabilityOfWaiting(1, 0.8)).isCloseTo(0.8, within(1e-12));
        assertThat(ErlangC.probabilityOfWaiting(2, 1.0)).isCloseTo(1.0 / 3, within(1e-12));
        // M/M/1 mean wait ρ/(μ − λ): λ = 0.08, μ = 0.1 → 40.
        assertThat(ErlangC.meanWait(1, 0.08, 0.1)).isCloseTo(40, within(1e-9));
    }

    @Test
    void mm5WaitMatchesErlangC() {
        // 5 doctors, 30-minute exponential service, ρ = 0.8: λ = 0.8 × 5 / 30 per minute.
        double mean = meanWait(5, 30, 0.8);
        double theory = ErlangC.meanWait(5, 0.8 * 5 / 30, 1 / 30.0);
        assertThat(theory).isCloseTo(16.6, within(0.1));
        assertThat(mean).isCloseTo(theory, within(0.05 * theory));
    }

    @Test
    void mm1WaitMatchesErlangC() {
        double mean = meanWait(1, 10, 0.8);
        double theory = ErlangC.meanWait(1, 0.08, 0.1);
        assertThat(mean).isCloseTo(theory, within(0.05 * theory));
    }

    /** Mean wait over every seed's patients arrived after the warm-up and before the last day. */
    static double meanWait(int doctors, double serviceMinutes, double rho) {
        double perMinute = rho * doctors / serviceMinutes;
        Department department = ErlangC.department(doctors, serviceMinutes, perMinute * 365.25 * 24 * 60);
        ActivitySimulator simulator = new ActivitySimulator(department, TriageFunction.constant(FrenchLevel.LEVEL_4));
        double sum = 0;
        long count = 0;
        for (long seed : SEEDS) {
            SimulationResult result = simulator.run(seed, START, DAYS);
            for (Visit visit : result.visits()) {
                if (visit.arrival() >= WARM_UP_DAYS * 1440 && visit.arrival() < (DAYS - 1) * 1440) {
                    assertThat(visit.start()).isNotEqualTo(Visit.NOT_YET);
                    sum += visit.waitMinutes();
                    count++;
                }
            }
        }
        return sum / count;
    }
}
