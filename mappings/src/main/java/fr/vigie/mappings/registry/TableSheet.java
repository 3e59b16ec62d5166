package fr.vigie.mappings.registry;

import fr.vigie.mappings.registry.RegistrySpec.SheetSpec;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A month × mission type or pathology × mission type table, one count per row. Rows are kept until the workbook
 * ends, when the year is known: a {@code year} column, else the single year of the workbook's mission rows, else a
 * year in the file name. Month tables give one {@code smur-missions-monthly} report per month, pathology tables one
 * {@code smur-pathologies} report per year, with pathologies coded in CodeSystem smur-pathology and mapped to CIM-10
 * through the ConceptMap where a match exists (unknown labels are kept as text, with a warning).
 */
final class TableSheet implements RegistryMapper.SheetHandler {

    private final RegistrySpec spec;
    private final SheetSpec sheet;
    private final Map<String, Integer> columns;
    private final String name;
    private final LocalDate today;
    private final Labels labels;
    private final List<Line> lines = new ArrayList<>();
    private final int lastColumn;
    private boolean header = true;

    private record Line(int number, List<Cell> cells) {}

    TableSheet(RegistrySpec spec, SheetSpec sheet, Map<String, Integer> columns, String name, LocalDate today) {
        this.spec = spec;
        this.sheet = sheet;
        this.columns = columns;
        this.name = name;
        this.today = today;
        this.labels = spec.labels();
        this.lastColumn =
                columns.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @Override
    public void row(int number, List<Cell> cells) {
        if (header) {
            header = false;
            return;
        }
        lines.add(new Line(number, cells));
    }

    @Override
    public void end() {
        // rows are turned into reports when the year is known (emit)
    }

    private Cell cell(Line line, String role) {
        return Headers.cell(line.cells(), name, line.number(), columns.get(role));
    }

    private String rowLabel(int first, int last) {
        return name + "!A" + first + ":" + Cell.columnName(lastColumn) + last;
    }

    void emit(RegistryOutput output, Integer workbookYear, String yearSource) {
        boolean monthly = Measures.MISSIONS_MONTHLY.equals(sheet.measure());
        Map<String, MeasureTally> tallies = new LinkedHashMap<>();
        Map<String, int[]> rows = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
        Map<String, List<String>> warnings = new LinkedHashMap<>();
        for (Line line : lines) {
            String row = name + "!A" + line.number();
            try {
                int year;
                if (columns.containsKey("year") && !cell(line, "year").isBlank()) {
                    Cell yearCell = cell(line, "year");
                    Integer y = CellValues.year(yearCell);
                    if (y == null) {
                        throw new CellValues.BadCell(yearCell, "not a year: '" + yearCell.text() + "'");
                    }
                    year = y;
                } else if (workbookYear != null) {
                    year = workbookYear;
                } else {
                    throw new CellValues.BadCell(
                            cell(line, "count"),
                            "this table gives no year: add a Year column, put the year in the file name"
                                    + " (registre-2023.xlsx) or import it with the workbook's mission rows");
                }
                Cell typeCell = cell(line, Measures.MISSION_TYPE);
                String type = code(Measures.MISSION_TYPE, typeCell);
                if (type == null) {
                    throw new CellValues.BadCell(
                            typeCell,
                            "unknown mission type '" + typeCell.text()
                                    + "' (expected one of the spec's mission-type labels, e.g. PRIM or SEC)");
                }
                Cell countCell = cell(line, "count");
                if (countCell.isBlank()) {
                    throw new CellValues.BadCell(countCell, "no count");
                }
                long count = CellValues.count(countCell);
                String aircraftText = spec.allAircraftLabel();
                String aircraftKey = "*";
                if (columns.containsKey("aircraft") && !cell(line, "aircraft").isBlank()) {
                    aircraftText = cell(line, "aircraft").text();
                    aircraftKey = labels.normalise(aircraftText);
                }
                MeasureTally tally;
                String key;
                MeasureTally.Stratum stratum;
                if (monthly) {
                    Cell monthCell = cell(line, "month");
                    Month month = month(monthCell);
                    YearMonth yearMonth = YearMonth.of(year, month);
                    if (yearMonth.isAfter(YearMonth.from(today))) {
                        throw new CellValues.BadCell(monthCell, yearMonth + " is in the future");
                    }
                    key = yearMonth.toString();
                    tally = tallies.computeIfAbsent(key, k -> MeasureTally.month(sheet.measure(), yearMonth));
                    stratum = MeasureTally.Stratum.of(Measures.MISSION_TYPE, type, typeCell.text());
                    String dup = seen.putIfAbsent(key + "|" + aircraftKey + "|" + type, row);
                    if (dup != null) {
                        throw new CellValues.BadCell(typeCell, "same month and mission type as " + dup);
                    }
                } else {
                    if (year > today.getYear()) {
                        throw new CellValues.BadCell(cell(line, "count"), "year " + year + " is in the future");
                    }
                    Cell pathologyCell = cell(line, "pathology");
                    if (pathologyCell.isBlank()) {
                        throw new CellValues.BadCell(pathologyCell, "no pathology");
                    }
                    String pathology = code(Measures.PATHOLOGY, pathologyCell);
                    key = Integer.toString(year);
                    int y = year;
                    tally = tallies.computeIfAbsent(key, k -> MeasureTally.year(sheet.measure(), y));
                    String pathologyKey = pathology != null ? pathology : labels.normalise(pathologyCell.text());
                    String dup = seen.putIfAbsent(key + "|" + aircraftKey + "|" + pathologyKey + "|" + type, row);
                    if (dup != null) {
                        throw new CellValues.BadCell(typeCell, "same pathology and mission type as " + dup);
                    }
                    if (pathology == null) {
                        warnings.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(pathologyCell.label() + ": pathology '" + pathologyCell.text()
                                        + "' is not in CodeSystem smur-pathology; kept as text, no CIM-10 chapter");
                    }
                    MeasureTally.Component p =
                            new MeasureTally.Component(Measures.PATHOLOGY, pathology, pathologyCell.text());
                    tally.group(aircraftKey, aircraftText).add(new MeasureTally.Stratum(List.of(p)), count);
                    stratum = new MeasureTally.Stratum(
                            List.of(p, new MeasureTally.Component(Measures.MISSION_TYPE, type, typeCell.text())));
                }
                tally.group(aircraftKey, aircraftText).add(stratum, count);
                int[] range = rows.computeIfAbsent(key, k -> new int[] {line.number(), line.number()});
                range[0] = Math.min(range[0], line.number());
                range[1] = Math.max(range[1], line.number());
            } catch (CellValues.BadCell e) {
                output.reject(row, e.getMessage());
            }
        }
        for (Map.Entry<String, MeasureTally> entry : tallies.entrySet()) {
            int[] range = rows.get(entry.getKey());
            String row = rowLabel(range[0], range[1]);
            output.accept(row, List.of(entry.getValue().toReport(spec.name(), Measures.SOURCE_REGISTRY_TABLE)));
            if (!columns.containsKey("year") && yearSource != null) {
                output.warn(row, "year " + entry.getKey().substring(0, 4) + " taken from " + yearSource);
            }
            warnings.getOrDefault(entry.getKey(), List.of()).forEach(w -> output.warn(row, w));
        }
    }

    private String code(String system, Cell cell) {
        if (cell.isBlank()) {
            return null;
        }
        return spec.codes().getOrDefault(system, Map.of()).get(labels.normalise(cell.text()));
    }

    private Month month(Cell cell) throws CellValues.BadCell {
        if (cell.kind() == Cell.Kind.NUMBER) {
            double v = cell.number();
            if (v == Math.rint(v) && v >= 1 && v <= 12) {
                return Month.of((int) v);
            }
        } else if (cell.kind() == Cell.Kind.TEXT) {
            String text = Labels.plain(cell.text()).replace(".", "").strip();
            for (Month month : Month.values()) {
                for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                    String full = Labels.plain(month.getDisplayName(TextStyle.FULL, locale));
                    String shortName = Labels.plain(month.getDisplayName(TextStyle.SHORT, locale))
                            .replace(".", "");
                    if (text.equals(full) || text.equals(shortName)) {
                        return month;
                    }
                }
            }
            if (text.matches("\\d{1,2}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 12) {
                return Month.of(Integer.parseInt(text));
            }
        }
        throw new CellValues.BadCell(cell, "not a month: '" + cell.text() + "' (1-12 or a month name)");
    }
}
