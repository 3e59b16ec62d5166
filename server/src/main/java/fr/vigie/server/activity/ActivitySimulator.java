package fr.vigie.server.activity;

import fr.vigie.server.triage.Consciousness;
import fr.vigie.server.triage.FrenchLevel;
import fr.vigie.server.triage.TriageInput;
import fr.vigie.server.triage.VitalSigns;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Simulates an emergency department minute by minute. Each minute, in this order:
 *
 * <ol>
 *   <li>doctors whose treatment ends now become free; their patient stays in the box for the pathology's box time,
 *       then (if admitted) for the boarding time, then leaves and frees the box;
 *   <li>patients arrive: a Poisson number with rate {@code annualVisits} shaped by the hour-of-day and day-of-week
 *       weights and by the case mix's seasonality for the month; each gets a pathology (weights {@code share ×
 *       seasonality[month]}), an age, a sex, an arrival mode, vital signs drawn around the pathology's typical
 *       departure from normal, and a FRENCH triage level from the {@link TriageFunction} (Vigie's {@code $triage}
 *       engine); every random draw happens here, at arrival, so the same seed gives the same patients whatever
 *       the dispatch rule;
 *   <li>patients whose triage time has come join a queue (see {@link Department.Dispatch}), most urgent level first,
 *       then first triaged;
 *   <li>patients of levels with a patience whose patience ran out before a doctor saw them leave (left without
 *       being seen);
 *   <li>each free doctor on shift, the one free longest first, takes the first patient of his specialty's queue
 *       (emergency physicians also take those of specialties with nobody on shift), if a box is free.
 * </ol>
 *
 * <p>Times are whole minutes of elapsed time from the start, so a daylight-saving change shifts local clock times
 * but not durations. The run is deterministic: one {@link SplittableRandom} seeded with the seed, drawn in a fixed
 * order, and a deterministic triage function.
 */
public final class ActivitySimulator {

    /** Queue order: most urgent FRENCH level, then earliest triage, then arrival order. */
    static final Comparator<Visit> QUEUE_ORDER = Comparator.comparingInt((Visit v) -> v.level.ordinal())
            .thenComparingInt(v -> v.triage)
            .thenComparingInt(v -> v.index);

    private final Department department;
    private final TriageFunction triage;

    public ActivitySimulator(Department department, TriageFunction triage) {
        this.department = department;
        this.triage = triage;
    }

    /**
     * Runs the simulation.
     *
     * @param seed the seed
     * @param start the first minute (truncated to the hour)
     * @param days simulated days, 1 or more
     */
    public SimulationResult run(long seed, ZonedDateTime start, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be 1 or more, got " + days);
        }
        return new Run(seed, start.truncatedTo(ChronoUnit.HOURS), days * 24 * 60).execute();
    }

    /** The identifier prefix of a run with this seed. */
    public static String runId(long seed) {
        return "sim" + Long.toString(seed).replace('-', 'm');
    }

    /** One simulation's mutable state. */
    private final class Run {
        private final SplittableRandom random;
        private final long seed;
        private final ZonedDateTime start;
        private final int minutes;
        private final List<Pathology> pathologies = department.pathologies();
        private final List<Specialty> specialties = department.specialties();
        private final double[][] monthCumulative = new double[12][];
        private final double[] monthFactor = new double[12];
        private final double hourTotal;
        private final double weekdayTotal;
        private final double perMinute;
        private final List<Doctor> doctors = new ArrayList<>();
        private final List<Visit> visits = new ArrayList<>();
        private final List<HourStat> hours = new ArrayList<>();
        private final List<PriorityQueue<Visit>> shared = new ArrayList<>();
        private final PriorityQueue<Visit> pendingTriage = new PriorityQueue<>(
                Comparator.comparingInt((Visit v) -> v.triage).thenComparingInt(v -> v.index));
        private final PriorityQueue<Visit> deadlines = new PriorityQueue<>(
                Comparator.comparingInt((Visit v) -> v.patienceEnd).thenComparingInt(v -> v.index));
        private final PriorityQueue<Visit> departures = new PriorityQueue<>(
                Comparator.comparingInt((Visit v) -> v.departure).thenComparingInt(v -> v.index));
        private final BitSet boxes = new BitSet();
        private final int capacity;
        private final int[] onShiftBySpecialty;
        private final int[] specialtyOf;
        private double rate;
        private int month;
        private int waiting;
        private int busy;
        private int onShift;
        // hour accumulators
        private int hArrivals;
        private int hStarted;
        private int hDepartures;
        private int hUnseen;
        private long hWaiting;
        private int hMaxWaiting;
        private long hBoxes;
        private int hMaxBoxes;
        private long hBusy;
        private long hOnShift;

        Run(long seed, ZonedDateTime start, int minutes) {
            this.random = new SplittableRandom(seed);
            this.seed = seed;
            this.start = start;
            this.minutes = minutes;
            this.capacity = department.boxes() == 0 ? Integer.MAX_VALUE : department.boxes();
            double shareTotal = 0;
            for (Pathology p : pathologies) {
                shareTotal += p.share();
            }
            for (int m = 0; m < 12; m++) {
                double[] cumulative = new double[pathologies.size()];
                double sum = 0;
                for (int i = 0; i < pathologies.size(); i++) {
                    sum += pathologies.get(i).share() * pathologies.get(i).seasonality()[m];
                    cumulative[i] = sum;
                }
                monthCumulative[m] = cumulative;
                monthFactor[m] = sum / shareTotal;
            }
            double h = 0;
            for (double w : department.hourWeights()) {
                h += w;
            }
            double d = 0;
            for (double w : department.weekdayWeights()) {
                d += w;
            }
            this.hourTotal = h;
            this.weekdayTotal = d;
            this.perMinute = department.annualVisits() / (365.25 * 24 * 60);
            this.specialtyOf = new int[pathologies.size()];
            for (int i = 0; i < pathologies.size(); i++) {
                specialtyOf[i] = specialtyIndex(pathologies.get(i).specialty());
            }
            for (int s = 0; s < specialties.size(); s++) {
                shared.add(new PriorityQueue<>(QUEUE_ORDER));
            }
            this.onShiftBySpecialty = new int[specialties.size()];
            int[] numbers = new int[specialties.size()];
            for (Shift shift : department.shifts()) {
                int s = specialtyIndex(shift.specialty());
                for (int k = 0; k < shift.doctors(); k++) {
                    doctors.add(new Doctor(doctors.size(), specialties.get(s), shift, ++numbers[s]));
                }
            }
        }

        SimulationResult execute() {
            for (int t = 0; t < minutes; t++) {
                if (t % 60 == 0) {
                    newHour(t);
                }
                finishTreatments(t);
                leave(t);
                arrive(t);
                triage(t);
                abandon(t);
                dispatch(t);
                hWaiting += waiting;
                hMaxWaiting = Math.max(hMaxWaiting, waiting);
                hBoxes += boxes.cardinality();
                hMaxBoxes = Math.max(hMaxBoxes, boxes.cardinality());
                hBusy += busy;
                hOnShift += onShift;
                if (t % 60 == 59) {
                    flushHour(t / 60, 60);
                }
            }
            if (minutes % 60 != 0) {
                flushHour(minutes / 60, minutes % 60);
            }
            for (Visit visit : visits) {
                if (visit.departure >= minutes) {
                    // Leaves after the end: still in the department as far as this run knows.
                    visit.departure = Visit.NOT_YET;
                }
            }
            for (Doctor doctor : doctors) {
                if (doctor.current != null) {
                    doctor.busyMinutes -= Math.max(0, doctor.busyUntil - minutes);
                }
            }
            return new SimulationResult(
                    department,
                    seed,
                    runId(seed),
                    start,
                    minutes,
                    List.copyOf(visits),
                    List.copyOf(doctors),
                    List.copyOf(hours));
        }

        private void newHour(int t) {
            ZonedDateTime now = start.plusMinutes(t);
            int hour = now.getHour();
            month = now.getMonthValue() - 1;
            rate = perMinute
                    * 24
                    * department.hourWeights()[hour]
                    / hourTotal
                    * 7
                    * department.weekdayWeights()[now.getDayOfWeek().getValue() - 1]
                    / weekdayTotal
                    * monthFactor[month];
            onShift = 0;
            java.util.Arrays.fill(onShiftBySpecialty, 0);
            for (Doctor doctor : doctors) {
                boolean was = doctor.onShift;
                doctor.onShift = doctor.shift.covers(hour);
                if (doctor.onShift) {
                    onShift++;
                    onShiftBySpecialty[specialtyIndex(doctor.specialty.key())]++;
                    if (!was) {
                        doctor.freeSince = t;
                    }
                } else if (was && !doctor.queue.isEmpty()) {
                    // Going off shift: the doctor's own queue goes back to the specialty's shared queue.
                    PriorityQueue<Visit> pool = shared.get(specialtyIndex(doctor.specialty.key()));
                    pool.addAll(doctor.queue);
                    doctor.queue.forEach(v -> v.waitingIn = pool);
                    doctor.queue.clear();
                }
            }
        }

        private void finishTreatments(int t) {
            for (Doctor doctor : doctors) {
                Visit visit = doctor.current;
                if (visit != null && doctor.busyUntil == t) {
                    visit.endTreatment = t;
                    visit.departure = t + visit.boxMinutes + (visit.admitted ? visit.boardingMinutes : 0);
                    departures.add(visit);
                    doctor.current = null;
                    doctor.freeSince = t;
                    busy--;
                }
            }
        }

        private void leave(int t) {
            while (!departures.isEmpty() && departures.peek().departure <= t) {
                Visit visit = departures.poll();
                boxes.clear(visit.box);
                hDepartures++;
            }
        }

        private void arrive(int t) {
            int count = poisson(rate);
            for (int i = 0; i < count; i++) {
                Visit visit = newVisit(t);
                visits.add(visit);
                pendingTriage.add(visit);
                if (visit.patienceEnd != Visit.NOT_YET) {
                    deadlines.add(visit);
                }
                hArrivals++;
            }
        }

        private void triage(int t) {
            while (!pendingTriage.isEmpty() && pendingTriage.peek().triage <= t) {
                Visit visit = pendingTriage.poll();
                enqueue(visit, t);
                waiting++;
            }
        }

        private void enqueue(Visit visit, int t) {
            int s = specialtyOf[visit.pathology];
            if (department.dispatch() == Department.Dispatch.OWN_QUEUE) {
                Doctor best = null;
                int target = onShiftBySpecialty[s] > 0 ? s : specialtyIndex(Specialty.EMERGENCY);
                for (Doctor doctor : doctors) {
                    if (doctor.onShift && specialtyIndex(doctor.specialty.key()) == target) {
                        if (best == null || load(doctor, t) < load(best, t)) {
                            best = doctor;
                        }
                    }
                }
                if (best != null) {
                    best.queue.add(visit);
                    visit.waitingIn = best.queue;
                    return;
                }
            }
            shared.get(s).add(visit);
            visit.waitingIn = shared.get(s);
        }

        /** Work ahead of a doctor, in patients: his queue plus the one he is treating (remaining time breaks ties). */
        private double load(Doctor doctor, int t) {
            double remaining = doctor.current == null ? 0 : (doctor.busyUntil - t) / (double) (minutes + 1);
            return doctor.queue.size() + (doctor.current == null ? 0 : 1) + remaining;
        }

        private void abandon(int t) {
            while (!deadlines.isEmpty() && deadlines.peek().patienceEnd <= t) {
                Visit visit = deadlines.poll();
                if (visit.start == Visit.NOT_YET && visit.waitingIn != null) {
                    visit.waitingIn.remove(visit);
                    visit.waitingIn = null;
                    visit.leftUnseen = true;
                    visit.departure = t;
                    waiting--;
                    hUnseen++;
                    hDepartures++;
                }
            }
        }

        private void dispatch(int t) {
            if (waiting == 0) {
                return;
            }
            List<Doctor> free = new ArrayList<>();
            for (Doctor doctor : doctors) {
                if (doctor.onShift && doctor.current == null) {
                    free.add(doctor);
                }
            }
            free.sort(Comparator.comparingInt((Doctor d) -> d.freeSince).thenComparingInt(d -> d.index));
            int emergency = specialtyIndex(Specialty.EMERGENCY);
            for (Doctor doctor : free) {
                if (boxes.cardinality() >= capacity) {
                    return;
                }
                int own = specialtyIndex(doctor.specialty.key());
                PriorityQueue<Visit> best = doctor.queue.isEmpty() ? null : doctor.queue;
                best = better(best, shared.get(own));
                if (own == emergency) {
                    for (int s = 0; s < shared.size(); s++) {
                        if (s != own && onShiftBySpecialty[s] == 0) {
                            best = better(best, shared.get(s));
                        }
                    }
                }
                if (best != null) {
                    start(doctor, best.poll(), t);
                }
            }
        }

        private PriorityQueue<Visit> better(PriorityQueue<Visit> current, PriorityQueue<Visit> candidate) {
            if (candidate.isEmpty()) {
                return current;
            }
            if (current == null || QUEUE_ORDER.compare(candidate.peek(), current.peek()) < 0) {
                return candidate;
            }
            return current;
        }

        private void start(Doctor doctor, Visit visit, int t) {
            visit.waitingIn = null;
            visit.start = t;
            visit.doctor = doctor.index;
            visit.box = boxes.nextClearBit(0);
            boxes.set(visit.box);
            doctor.current = visit;
            doctor.busyUntil = t + visit.doctorMinutes;
            doctor.busyMinutes += visit.doctorMinutes;
            doctor.patients++;
            waiting--;
            busy++;
            hStarted++;
        }

        private void flushHour(int hour, int length) {
            hours.add(new HourStat(
                    hour,
                    hArrivals,
                    hStarted,
                    hDepartures,
                    hUnseen,
                    hWaiting / (double) length,
                    hMaxWaiting,
                    hBoxes / (double) length,
                    hMaxBoxes,
                    hBusy / (double) length,
                    hOnShift / (double) length));
            hArrivals = hStarted = hDepartures = hUnseen = hMaxWaiting = hMaxBoxes = 0;
            hWaiting = hBoxes = hBusy = hOnShift = 0;
        }

        private Visit newVisit(int t) {
            int p = pick(monthCumulative[month]);
            Pathology pathology = pathologies.get(p);
            String sex = random.nextDouble() < pathology.maleShare() ? "male" : "female";
            Pathology.AgeRange range = pathology.age();
            double years = Math.max(
                    range.min(),
                    Math.min(range.max(), range.mean() + range.sd() * TimeDistribution.Gaussian.next(random)));
            int ageDays = Math.max(7, (int) Math.round(years * 365.25));
            String mode = pickMode(pathology.arrivalModes());
            boolean severe = random.nextDouble() < pathology.severe();
            VitalSigns vitals = vitals(pathology, ageDays / 365.25, severe);
            FrenchLevel level = triage.level(new TriageInput(
                    (int) (ageDays / 365.25), sex, mode, pathology.injury(), vitals, pathology.complaint()));
            int triageAt = t
                    + department.triageDelayMin()
                    + random.nextInt(department.triageDelayMax() - department.triageDelayMin() + 1);
            int doctorMinutes = pathology.doctorTime().sample(random, 1);
            int boxMinutes = pathology.boxTime().sample(random, 0);
            int boarding = department.boarding().sample(random, 0);
            boolean admitted = random.nextDouble() < pathology.admission();
            double patienceDraw = random.nextDouble();
            Double meanPatience = department.patience().get(level);
            int patienceEnd = meanPatience == null
                    ? Visit.NOT_YET
                    : Math.max(triageAt, t + (int) Math.round(-meanPatience * Math.log(1 - patienceDraw)));
            return new Visit(
                    visits.size(),
                    t,
                    p,
                    ageDays,
                    sex,
                    mode,
                    vitals,
                    level,
                    triageAt,
                    doctorMinutes,
                    boxMinutes,
                    boarding,
                    admitted,
                    patienceEnd);
        }

        /**
         * Vital signs around adult normals (children: faster heart and breathing), shifted by the pathology's typical
         * departure scaled by a severity factor (0.3–1.2 usually, 2 in a severe presentation), rounded as a monitor
         * shows them and clipped to physiological limits.
         */
        private VitalSigns vitals(Pathology p, double age, boolean severe) {
            double k = severe ? 2.0 : 0.3 + 0.9 * random.nextDouble();
            Pathology.VitalShift s = p.vitals();
            double hrBase = age < 2 ? 120 : age < 12 ? 100 : 80;
            double rrBase = age < 2 ? 30 : age < 12 ? 22 : 16;
            double hr = clip(Math.round(hrBase + k * s.heartRate() + 9 * gauss()), 30, 220);
            double rr = clip(Math.round(rrBase + k * s.respiratoryRate() + 2 * gauss()), 6, 60);
            double sbp = clip(Math.round((age < 12 ? 105 : 128) + k * s.systolic() + 14 * gauss()), 60, 240);
            double dbp = clip(Math.round(sbp * 0.62 + 7 * gauss()), 30, sbp - 10);
            double temp = clip(Math.round((36.9 + k * s.temperature() + 0.3 * gauss()) * 10) / 10.0, 34, 42.5);
            double spo2 = clip(Math.round(98 + k * s.oxygenSaturation() + 1.0 * gauss()), 70, 100);
            int pain = (int) clip(Math.round(p.pain() * (severe ? 1.2 : 1.0) + 1.5 * gauss()), 0, 10);
            Consciousness consciousness = Consciousness.ALERT;
            double draw = random.nextDouble();
            if (severe && draw < p.confusion()) {
                consciousness = draw < p.confusion() * 0.7 ? Consciousness.NEW_CONFUSION : Consciousness.VOICE;
            }
            return new VitalSigns(hr, rr, sbp, dbp, temp, spo2, consciousness, false, pain);
        }

        private double gauss() {
            return TimeDistribution.Gaussian.next(random);
        }

        private int pick(double[] cumulative) {
            double u = random.nextDouble() * cumulative[cumulative.length - 1];
            for (int i = 0; i < cumulative.length; i++) {
                if (u < cumulative[i]) {
                    return i;
                }
            }
            return cumulative.length - 1;
        }

        private String pickMode(Map<String, Double> modes) {
            double u = random.nextDouble();
            String last = null;
            for (Map.Entry<String, Double> e : modes.entrySet()) {
                last = e.getKey();
                u -= e.getValue();
                if (u < 0) {
                    return last;
                }
            }
            return last;
        }

        /** Knuth's Poisson sampler: exact and fast for the small per-minute rates of a department. */
        private int poisson(double lambda) {
            if (lambda <= 0) {
                return 0;
            }
            double limit = Math.exp(-lambda);
            double product = random.nextDouble();
            int k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            return k;
        }

        private int specialtyIndex(String key) {
            for (int i = 0; i < specialties.size(); i++) {
                if (specialties.get(i).key().equals(key)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("unknown specialty " + key);
        }
    }

    private static double clip(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
