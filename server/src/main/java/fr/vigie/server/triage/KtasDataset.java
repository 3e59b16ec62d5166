package fr.vigie.server.triage;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the KTAS triage data set (Moon SH et al., PLoS ONE 14(9): e0216972, 2019, CC BY 4.0; training part in
 * {@code ../shared/data/ktas/ktas_train.csv}, UTF-8, comma-separated, header line) into {@link KtasRecord}s.
 *
 * <p>Column mapping (source column → field):
 *
 * <ul>
 *   <li>{@code id} → id; {@code Group} → group; {@code Age} → age (years); {@code Patients number per hour} →
 *       patientsPerHour
 *   <li>{@code Sex} 1 → {@code female}, 2 → {@code male}
 *   <li>{@code Arrival mode} 1 walking → {@code walk-in}, 2 → {@code public-ambulance}, 3 → {@code
 *       private-vehicle}, 4 → {@code private-ambulance}, 5–7 → {@code other}
 *   <li>{@code Injury} 1 → false, 2 → true; {@code Chief_complain} → chiefComplaint (trimmed)
 *   <li>{@code Mental} 1 → A, 2 → V, 3 → P, 4 → U; {@code Pain} 1/0 → painPresent; {@code NRS_pain} → painScore
 *   <li>{@code SBP}, {@code DBP} mm[Hg]; {@code HR} /min; {@code RR} /min; {@code BT} °C; {@code Saturation} % →
 *       vitals (onOxygen is not recorded: null)
 *   <li>labels: {@code KTAS_expert} → ktasExpert, {@code KTAS_RN} → ktasNurse, {@code Length of stay_min} →
 *       lengthOfStayMinutes
 * </ul>
 *
 * <p>Not read at all, because they are known only after triage and must never become inputs: {@code Diagnosis in
 * ED}, {@code Disposition}, {@code Error_group}, {@code KTAS duration_min}, {@code mistriage}. {@code KTAS_RN} and
 * the length of stay are read as labels only.
 *
 * <p>Missing values: the cleaned file has empty cells where the published one had {@code ??} or {@code #BOÞ!};
 * this reader also treats any cell made only of question marks, or starting with {@code #}, as missing, in case
 * an uncleaned copy is read. Numbers accept a decimal comma as well as a point. In the training file SBP is
 * missing 22 times, DBP 26, HR 18, RR 19, BT 15, SpO2 482 (never recorded in group 1), NRS_pain 388. NRS_pain is
 * empty exactly when Pain is 0 but for 2 rows: an empty NRS with Pain 0 becomes a pain score of 0, an empty NRS
 * with Pain 1 stays missing. Chief complaints lost to encoding (only question marks, e.g. {@code ????}) become
 * null. A missing or malformed value in a required column (id, group, age, sex, labels) is an error naming the row
 * and the column.
 */
public final class KtasDataset {

    /** The training file, relative to the repository root. */
    public static final Path DEFAULT_PATH = Path.of("../shared/data/ktas/ktas_train.csv");

    private KtasDataset() {}

    /** Reads a KTAS CSV file. */
    public static List<KtasRecord> read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read KTAS data " + path, e);
        }
    }

    /** Reads KTAS CSV text with its header line. */
    public static List<KtasRecord> read(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .get();
        List<KtasRecord> records = new ArrayList<>();
        try (CSVParser parser =
                CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord row : parser) {
                records.add(toRecord(row));
            }
        }
        return records;
    }

    static KtasRecord toRecord(CSVRecord row) {
        int id = required(row, "id");
        Boolean painPresent = flag(row, "Pain", "1", "0");
        Integer nrs = integer(row, "NRS_pain");
        Integer painScore = nrs != null ? nrs : Boolean.FALSE.equals(painPresent) ? Integer.valueOf(0) : null;
        VitalSigns vitals = new VitalSigns(
                number(row, "HR"),
                number(row, "RR"),
                number(row, "SBP"),
                number(row, "DBP"),
                number(row, "BT"),
                number(row, "Saturation"),
                mental(row),
                null,
                painScore);
        return new KtasRecord(
                id,
                required(row, "Group"),
                required(row, "Age"),
                sex(row),
                integer(row, "Patients number per hour"),
                arrivalMode(row),
                flag(row, "Injury", "2", "1"),
                complaint(row.get("Chief_complain")),
                painPresent,
                vitals,
                required(row, "KTAS_expert"),
                required(row, "KTAS_RN"),
                number(row, "Length of stay_min"));
    }

    /** The arrival-mode code for a KTAS "Arrival mode" value (1–7). */
    public static String arrivalMode(int ktasCode) {
        return switch (ktasCode) {
            case 1 -> "walk-in";
            case 2 -> "public-ambulance";
            case 3 -> "private-vehicle";
            case 4 -> "private-ambulance";
            case 5, 6, 7 -> "other";
            default -> throw new IllegalArgumentException("Unknown KTAS arrival mode " + ktasCode + ": expected 1–7");
        };
    }

    /** True for a cell that holds no value: empty, only question marks, or a spreadsheet error such as #BOÞ!. */
    static boolean isMissing(String cell) {
        if (cell == null) {
            return true;
        }
        String trimmed = cell.trim();
        return trimmed.isEmpty() || trimmed.chars().allMatch(ch -> ch == '?' || ch == ' ') || trimmed.startsWith("#");
    }

    /** A number with a decimal point or a decimal comma, or null when missing. */
    static Double parseNumber(String cell) {
        if (isMissing(cell)) {
            return null;
        }
        return Double.valueOf(cell.trim().replace(',', '.'));
    }

    private static String complaint(String cell) {
        return isMissing(cell) ? null : cell.trim();
    }

    private static String arrivalMode(CSVRecord row) {
        Integer code = integer(row, "Arrival mode");
        return code == null ? null : arrivalMode(code);
    }

    private static String sex(CSVRecord row) {
        return switch (required(row, "Sex")) {
            case 1 -> "female";
            case 2 -> "male";
            default -> throw bad(row, "Sex", "expected 1 or 2");
        };
    }

    private static Consciousness mental(CSVRecord row) {
        Integer code = integer(row, "Mental");
        if (code == null) {
            return null;
        }
        return switch (code) {
            case 1 -> Consciousness.ALERT;
            case 2 -> Consciousness.VOICE;
            case 3 -> Consciousness.PAIN;
            case 4 -> Consciousness.UNRESPONSIVE;
            default -> throw bad(row, "Mental", "expected 1–4 (AVPU)");
        };
    }

    private static Boolean flag(CSVRecord row, String column, String yes, String no) {
        String cell = row.get(column);
        if (isMissing(cell)) {
            return null;
        }
        if (cell.trim().equals(yes)) {
            return true;
        }
        if (cell.trim().equals(no)) {
            return false;
        }
        throw bad(row, column, "expected " + yes + " or " + no);
    }

    private static Double number(CSVRecord row, String column) {
        try {
            return parseNumber(row.get(column));
        } catch (NumberFormatException e) {
            throw bad(row, column, "not a number");
        }
    }

    private static Integer integer(CSVRecord row, String column) {
        Double value = number(row, column);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value)) {
            throw bad(row, column, "not an integer");
        }
        return value.intValue();
    }

    private static int required(CSVRecord row, String column) {
        Integer value = integer(row, column);
        if (value == null) {
            throw bad(row, column, "missing");
        }
        return value;
    }

    private static IllegalArgumentException bad(CSVRecord row, String column, String problem) {
        return new IllegalArgumentException(String.format(
                Locale.ROOT,
                "KTAS line %d, column '%s': value '%s' %s",
                row.getRecordNumber() + 1,
                column,
                row.isMapped(column) ? row.get(column) : "",
                problem));
    }
}
