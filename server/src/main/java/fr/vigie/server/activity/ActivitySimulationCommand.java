package fr.vigie.server.activity;

import ca.uhn.fhir.context.FhirContext;
import fr.vigie.server.triage.ComplaintCategorizer;
import fr.vigie.server.triage.FrenchLevel;
import fr.vigie.server.triage.TriageEngine;
import fr.vigie.server.triage.TriageFeatures;
import fr.vigie.server.triage.TriageModel;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the activity simulator from the command line, prints its figures and timings, and writes its FHIR output.
 * From the built server jar:
 *
 * <pre>
 * java -cp server/target/vigie-server.jar -Dloader.main=fr.vigie.server.activity.ActivitySimulationCommand \
 *   org.springframework.boot.loader.launch.PropertiesLauncher [options]
 * </pre>
 *
 * Options: {@code --seed N} (2026), {@code --start YYYY-MM-DD} (2025-01-01, midnight), {@code --days N} (365),
 * {@code --zone} (Europe/Paris), {@code --visits N} (visits a year), {@code --boxes N} (0 = unlimited), {@code
 * --shift specialty:doctors:start-end} (repeatable, replaces the default staffing), {@code --dispatch shared|own-queue},
 * {@code --department FILE}, {@code --pathologies FILE} (the shape of the defaults in {@code activity/}), {@code
 * --ndjson DIR} with {@code --references id|conditional} (id), {@code --fhir BASE_URL} with {@code --token TOKEN} (or
 * the environment variable {@code VIGIE_FHIR_TOKEN}), {@code --csv DIR} (hourly.csv and daily.csv), {@code --daily}
 * (print the daily table), {@code --erlang} (compare the simulator with Erlang C and stop).
 */
public final class ActivitySimulationCommand {

    private ActivitySimulationCommand() {}

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Options options = Options.parse(args);
        if (options.erlang) {
            erlang(out);
            return;
        }
        Department department = Department.read(options.departmentFile, options.pathologiesFile);
        if (options.visits != null) {
            department = department.withAnnualVisits(options.visits);
        }
        if (options.boxes != null) {
            department = department.withBoxes(options.boxes);
        }
        if (!options.shifts.isEmpty()) {
            department = department.withShifts(options.shifts);
        }
        if (options.dispatch != null) {
            department = department.withDispatch(options.dispatch);
        }
        long loadStart = System.nanoTime();
        TriageEngine engine =
                new TriageEngine(TriageModel.fromClasspath(new TriageFeatures(ComplaintCategorizer.fromClasspath())));
        double loadSeconds = seconds(loadStart);
        ZonedDateTime start = options.start.atStartOfDay(options.zone);
        long simStart = System.nanoTime();
        SimulationResult result =
                new ActivitySimulator(department, TriageFunction.of(engine)).run(options.seed, start, options.days);
        double simSeconds = seconds(simStart);
        ActivityReport report = new ActivityReport(result);
        print(out, report, options.printDaily);
        out.printf(
                Locale.ROOT,
                "%nTiming: triage model loaded in %.2f s; %d days, %d visits simulated in %.2f s (%.0f visits/s, %.0f"
                        + " simulated minutes/s), seed %d%n",
                loadSeconds,
                options.days,
                result.visits().size(),
                simSeconds,
                result.visits().size() / simSeconds,
                result.minutes() / simSeconds,
                options.seed);
        FhirContext fhir = FhirContext.forR4Cached();
        if (options.ndjson != null) {
            long writeStart = System.nanoTime();
            Map<String, Integer> counts =
                    new NdjsonActivityWriter(fhir).write(result, options.references, options.ndjson);
            out.printf(
                    Locale.ROOT, "NDJSON written to %s in %.2f s: %s%n", options.ndjson, seconds(writeStart), counts);
        }
        if (options.fhir != null) {
            String token = options.token != null ? options.token : System.getenv("VIGIE_FHIR_TOKEN");
            FhirServerActivityWriter.Summary summary = new FhirServerActivityWriter(
                            FhirServerActivityWriter.client(fhir, options.fhir, token))
                    .write(result);
            out.printf(
                    Locale.ROOT,
                    "FHIR server %s: %d transactions, %d entries in %.1f s (%.0f entries/s)%n",
                    options.fhir,
                    summary.bundles(),
                    summary.entries(),
                    summary.millis() / 1000.0,
                    summary.entries() * 1000.0 / Math.max(1, summary.millis()));
        }
        if (options.csv != null) {
            writeCsv(report, options.csv);
            out.printf(Locale.ROOT, "CSV written to %s (hourly.csv, daily.csv)%n", options.csv);
        }
    }

    static void print(PrintStream out, ActivityReport report, boolean daily) {
        SimulationResult result = report.result();
        ActivityReport.Figures all = report.overall();
        ActivityReport.Occupancy occupancy = report.occupancy();
        Department department = result.department();
        out.printf(
                Locale.ROOT,
                "Simulated emergency department: %s to %s (%s), %.0f visits/year expected, %s boxes, %d doctors"
                        + " (%s dispatch)%n%n",
                result.start().toLocalDateTime(),
                result.at(result.minutes()).toLocalDateTime(),
                result.start().getZone(),
                department.annualVisits(),
                department.boxes() == 0 ? "unlimited" : Integer.toString(department.boxes()),
                result.doctors().size(),
                department.dispatch().name().toLowerCase(Locale.ROOT));
        out.println("Global performance");
        out.printf(
                Locale.ROOT,
                "  visits                 %d (%.1f a day)%n",
                all.visits(),
                all.visits() * 1440.0 / result.minutes());
        out.printf(
                Locale.ROOT,
                "  wait to doctor (min)   mean %.1f, median %.0f, p90 %.0f%n",
                all.meanWait(),
                all.medianWait(),
                all.p90Wait());
        out.printf(Locale.ROOT, "  length of stay (min)   mean %.1f, median %.0f%n", all.meanStay(), all.medianStay());
        out.printf(Locale.ROOT, "  doctor time (min)      mean %.1f%n", all.meanDoctorMinutes());
        out.printf(
                Locale.ROOT, "  left without being seen %.2f %% (%d)%n", 100 * all.leftUnseenRate(), all.leftUnseen());
        out.printf(Locale.ROOT, "  admitted               %.1f %% (%d)%n", 100 * all.admissionRate(), all.admitted());
        out.printf(
                Locale.ROOT,
                "  box occupancy          %s (mean %.1f boxes)%n",
                percent(occupancy.boxOccupancy()),
                occupancy.meanBoxesUsed());
        out.printf(
                Locale.ROOT,
                "  doctor utilisation     %.1f %% of on-shift time%n",
                100 * occupancy.doctorUtilisation());
        out.printf(
                Locale.ROOT,
                "  patients waiting       mean %.1f, max %d%n",
                occupancy.meanWaiting(),
                occupancy.maxWaiting());

        breakdown(out, "By triage level (FRENCH)", report.byLevel(), FrenchLevel::code, level -> "", all.visits());

        out.printf(
                "%nMonthly summary%n  month    visits  a day  wait mean  p90   stay mean  box occ.  doctors busy  left unseen  admitted%n");
        Map<YearMonth, ActivityReport.Occupancy> monthlyOccupancy = report.monthlyOccupancy();
        for (Map.Entry<YearMonth, ActivityReport.Figures> e : report.monthly().entrySet()) {
            ActivityReport.Figures f = e.getValue();
            ActivityReport.Occupancy o = monthlyOccupancy.get(e.getKey());
            out.printf(
                    Locale.ROOT,
                    "  %s %7d %6.1f %10.1f %5.0f %10.1f %9s %11.1f %% %10.2f %% %7.1f %%%n",
                    e.getKey(),
                    f.visits(),
                    f.visits() / (double) e.getKey().lengthOfMonth(),
                    f.meanWait(),
                    f.p90Wait(),
                    f.meanStay(),
                    percent(o == null ? Double.NaN : o.boxOccupancy()),
                    100 * (o == null ? 0 : o.doctorUtilisation()),
                    100 * f.leftUnseenRate(),
                    100 * f.admissionRate());
        }

        breakdown(
                out, "By pathology (CIM-10 FR)", report.byPathology(), Pathology::code, Pathology::label, all.visits());

        double[][] profile = report.hourOfDayProfile();
        out.printf("%nBy hour of day (mean per hour)%n  hour  arrivals  waiting  boxes used%n");
        for (int h = 0; h < 24; h++) {
            out.printf(Locale.ROOT, "  %02dh %9.2f %8.2f %11.2f%n", h, profile[0][h], profile[1][h], profile[2][h]);
        }

        out.printf("%nDoctors%n  doctor                         shift   patients  busy (h)%n");
        for (Doctor doctor : result.doctors()) {
            out.printf(
                    Locale.ROOT,
                    "  %-24s %02d  %02d-%02dh %9d %9.0f%n",
                    doctor.specialty().key(),
                    doctor.number,
                    doctor.shift().start(),
                    doctor.shift().end(),
                    doctor.patients(),
                    doctor.busyMinutes() / 60.0);
        }

        if (daily) {
            out.printf("%nDaily%n  date        visits  wait mean  stay mean  box occ.  max waiting  left unseen%n");
            Map<LocalDate, ActivityReport.Occupancy> occ = report.dailyOccupancy();
            for (Map.Entry<LocalDate, ActivityReport.Figures> e : report.daily().entrySet()) {
                ActivityReport.Figures f = e.getValue();
                ActivityReport.Occupancy o = occ.get(e.getKey());
                out.printf(
                        Locale.ROOT,
                        "  %s %7d %10.1f %10.1f %9s %12d %8d%n",
                        e.getKey(),
                        f.visits(),
                        f.meanWait(),
                        f.meanStay(),
                        percent(o == null ? Double.NaN : o.boxOccupancy()),
                        o == null ? 0 : o.maxWaiting(),
                        f.leftUnseen());
            }
        }
    }

    /** Compares the simulator with Erlang C on the cases of the unit test, over more seeds, and prints the figures. */
    static void erlang(PrintStream out) {
        out.println("Simulated mean wait against M/M/c (Erlang C), rho = 0.8, 2 years per seed, first 30 days dropped");
        out.println("  case                 theory (min)  simulated per seed (min)                 mean    deviation");
        int[][] cases = {{1, 10}, {5, 30}};
        for (int[] c : cases) {
            int doctors = c[0];
            double service = c[1];
            double lambda = 0.8 * doctors / service;
            double theory = ErlangC.meanWait(doctors, lambda, 1 / service);
            Department department = ErlangC.department(doctors, service, lambda * 365.25 * 1440);
            ActivitySimulator simulator =
                    new ActivitySimulator(department, TriageFunction.constant(FrenchLevel.LEVEL_4));
            List<Double> means = new ArrayList<>();
            double sum = 0;
            long count = 0;
            for (long seed = 1; seed <= 10; seed++) {
                SimulationResult result =
                        simulator.run(seed, ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC")), 730);
                double s = 0;
                long n = 0;
                for (Visit v : result.visits()) {
                    if (v.arrival() >= 30 * 1440 && v.arrival() < 729 * 1440) {
                        s += v.waitMinutes();
                        n++;
                    }
                }
                means.add(s / n);
                sum += s;
                count += n;
            }
            double mean = sum / count;
            double sd = Math.sqrt(
                    means.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum() / (means.size() - 1));
            out.printf(
                    Locale.ROOT,
                    "  M/M/%d, service %2.0f min %10.2f   %s %8.2f  %+6.2f %% (sd between seeds %.1f %%, of the 10-seed mean %.1f %%)%n",
                    doctors,
                    service,
                    theory,
                    means.stream()
                            .map(m -> String.format(Locale.ROOT, "%.1f", m))
                            .toList(),
                    mean,
                    100 * (mean - theory) / theory,
                    100 * sd / theory,
                    100 * sd / Math.sqrt(means.size()) / theory);
        }
    }

    static void writeCsv(ActivityReport report, Path folder) {
        try {
            Files.createDirectories(folder);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(folder.resolve("hourly.csv")))) {
                w.println("hour_start,arrivals,started,departures,left_unseen,mean_waiting,max_waiting,mean_boxes_used,"
                        + "max_boxes_used,mean_busy_doctors,mean_doctors_on_shift");
                for (HourStat h : report.result().hours()) {
                    w.printf(
                            Locale.ROOT,
                            "%s,%d,%d,%d,%d,%.3f,%d,%.3f,%d,%.3f,%.3f%n",
                            report.hourStart(h).toOffsetDateTime(),
                            h.arrivals(),
                            h.started(),
                            h.departures(),
                            h.leftUnseen(),
                            h.meanWaiting(),
                            h.maxWaiting(),
                            h.meanBoxesUsed(),
                            h.maxBoxesUsed(),
                            h.meanBusyDoctors(),
                            h.meanDoctorsOnShift());
                }
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(folder.resolve("daily.csv")))) {
                w.println("date,visits,seen,left_unseen,admitted,mean_wait,median_wait,p90_wait,mean_stay,median_stay,"
                        + "mean_boxes_used,box_occupancy,doctor_utilisation,max_waiting");
                Map<LocalDate, ActivityReport.Occupancy> occupancy = report.dailyOccupancy();
                for (Map.Entry<LocalDate, ActivityReport.Figures> e :
                        report.daily().entrySet()) {
                    ActivityReport.Figures f = e.getValue();
                    ActivityReport.Occupancy o = occupancy.get(e.getKey());
                    w.printf(
                            Locale.ROOT,
                            "%s,%d,%d,%d,%d,%.2f,%.1f,%.1f,%.2f,%.1f,%.3f,%.4f,%.4f,%d%n",
                            e.getKey(),
                            f.visits(),
                            f.seen(),
                            f.leftUnseen(),
                            f.admitted(),
                            f.meanWait(),
                            f.medianWait(),
                            f.p90Wait(),
                            f.meanStay(),
                            f.medianStay(),
                            o == null ? 0 : o.meanBoxesUsed(),
                            o == null ? Double.NaN : o.boxOccupancy(),
                            o == null ? 0 : o.doctorUtilisation(),
                            o == null ? 0 : o.maxWaiting());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write CSV to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** One line of figures per key (a triage level, a pathology), with its share of all visits. */
    private static <K> void breakdown(
            PrintStream out,
            String title,
            Map<K, ActivityReport.Figures> rows,
            Function<K, String> code,
            Function<K, String> label,
            long allVisits) {
        out.printf(
                "%n%s%n  code   visits  share   wait mean  p90  doctor  stay mean  admitted  left unseen  label%n",
                title);
        for (Map.Entry<K, ActivityReport.Figures> e : rows.entrySet()) {
            ActivityReport.Figures f = e.getValue();
            out.printf(
                    Locale.ROOT,
                    "  %-6s %6d %5.1f %% %10.1f %4.0f %7.1f %10.1f %8.1f %% %10.2f %%  %s%n",
                    code.apply(e.getKey()),
                    f.visits(),
                    100.0 * f.visits() / Math.max(1, allVisits),
                    f.meanWait(),
                    f.p90Wait(),
                    f.meanDoctorMinutes(),
                    f.meanStay(),
                    100 * f.admissionRate(),
                    100 * f.leftUnseenRate(),
                    label.apply(e.getKey()));
        }
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * value);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Parsed command-line options. */
    static final class Options {
        long seed = 2026;
        LocalDate start = LocalDate.of(2025, 1, 1);
        int days = 365;
        ZoneId zone = ZoneId.of("Europe/Paris");
        Double visits;
        Integer boxes;
        List<Shift> shifts = new ArrayList<>();
        Department.Dispatch dispatch;
        Path departmentFile;
        Path pathologiesFile;
        Path ndjson;
        ActivityFhirMapper.References references = ActivityFhirMapper.References.ID;
        String fhir;
        String token;
        Path csv;
        boolean printDaily;
        boolean erlang;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--daily" -> o.printDaily = true;
                    case "--erlang" -> o.erlang = true;
                    default -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("option " + arg + " needs a value (or is unknown)");
                        }
                        String value = args[++i];
                        switch (arg) {
                            case "--seed" -> o.seed = Long.parseLong(value);
                            case "--start" -> o.start = LocalDate.parse(value);
                            case "--days" -> o.days = Integer.parseInt(value);
                            case "--zone" -> o.zone = ZoneId.of(value);
                            case "--visits" -> o.visits = Double.parseDouble(value);
                            case "--boxes" -> o.boxes = Integer.parseInt(value);
                            case "--shift" -> o.shifts.add(shift(value));
                            case "--dispatch" ->
                                o.dispatch = Department.Dispatch.valueOf(
                                        value.toUpperCase(Locale.ROOT).replace('-', '_'));
                            case "--department" -> o.departmentFile = Path.of(value);
                            case "--pathologies" -> o.pathologiesFile = Path.of(value);
                            case "--ndjson" -> o.ndjson = Path.of(value);
                            case "--references" ->
                                o.references = ActivityFhirMapper.References.valueOf(value.toUpperCase(Locale.ROOT));
                            case "--fhir" -> o.fhir = value;
                            case "--token" -> o.token = value;
                            case "--csv" -> o.csv = Path.of(value);
                            default -> throw new IllegalArgumentException("unknown option " + arg);
                        }
                    }
                }
            }
            return o;
        }

        /** {@code specialty:doctors:start-end}, e.g. {@code emergency:3:8-20}. */
        static Shift shift(String value) {
            String[] parts = value.split("[:\\-]");
            if (parts.length != 4) {
                throw new IllegalArgumentException("--shift expects specialty:doctors:start-end, got " + value);
            }
            return new Shift(
                    parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
        }
    }
}
