package fr.vigie.server.activity;

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
}
