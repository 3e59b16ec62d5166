package fr.vigie.server.activity;

import fr.vigie.server.triage.FrenchLevel;
import fr.vigie.server.triage.VitalSigns;

/**
 * One simulated emergency visit. Times are whole minutes from the start of the simulation; {@link #NOT_YET} marks a
 * step the patient had not reached when the simulation ended (the patient is still in the department). Filled in by
 * {@link ActivitySimulator} only.
 */
public final class Visit {

    /** A time not reached before the end of the simulation. */
    public static final int NOT_YET = -1;

    final int index;
    final int arrival;
    final int pathology;
    final int ageDays;
    final String sex;
    final String arrivalMode;
    final VitalSigns vitals;
    final FrenchLevel level;
    final int triage;
    final int doctorMinutes;
    final int boxMinutes;
    final int boardingMinutes;
    final boolean admitted;
    final int patienceEnd;
    int start = NOT_YET;
    int endTreatment = NOT_YET;
    int departure = NOT_YET;
    int doctor = NOT_YET;
    int box = NOT_YET;
    boolean leftUnseen;
    // the queue the patient waits in, while waiting
    java.util.PriorityQueue<Visit> waitingIn;

    Visit(
            int index,
            int arrival,
            int pathology,
            int ageDays,
            String sex,
            String arrivalMode,
            VitalSigns vitals,
            FrenchLevel level,
            int triage,
            int doctorMinutes,
            int boxMinutes,
            int boardingMinutes,
            boolean admitted,
            int patienceEnd) {
        this.index = index;
        this.arrival = arrival;
        this.pathology = pathology;
        this.ageDays = ageDays;
        this.sex = sex;
        this.arrivalMode = arrivalMode;
        this.vitals = vitals;
        this.level = level;
        this.triage = triage;
        this.doctorMinutes = doctorMinutes;
        this.boxMinutes = boxMinutes;
        this.boardingMinutes = boardingMinutes;
        this.admitted = admitted;
        this.patienceEnd = patienceEnd;
    }

    /** Sequence number, 0 for the first arrival. */
    public int index() {
        return index;
    }

    /** Arrival minute. */
    public int arrival() {
        return arrival;
    }

    /** Index of the pathology in {@link Department#pathologies()}. */
    public int pathology() {
        return pathology;
    }

    /** Age at arrival in days (birth date = arrival date minus this). */
    public int ageDays() {
        return ageDays;
    }

    /** Age at arrival in whole years. */
    public int ageYears() {
        return (int) (ageDays / 365.25);
    }

    /** FHIR administrative gender: male or female. */
    public String sex() {
        return sex;
    }

    /** Code of the {@code arrival-mode} CodeSystem. */
    public String arrivalMode() {
        return arrivalMode;
    }

    /** Vital signs taken at triage. */
    public VitalSigns vitals() {
        return vitals;
    }

    /** FRENCH triage level given by the triage model. */
    public FrenchLevel level() {
        return level;
    }

    /** Triage minute (the patient joins the doctors' queue then). */
    public int triage() {
        return triage;
    }

    /** Start of treatment (a doctor and a box), or {@link #NOT_YET}. */
    public int start() {
        return start;
    }

    /** End of the doctor's time, or {@link #NOT_YET}. */
    public int endTreatment() {
        return endTreatment;
    }

    /** Departure from the department, or {@link #NOT_YET}. */
    public int departure() {
        return departure;
    }

    /** Index of the doctor in {@link SimulationResult#doctors()}, or {@link #NOT_YET}. */
    public int doctor() {
        return doctor;
    }

    /** Box number (0-based), or {@link #NOT_YET}. */
    public int box() {
        return box;
    }

    /** True when the patient was admitted to a ward (and has left the department for it by the end). */
    public boolean admitted() {
        return admitted && !leftUnseen && departure != NOT_YET;
    }

    /** True when the patient left before a doctor saw him. */
    public boolean leftUnseen() {
        return leftUnseen;
    }

    /** Minutes from arrival to the start of treatment, or {@link #NOT_YET}. */
    public int waitMinutes() {
        return start == NOT_YET ? NOT_YET : start - arrival;
    }

    /** Minutes from arrival to departure, or {@link #NOT_YET}. */
    public int lengthOfStay() {
        return departure == NOT_YET ? NOT_YET : departure - arrival;
    }
}
