package fr.vigie.server.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.triage.FrenchLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the simulator needs to know about a department: arrival rate (visits a year shaped by hour of day, day
 * of week and each pathology's month), case mix, doctors (specialties and shifts), boxes, and patient behaviour
 * (triage delay, patience before leaving unseen, boarding). The defaults are {@value #DEFAULT_DEPARTMENT} and
 * {@value #DEFAULT_PATHOLOGIES} on the classpath, whose {@code provenance} sections say where the figures come from.
 *
 * @param annualVisits expected visits in a year (the arrival rate's scale)
 * @param boxes boxes (examination places) a patient occupies from the start of treatment to departure; 0 = unlimited
 * @param hourWeights 24 relative arrival weights, hour 0 first
 * @param weekdayWeights 7 relative arrival weights, Monday first
 * @param triageDelayMin minutes from arrival to triage, uniform between min and max
 * @param triageDelayMax see {@code triageDelayMin}
 * @param patience mean patience (minutes, exponential) of the levels that may leave without being seen
 * @param boarding wait for a ward bed of an admitted patient, who keeps the box meanwhile
 * @param specialties the doctors' specialties
 * @param shifts the doctors
 * @param pathologies the case mix
 * @param dispatch how patients reach a doctor
 */
public record Department(
        double annualVisits,
        int boxes,
        double[] hourWeights,
        double[] weekdayWeights,
        int triageDelayMin,
        int triageDelayMax,
        Map<FrenchLevel, Double> patience,
        TimeDistribution boarding,
        List<Specialty> specialties,
        List<Shift> shifts,
        List<Pathology> pathologies,
        Dispatch dispatch) {

    /** Classpath resource of the default department. */
    public static final String DEFAULT_DEPARTMENT = "activity/department.json";

    /** Classpath resource of the default case mix. */
    public static final String DEFAULT_PATHOLOGIES = "activity/pathologies.json";

    /**
     * How a triaged patient reaches a doctor. {@code SHARED}: one queue per specialty, ordered by triage level then
     * triage time, served by whichever doctor of the specialty frees first (a pooled M/M/c queue). {@code OWN_QUEUE}:
     * the patient is assigned at triage to the doctor of the specialty on shift with the least work ahead (remaining
     * treatment plus queued patients), and waits in that doctor's own queue, still ordered by level; a doctor going
     * off shift hands his queue back.
     */
    public enum Dispatch {
        SHARED,
        OWN_QUEUE
    }

    public Department {
        if (!(annualVisits > 0)) {
            throw new IllegalArgumentException("annualVisits must be positive, got " + annualVisits);
        }
        if (boxes < 0) {
            throw new IllegalArgumentException("boxes must be 0 (unlimited) or more, got " + boxes);
        }
        if (hourWeights.length != 24 || weekdayWeights.length != 7) {
            throw new IllegalArgumentException("hourWeights needs 24 values and weekdayWeights 7");
        }
        if (triageDelayMin < 0 || triageDelayMax < triageDelayMin) {
            throw new IllegalArgumentException("triage delay must satisfy 0 <= min <= max");
        }
        if (pathologies.isEmpty()) {
            throw new IllegalArgumentException("no pathology");
        }
        Set<String> keys = new HashSet<>();
        specialties.forEach(s -> keys.add(s.key()));
        if (!keys.contains(Specialty.EMERGENCY)) {
            throw new IllegalArgumentException("the specialty '" + Specialty.EMERGENCY + "' is required");
        }
        for (Shift shift : shifts) {
            if (!keys.contains(shift.specialty())) {
                throw new IllegalArgumentException("shift names unknown specialty '" + shift.specialty() + "'");
            }
        }
        for (Pathology p : pathologies) {
            if (!keys.contains(p.specialty())) {
                throw new IllegalArgumentException(p.code() + " names unknown specialty '" + p.specialty() + "'");
            }
        }
        patience = Map.copyOf(patience);
        specialties = List.copyOf(specialties);
        shifts = List.copyOf(shifts);
        pathologies = List.copyOf(pathologies);
    }

    /** The default department and case mix from the classpath. */
    public static Department defaults() {
        return read(resource(DEFAULT_DEPARTMENT), resource(DEFAULT_PATHOLOGIES));
    }

    /** A department from files of the shape of the defaults (either may be null for the default). */
    public static Department read(Path department, Path pathologies) {
        try {
            JsonNode d =
                    department == null ? resource(DEFAULT_DEPARTMENT) : JSON.readTree(Files.readAllBytes(department));
            JsonNode p = pathologies == null
                    ? resource(DEFAULT_PATHOLOGIES)
                    : JSON.readTree(Files.readAllBytes(pathologies));
            return read(d, p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the department files: " + e.getMessage(), e);
        }
    }

    /** The total number of doctors over all shifts. */
    public int doctorCount() {
        return shifts.stream().mapToInt(Shift::doctors).sum();
    }

    /** The specialty with this key. */
    public Specialty specialty(String key) {
        return specialties.stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown specialty " + key));
    }

    public Department withAnnualVisits(double visits) {
        return copy(visits, boxes, shifts, dispatch);
    }

    public Department withBoxes(int count) {
        return copy(annualVisits, count, shifts, dispatch);
    }

    public Department withShifts(List<Shift> newShifts) {
        return copy(annualVisits, boxes, newShifts, dispatch);
    }

    public Department withDispatch(Dispatch newDispatch) {
        return copy(annualVisits, boxes, shifts, newDispatch);
    }

    /** This department with the figures the {@code with…} methods change. */
    private Department copy(double visits, int boxCount, List<Shift> newShifts, Dispatch newDispatch) {
        return new Department(
                visits,
                boxCount,
                hourWeights,
                weekdayWeights,
                triageDelayMin,
                triageDelayMax,
                patience,
                boarding,
                specialties,
                newShifts,
                pathologies,
                newDispatch);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resource(String name) {
        try (InputStream in = Department.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    static Department read(JsonNode d, JsonNode p) {
        List<Specialty> specialties = new ArrayList<>();
        d.path("specialties")
                .forEach(s -> specialties.add(
                        new Specialty(text(s, "key"), text(s, "code"), text(s, "display"), text(s, "label"))));
        List<Shift> shifts = new ArrayList<>();
        d.path("shifts")
                .forEach(s -> shifts.add(new Shift(
                        text(s, "specialty"),
                        s.path("doctors").asInt(),
                        s.path("start").asInt(),
                        s.path("end").asInt())));
        Map<FrenchLevel, Double> patience = new EnumMap<>(FrenchLevel.class);
        d.path("patienceMinutes")
                .fields()
                .forEachRemaining(e -> patience.put(
                        FrenchLevel.fromCode(e.getKey()), e.getValue().asDouble()));
        List<Pathology> pathologies = new ArrayList<>();
        for (JsonNode n : p.path("pathologies")) {
            pathologies.add(pathology(n));
        }
        return new Department(
                d.path("annualVisits").asDouble(),
                d.path("boxes").asInt(),
                doubles(d.path("hourWeights"), 24, "hourWeights"),
                doubles(d.path("weekdayWeights"), 7, "weekdayWeights"),
                d.path("triageDelayMinutes").path("min").asInt(),
                d.path("triageDelayMinutes").path("max").asInt(),
                patience,
                distribution(d.path("boardingMinutes")),
                specialties,
                shifts,
                pathologies,
                Dispatch.valueOf(d.path("dispatch").asText("SHARED")));
    }

    private static Pathology pathology(JsonNode n) {
        String code = text(n, "code");
        double[] seasonality = doubles(n.path("seasonality"), 12, code + " seasonality");
        double mean = 0;
        for (double v : seasonality) {
            if (v < 0) {
                throw new IllegalArgumentException(code + ": negative seasonality factor");
            }
            mean += v / 12;
        }
        if (mean <= 0) {
            throw new IllegalArgumentException(code + ": seasonality is zero all year");
        }
        for (int i = 0; i < 12; i++) {
            seasonality[i] /= mean;
        }
        Map<String, Double> arrival = new LinkedHashMap<>();
        double total = 0;
        for (String mode : Pathology.ARRIVAL_MODES) {
            double w = n.path("arrival").path(mode).asDouble(0);
            if (w > 0) {
                arrival.put(mode, w);
                total += w;
            }
        }
        n.path("arrival").fieldNames().forEachRemaining(mode -> {
            if (!Pathology.ARRIVAL_MODES.contains(mode)) {
                throw new IllegalArgumentException(code + ": unknown arrival mode " + mode);
            }
        });
        if (total <= 0) {
            throw new IllegalArgumentException(code + ": no arrival mode");
        }
        for (Map.Entry<String, Double> e : arrival.entrySet()) {
            e.setValue(e.getValue() / total);
        }
        JsonNode age = n.path("age");
        JsonNode v = n.path("vitals");
        return new Pathology(
                code,
                text(n, "label"),
                text(n, "specialty"),
                n.path("share").asDouble(),
                seasonality,
                distribution(n.path("doctorMinutes")),
                distribution(n.path("boxMinutes")),
                probability(n, "admission"),
                new Pathology.AgeRange(
                        age.path("mean").asDouble(),
                        age.path("sd").asDouble(),
                        age.path("min").asDouble(),
                        age.path("max").asDouble()),
                probability(n, "maleShare"),
                arrival,
                text(n, "complaint"),
                n.path("injury").asBoolean(),
                n.path("pain").asInt(),
                probability(n, "severe"),
                probability(n, "confusion"),
                new Pathology.VitalShift(
                        v.path("hr").asDouble(),
                        v.path("rr").asDouble(),
                        v.path("sbp").asDouble(),
                        v.path("temp").asDouble(),
                        v.path("spo2").asDouble()));
    }

    static TimeDistribution distribution(JsonNode n) {
        String kind = n.path("distribution").asText("lognormal");
        return switch (kind) {
            case "lognormal" ->
                TimeDistribution.lognormal(
                        n.path("mean").asDouble(), n.path("cv").asDouble());
            case "exponential" -> TimeDistribution.exponential(n.path("mean").asDouble());
            case "fixed" -> TimeDistribution.fixed(n.path("mean").asDouble());
            default -> throw new IllegalArgumentException("unknown distribution " + kind);
        };
    }

    private static double probability(JsonNode n, String field) {
        double value = n.path(field).asDouble(0);
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(text(n, "code") + ": " + field + " must be within 0-1, got " + value);
        }
        return value;
    }

    private static String text(JsonNode n, String field) {
        JsonNode value = n.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing text field '" + field + "' in " + n);
        }
        return value.asText();
    }

    private static double[] doubles(JsonNode array, int size, String name) {
        if (!array.isArray() || array.size() != size) {
            throw new IllegalArgumentException(name + " needs " + size + " numbers");
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = array.get(i).asDouble();
            if (values[i] < 0) {
                throw new IllegalArgumentException(name + " has a negative value");
            }
        }
        return values;
    }
}
