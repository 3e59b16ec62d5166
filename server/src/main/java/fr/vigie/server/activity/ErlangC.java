package fr.vigie.server.activity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The M/M/c queue's closed forms (Erlang C), against which the simulator is checked: Poisson arrivals at rate λ,
 * exponential service at rate μ per server, c servers, one first-come first-served queue, offered load a = λ/μ,
 * occupancy ρ = a/c &lt; 1.
 *
 * <pre>
 * C(c, a) = (a^c / c!) · c/(c − a)  /  ( Σ_{k=0}^{c−1} a^k / k!  +  (a^c / c!) · c/(c − a) )
 * Wq      = C(c, a) / (c·μ − λ)        (mean wait before service)
 * </pre>
 *
 * Computed with the Erlang B recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), then C = c·B / (c − a(1 − B)),
 * which is numerically stable for any c.
 */
public final class ErlangC {

    private ErlangC() {}

    /** Probability that an arrival waits, C(c, a). */
    public static double probabilityOfWaiting(int servers, double offeredLoad) {
        if (servers < 1 || !(offeredLoad > 0) || offeredLoad >= servers) {
            throw new IllegalArgumentException(
                    "Erlang C needs c >= 1 and 0 < a < c, got c=" + servers + ", a=" + offeredLoad);
        }
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            b = offeredLoad * b / (k + offeredLoad * b);
        }
        return servers * b / (servers - offeredLoad * (1 - b));
    }

    /**
     * Mean wait in queue Wq, in the time unit of the rates.
     *
     * @param servers c
     * @param arrivalRate λ
     * @param serviceRate μ, per server
     */
    public static double meanWait(int servers, double arrivalRate, double serviceRate) {
        double load = arrivalRate / serviceRate;
        return probabilityOfWaiting(servers, load) / (servers * serviceRate - arrivalRate);
    }

    /**
     * The M/M/c department the simulator is compared with: arrivals at a constant rate ({@code annualVisits} a year,
     * flat over hours, days and months), one pathology whose doctor time is exponential with mean
     * {@code serviceMinutes}, no box or box time, {@code doctors} emergency doctors round the clock sharing one queue,
     * no patient leaving unseen.
     */
    public static Department department(int doctors, double serviceMinutes, double annualVisits) {
        double[] ones24 = new double[24];
        Arrays.fill(ones24, 1);
        double[] ones7 = new double[7];
        Arrays.fill(ones7, 1);
        double[] ones12 = new double[12];
        Arrays.fill(ones12, 1);
        Pathology single = new Pathology(
                "R69",
                "Causes inconnues et non précisées de morbidité",
                Specialty.EMERGENCY,
                1,
                ones12,
                TimeDistribution.exponential(serviceMinutes),
                TimeDistribution.fixed(0),
                0,
                new Pathology.AgeRange(40, 10, 18, 90),
                0.5,
                Map.of("walk-in", 1.0),
                "malaise",
                false,
                2,
                0,
                0,
                new Pathology.VitalShift(0, 0, 0, 0, 0));
        return new Department(
                annualVisits,
                0,
                ones24,
                ones7,
                0,
                0,
                Map.of(),
                TimeDistribution.fixed(0),
                List.of(new Specialty(Specialty.EMERGENCY, "394576009", "Surgical-Accident & emergency", "Urgences")),
                List.of(new Shift(Specialty.EMERGENCY, doctors, 0, 0)),
                List.of(single),
                Department.Dispatch.SHARED);
    }
}
