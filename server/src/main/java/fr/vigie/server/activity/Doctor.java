package fr.vigie.server.activity;

import java.util.PriorityQueue;

/**
 * A simulated doctor: specialty, shift, busy or free, and (with {@link Department.Dispatch#OWN_QUEUE}) his own queue.
 *
 * @see ActivitySimulator
 */
public final class Doctor {

    final int index;
    final Specialty specialty;
    final Shift shift;
    final int number;
    final PriorityQueue<Visit> queue = new PriorityQueue<>(ActivitySimulator.QUEUE_ORDER);
    Visit current;
    int busyUntil;
    int freeSince;
    boolean onShift;
    long busyMinutes;
    int patients;

    Doctor(int index, Specialty specialty, Shift shift, int number) {
        this.index = index;
        this.specialty = specialty;
        this.shift = shift;
        this.number = number;
    }

    /** Index in {@link SimulationResult#doctors()}. */
    public int index() {
        return index;
    }

    /** The doctor's specialty. */
    public Specialty specialty() {
        return specialty;
    }

    /** The doctor's shift. */
    public Shift shift() {
        return shift;
    }

    /** Minutes spent treating patients over the whole simulation. */
    public long busyMinutes() {
        return busyMinutes;
    }

    /** Patients treated (started). */
    public int patients() {
        return patients;
    }

    /** True when treating a patient at the end of the simulation. */
    public boolean busyAtEnd() {
        return current != null;
    }
}
