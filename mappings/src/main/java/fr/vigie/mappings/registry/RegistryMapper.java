package fr.vigie.mappings.registry;

import fr.vigie.mappings.registry.RegistrySpec.Kind;
import fr.vigie.mappings.registry.RegistrySpec.SheetSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry engine: applies {@link RegistrySpec}s to the sheets of a workbook (or the single sheet of a CSV
 * export), row by row, so a reader can stream a large mission sheet without holding it.
 *
 * <p>Each sheet's layout is chosen from its first non-empty row: a row with two or more year cells (1900–2100)
 * starts a summary sheet; otherwise the table or mission layout whose required column headers are all present (the
 * one matching most headers, the sheet name breaking ties). A sheet no layout matches is rejected as a whole with
 * the headers read, so a new layout shows up in the report instead of vanishing.
 *
 * <p>Mission rows become Encounters as they arrive; summary sheets and tables are small and become MeasureReports
 * when the workbook ends ({@link Workbook#end()}), since a table's year may come from the mission rows.
 */
public final class RegistryMapper {

    private static final Pattern YEAR_IN_NAME = Pattern.compile("(?<!\\d)(19\\d\\d|20\\d\\d)(?!\\d)");

    private final List<RegistrySpec> specs;
    private final LocalDate today;
    private final Predicate<String> knownFiness;
    private final Predicate<String> knownDz;

    /**
     * @param specs layouts to try, in order
     * @param today dates after it are refused ("in the future"), in Europe/Paris
     * @param knownFiness whether a FINESS établissement is a Location Vigie holds; unknown ones are kept as
     *     identifiers with a warning
     * @param knownDz whether a dropping-zone id is a Location Vigie holds
     */
    public RegistryMapper(
            List<RegistrySpec> specs, LocalDate today, Predicate<String> knownFiness, Predicate<String> knownDz) {
        this.specs = List.copyOf(specs);
        this.today = Objects.requireNonNull(today, "today");
        this.knownFiness = Objects.requireNonNull(knownFiness, "knownFiness");
        this.knownDz = Objects.requireNonNull(knownDz, "knownDz");
        if (this.specs.isEmpty()) {
            throw new IllegalArgumentException("the registry engine needs at least one spec");
        }
    }

    /** The layouts shipped with vigie-mappings. */
    public static List<RegistrySpec> shippedSpecs() {
        return List.of(RegistrySpec.load("smur-registre"));
    }

    /**
     * Starts a workbook.
     *
     * @param source file name (a year in it dates tables that have none)
     */
    public Workbook open(String source, RegistryOutput output) {
        return open(source, output, MissionNumbers.inMemory());
    }

    /**
     * Starts a workbook whose mission numbers are remembered in {@code missionNumbers} (the caller closes it once
     * the workbook has ended).
     *
     * @param source file name (a year in it dates tables that have none)
     */
    public Workbook open(String source, RegistryOutput output, MissionNumbers missionNumbers) {
        return new Workbook(source, output, missionNumbers);
    }

    /** A sheet handler: receives rows, then {@link #end()}. */
    interface SheetHandler {
        void row(int number, List<Cell> cells);

        void end();
    }

    /** One workbook being read. */
    public final class Workbook {
        private final String source;
        private final RegistryOutput output;
        private final List<TableSheet> tables = new ArrayList<>();
        private final List<SummarySheet> summaries = new ArrayList<>();
        private final Set<Integer> missionYears = new TreeSet<>();
        private final MissionNumbers missionIds;
        private int dataRows;

        Workbook(String source, RegistryOutput output, MissionNumbers missionIds) {
            this.source = source == null ? "" : source;
            this.output = Objects.requireNonNull(output, "output");
            this.missionIds = Objects.requireNonNull(missionIds, "missionNumbers");
        }

        /** Starts a sheet; feed it its rows in order, then call {@link Sheet#end()}. */
        public Sheet sheet(String name) {
            return new Sheet(this, name);
        }

        /** Rows holding at least one value, over all sheets so far. */
        public int dataRows() {
            return dataRows;
        }

        /** Builds the reports of the summary sheets and tables. */
        public void end() {
            for (SummarySheet summary : summaries) {
                summary.emit(output);
            }
            Integer year = missionYears.size() == 1 ? missionYears.iterator().next() : null;
            String yearSource = year == null ? null : "the mission rows of this workbook";
            if (year == null) {
                Matcher m = YEAR_IN_NAME.matcher(source);
                Integer found = null;
                while (m.find()) {
                    found = Integer.valueOf(m.group(1));
                }
                year = found;
                yearSource = found == null ? null : "the file name " + source;
            }
            for (TableSheet table : tables) {
                table.emit(output, year, yearSource);
            }
        }

        void missionYear(int year) {
            missionYears.add(year);
        }

        /** Remembers a mission number; returns the cell that had it first, or {@code null}. */
        String firstMission(String id, String cell) {
            return missionIds.putIfAbsent(id, cell);
        }
    }

    /** One sheet being read. */
    public final class Sheet {
        private final Workbook workbook;
        private final String name;
        private SheetHandler handler;
        private boolean rejected;

        Sheet(Workbook workbook, String name) {
            this.workbook = workbook;
            this.name = name;
        }

        /** One row; blank cells may be missing from {@code cells}. */
        public void row(int number, List<Cell> cells) {
            if (rejected || cells.stream().allMatch(Cell::isBlank)) {
                return;
            }
            workbook.dataRows++;
            if (handler == null) {
                handler = choose(number, cells);
                if (handler == null) {
                    rejected = true;
                    return;
                }
            }
            handler.row(number, cells);
        }

        public void end() {
            if (handler != null) {
                handler.end();
            }
        }

        private SheetHandler choose(int number, List<Cell> cells) {
            long years = cells.stream().filter(c -> CellValues.year(c) != null).count();
            if (years >= 2) {
                for (RegistrySpec spec : specs) {
                    for (SheetSpec sheet : spec.sheets()) {
                        if (sheet.kind() == Kind.summary) {
                            SummarySheet summary = new SummarySheet(spec, sheet, name, today);
                            workbook.summaries.add(summary);
                            return summary;
                        }
                    }
                }
            }
            Candidate best = null;
            for (RegistrySpec spec : specs) {
                Labels labels = spec.labels();
                String sheetName = labels.normalise(name);
                for (SheetSpec sheet : spec.sheets()) {
                    if (sheet.kind() == Kind.summary) {
                        continue;
                    }
                    Map<String, Integer> columns = Headers.columns(sheet, labels, cells);
                    if (!columns.keySet().containsAll(sheet.required())) {
                        continue;
                    }
                    int score = columns.size() * 2 + (sheet.sheetNames().contains(sheetName) ? 1 : 0);
                    if (best == null || score > best.score()) {
                        best = new Candidate(spec, sheet, columns, score);
                    }
                }
            }
            if (best == null) {
                workbook.output.reject(
                        name + "!A" + number,
                        "sheet " + name + ": no registry layout matches its first row ("
                                + String.join(
                                        " | ",
                                        cells.stream()
                                                .filter(c -> !c.isBlank())
                                                .map(Cell::text)
                                                .toList())
                                + "); add a sheet to a spec in mappings/registry/");
                return null;
            }
            if (best.sheet().kind() == Kind.missions) {
                return new MissionSheet(
                        best.spec(), best.columns(), name, today, knownFiness, knownDz, workbook, workbook.output);
            }
            TableSheet table = new TableSheet(best.spec(), best.sheet(), best.columns(), name, today);
            workbook.tables.add(table);
            return table;
        }
    }

    private record Candidate(RegistrySpec spec, SheetSpec sheet, Map<String, Integer> columns, int score) {}
}
