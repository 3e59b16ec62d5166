package fr.vigie.server.activity;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What a simulation produced.
 *
 * @param department the parameters
 * @param seed the seed
 * @param runId prefix of every identifier written, so that runs with other seeds do not overwrite each other
 * @param start local start (minute 0)
 * @param minutes simulated minutes
 * @param visits every arrival, in arrival order
 * @param doctors every doctor
 * @param hours one entry per simulated hour
 */
public record SimulationResult(
        Department department,
        long seed,
        String runId,
        ZonedDateTime start,
        int minutes,
        List<Visit> visits,
        List<Doctor> doctors,
        List<HourStat> hours) {

    /** The date-time of a simulated minute (time-zone transitions applied: minutes are elapsed time). */
    public ZonedDateTime at(int minute) {
        return start.plusMinutes(minute);
    }
}
