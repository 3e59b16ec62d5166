package fr.vigie.mappings.registry;

import fr.vigie.mappings.registry.RegistrySpec.RowRule;
import fr.vigie.mappings.registry.RegistrySpec.SheetSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A summary sheet: indicator rows × year columns, in blocks each under its own year header row. Cells are kept
 * until the sheet ends, then each (measure, year) becomes one MeasureReport with one group per aircraft.
 *
 * <p>Figures are stored as written. A total that differs from the sum of its parts, or a percentage that does not
 * match its counts (more than half a point apart), is a warning on that report; an empty cell is no figure (the
 * aircraft did not fly that year), not a zero. A bad cell (text or a negative number in a count, a year in the
 * future) is rejected on its own, and the group it belonged to is left out of that year's report with a warning,
 * since a group missing one of its parts would be wrong.
 */
final class SummarySheet implements RegistryMapper.SheetHandler {

    private static final double PERCENT_TOLERANCE = 0.5;

    private final RegistrySpec spec;
    private final SheetSpec sheet;
    private final String name;
    private final LocalDate today;
    private final Labels labels;
    private final int labelColumn;
    private final List<Pattern> patterns = new ArrayList<>();

    private Map<Integer, Integer> yearColumns;
    private final Set<Integer> futureColumns = new HashSet<>();
    private String lastMeasure;
    private int block;

    // (measure, year) → figures
    private final Map<String, Figures> figures = new TreeMap<>();
    private final List<String[]> rejected = new ArrayList<>();

    /** What one (measure, year) holds. */
    private static final class Figures {
        final String measure;
        final int year;
        final int column;
        final MeasureTally tally;
        final Map<String, Map<String, Cell>> partCells = new LinkedHashMap<>();
        final Map<String, Cell> totalCells = new LinkedHashMap<>();
        final Map<String, Double> percents = new LinkedHashMap<>();
        final Map<String, Cell> percentCells = new LinkedHashMap<>();
        final Map<String, List<String>> numerators = new LinkedHashMap<>();
        final Set<String> broken = new HashSet<>();
        int firstRow = Integer.MAX_VALUE;
        int lastRow;

        Figures(String measure, int year, int column) {
            this.measure = measure;
            this.year = year;
            this.column = column;
            this.tally = MeasureTally.year(measure, year);
        }
    }

    SummarySheet(RegistrySpec spec, SheetSpec sheet, String name, LocalDate today) {
        this.spec = spec;
        this.sheet = sheet;
        this.name = name;
        this.today = today;
        this.labels = spec.labels();
        this.labelColumn = columnIndex(sheet.labelColumn());
        sheet.rows().forEach(rule -> patterns.add(Pattern.compile(rule.pattern())));
    }

    @Override
    public void row(int number, List<Cell> cells) {
        Map<Integer, Integer> years = new LinkedHashMap<>();
        for (Cell cell : cells) {
            Integer year = cell.column() == labelColumn ? null : CellValues.year(cell);
            if (year != null) {
                years.put(cell.column(), year);
            }
        }
        if (years.size() >= 2) {
            yearColumns = new LinkedHashMap<>();
            futureColumns.clear();
            block++;
            lastMeasure = null;
            for (Map.Entry<Integer, Integer> year : years.entrySet()) {
                if (year.getValue() > today.getYear()) {
                    futureColumns.add(year.getKey());
                    Cell cell = Headers.cell(cells, name, number, year.getKey());
                    rejected.add(new String[] {
                        cell.label(),
                        cell.label() + ": year " + year.getValue() + " is in the future; its column is not imported"
                    });
                } else {
                    yearColumns.put(year.getKey(), year.getValue());
                }
            }
            return;
        }
        Cell labelCell = Headers.cell(cells, name, number, labelColumn);
        List<Cell> values = cells.stream()
                .filter(c -> c.column() != labelColumn && !c.isBlank())
                .toList();
        if (values.isEmpty()) {
            return; // a title or spacer row
        }
        String written = labelCell.isBlank() ? "" : labelCell.text();
        if (yearColumns == null) {
            rejected.add(new String[] {
                name + "!" + number,
                name + "!" + labelCell.ref() + ": row '" + written + "' has figures but no year header row above it"
            });
            return;
        }
        List<String> words = Labels.words(written);
        List<String> normalisedWords = new ArrayList<>();
        List<String> writtenWords = new ArrayList<>();
        for (String word : words) {
            String normalised = labels.word(word);
            if (!normalised.isEmpty()) {
                normalisedWords.add(normalised);
                writtenWords.add(word);
            }
        }
        String normalised = String.join(" ", normalisedWords);
        RowRule rule = null;
        Matcher matcher = null;
        for (int i = 0; i < patterns.size(); i++) {
            Matcher m = patterns.get(i).matcher(normalised);
            if (m.matches()) {
                rule = sheet.rows().get(i);
                matcher = m;
                break;
            }
        }
        if (rule == null) {
            rejected.add(new String[] {
                labelCell.label(),
                labelCell.label() + ": unknown indicator '" + written + "' (normalised '" + normalised
                        + "'); add a row to the spec " + spec.name()
            });
            return;
        }
        String measure = rule.measure() != null ? rule.measure() : lastMeasure;
        if (measure == null) {
            rejected.add(new String[] {
                labelCell.label(), labelCell.label() + ": total '" + written + "' has no indicator rows above it"
            });
            return;
        }
        if (!"total".equals(rule.role()) || rule.measure() != null) {
            lastMeasure = measure;
        }
        String aircraftText = spec.allAircraftLabel();
        String aircraftKey = "*";
        if (hasGroup(matcher, "aircraft") && matcher.group("aircraft") != null) {
            int startWord = matcher.start("aircraft") == 0
                    ? 0
                    : normalised.substring(0, matcher.start("aircraft")).split(" ").length;
            aircraftText = String.join(" ", writtenWords.subList(startWord, writtenWords.size()));
            aircraftKey = matcher.group("aircraft");
        }
        for (Cell cell : values) {
            Integer year = yearColumns.get(cell.column());
            if (year == null) {
                if (!cell.isBlank() && !isFutureColumn(cell)) {
                    rejected.add(new String[] {cell.label(), cell.label() + ": value outside the year columns"});
                }
                continue;
            }
            Figures f = figures.computeIfAbsent(
                    measure + "/" + year + "/" + block, k -> new Figures(measure, year, cell.column()));
            f.firstRow = Math.min(f.firstRow, number);
            f.lastRow = Math.max(f.lastRow, number);
            MeasureTally.Group group = f.tally.group(aircraftKey, aircraftText);
            try {
                switch (rule.role()) {
                    case "stratum" -> {
                        long count = CellValues.count(cell);
                        if (f.partCells
                                        .computeIfAbsent(aircraftKey, k -> new LinkedHashMap<>())
                                        .putIfAbsent(rule.stratum(), cell)
                                != null) {
                            throw new CellValues.BadCell(
                                    cell, "a second '" + rule.stratum() + "' row for " + aircraftText + " in " + year);
                        }
                        group.add(MeasureTally.Stratum.of(rule.stratifier(), rule.stratum(), written), count);
                    }
                    case "total" -> {
                        group.total(CellValues.count(cell));
                        f.totalCells.put(aircraftKey, cell);
                    }
                    default -> {
                        f.percents.put(aircraftKey, CellValues.percent(cell));
                        f.percentCells.put(aircraftKey, cell);
                        f.numerators.put(aircraftKey, rule.numerator());
                    }
                }
            } catch (CellValues.BadCell e) {
                rejected.add(new String[] {cell.label(), e.getMessage()});
                f.broken.add(aircraftKey);
            }
        }
    }

    private boolean isFutureColumn(Cell cell) {
        return futureColumns.contains(cell.column());
    }

    private static boolean hasGroup(Matcher matcher, String group) {
        return matcher.pattern().pattern().contains("(?<" + group + ">");
    }

    @Override
    public void end() {
        // reports are built when the workbook ends (SummarySheet#emit)
    }

    void emit(RegistryOutput output) {
        for (String[] rejection : rejected) {
            output.reject(rejection[0], rejection[1]);
        }
        // a measure and year split over two blocks is merged into one report
        Map<String, List<Figures>> byReport = new LinkedHashMap<>();
        for (Figures f : figures.values()) {
            byReport.computeIfAbsent(f.measure + "/" + f.year, k -> new ArrayList<>())
                    .add(f);
        }
        for (List<Figures> parts : byReport.values()) {
            Figures first = parts.get(0);
            MeasureTally tally = MeasureTally.year(first.measure, first.year);
            List<String> warnings = new ArrayList<>();
            String column = Cell.columnName(first.column);
            String row = name + "!" + column + first.firstRow + ":" + column + first.lastRow;
            for (Figures f : parts) {
                for (Map.Entry<String, MeasureTally.Group> entry :
                        f.tally.groups().entrySet()) {
                    String key = entry.getKey();
                    MeasureTally.Group group = entry.getValue();
                    if (f.broken.contains(key)) {
                        warnings.add(group.text() + " left out of " + f.measure + " " + f.year
                                + ": one of its cells was rejected");
                        continue;
                    }
                    check(f, key, group, warnings);
                    if (group.writtenTotal() == null && group.sum(firstStratifier(group)) == null) {
                        continue; // a percentage alone makes no group
                    }
                    MeasureTally.Group out = tally.group(key, group.text());
                    copy(group, out);
                }
            }
            if (!tally.isEmpty()) {
                output.accept(row, List.of(tally.toReport(spec.name(), Measures.SOURCE_REGISTRY_TABLE)));
                warnings.forEach(w -> output.warn(row, w));
            } else {
                warnings.forEach(w -> output.warn(row, w));
            }
        }
    }

    private static String firstStratifier(MeasureTally.Group group) {
        return group.strataStratifiers().isEmpty()
                ? ""
                : group.strataStratifiers().get(0);
    }

    private static void copy(MeasureTally.Group from, MeasureTally.Group to) {
        from.strata().forEach((stratum, count) -> to.add(stratum, count));
        if (from.writtenTotal() != null) {
            to.total(from.writtenTotal());
        }
    }

    private void check(Figures f, String key, MeasureTally.Group group, List<String> warnings) {
        Cell totalCell = f.totalCells.get(key);
        Map<String, Cell> parts = f.partCells.getOrDefault(key, Map.of());
        if (totalCell != null && !parts.isEmpty()) {
            long sum = group.sum(firstStratifier(group));
            if (sum != group.writtenTotal()) {
                warnings.add(totalCell.label() + ": total " + group.writtenTotal() + " for " + group.text() + " in "
                        + f.year + " differs from the sum of its parts " + sum + " ("
                        + String.join(
                                " + ", parts.values().stream().map(Cell::ref).toList())
                        + "); stored as written");
            }
        }
        Double percent = f.percents.get(key);
        if (percent != null) {
            Cell cell = f.percentCells.get(key);
            Long total = group.writtenTotal() != null ? group.writtenTotal() : group.sum(firstStratifier(group));
            long numerator = 0;
            for (String stratum : f.numerators.get(key)) {
                Long count = countOf(group, stratum);
                numerator += count == null ? 0 : count;
            }
            if (total == null || total == 0) {
                warnings.add(cell.label() + ": percentage " + fmt(percent) + " % for " + group.text() + " in " + f.year
                        + " has no total to check against");
            } else {
                double expected = 100.0 * numerator / total;
                if (Math.abs(expected - percent) > PERCENT_TOLERANCE) {
                    warnings.add(cell.label() + ": percentage " + fmt(percent) + " % for " + group.text() + " in "
                            + f.year + " does not match the counts (" + numerator + " / " + total + " = "
                            + fmt(expected) + " %); not stored");
                }
            }
        }
    }

    private static Long countOf(MeasureTally.Group group, String stratum) {
        for (String stratifier : group.strataStratifiers()) {
            Long count = group.count(stratifier, stratum);
            if (count != null) {
                return count;
            }
        }
        return null;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static int columnIndex(String letters) {
        int index = 0;
        for (char c : letters.toUpperCase(Locale.ROOT).toCharArray()) {
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }
}
