package fr.vigie.server.activity;

/**
 * Doctors of one specialty present every day from {@code start} to {@code end} o'clock, local time. A shift with
 * {@code end <= start} runs past midnight; {@code start == end} means round the clock.
 *
 * @param specialty key of the {@link Specialty}
 * @param doctors how many doctors work this shift
 * @param start first hour, 0–23
 * @param end hour the shift ends, 0–23
 */
public record Shift(String specialty, int doctors, int start, int end) {

    public Shift {
        if (doctors < 0 || start < 0 || start > 23 || end < 0 || end > 23) {
            throw new IllegalArgumentException("shift of " + specialty + ": doctors >= 0 and hours 0-23 expected, got "
                    + doctors + " doctors, " + start + "-" + end);
        }
    }

    /** True when the shift covers this hour of the day. */
    public boolean covers(int hour) {
        if (start == end) {
            return true;
        }
        return start < end ? hour >= start && hour < end : hour >= start || hour < end;
    }

    /** True when the shift covers the whole day. */
    public boolean roundTheClock() {
        return start == end;
    }
}
