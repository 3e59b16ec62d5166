package fr.vigie.server.forecast.eval;

import fr.vigie.server.forecast.features.FeatureTableBuilder;
import fr.vigie.server.forecast.features.Measurement;
import fr.vigie.server.forecast.features.StationSeries;
import fr.vigie.server.forecast.model.FeatureTable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A daily series file (CSV with a header): a date column ({@code yyyy-MM-dd}), an outcome column (the daily count)
 * and exposure columns, read as one station at the hospital itself and harmonised by {@link FeatureTableBuilder}
 * (gap filling, masks, 7-day means, lags, calendar). Empty cells and {@code NA} are missing.
 */
public final class SeriesFile {

    private SeriesFile() {}

    /**
     * @param columns exposure column → environmental parameter code (e.g. {@code pm10 → pm10}, {@code temp →
     *     temperature-mean})
     */
    public static FeatureTable read(Path file, String dateColumn, String outcomeColumn, Map<String, String> columns)
            throws IOException {
        Map<LocalDate, Double> counts = new HashMap<>();
        Map<String, List<Measurement>> values = new LinkedHashMap<>();
        columns.values().forEach(p -> values.put(p, new ArrayList<>()));
        LocalDate first = null;
        LocalDate last = null;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            for (String needed : concat(dateColumn, outcomeColumn, columns.keySet())) {
                if (!parser.getHeaderMap().containsKey(needed)) {
                    throw new IllegalArgumentException(
                            file + " has no column " + needed + " (columns: " + parser.getHeaderNames() + ")");
                }
            }
            for (CSVRecord row : parser) {
                LocalDate date = LocalDate.parse(row.get(dateColumn).strip());
                first = first == null || date.isBefore(first) ? date : first;
                last = last == null || date.isAfter(last) ? date : last;
                double count = number(row.get(outcomeColumn));
                if (!Double.isNaN(count)) {
                    counts.put(date, count);
                }
                for (Map.Entry<String, String> c : columns.entrySet()) {
                    double v = number(row.get(c.getKey()));
                    if (!Double.isNaN(v)) {
                        values.get(c.getValue())
                                .add(new Measurement(
                                        date.atStartOfDay(), date.plusDays(1).atStartOfDay(), v));
                    }
                }
            }
        }
        if (first == null) {
            throw new IllegalArgumentException(file + " has no data row");
        }
        List<StationSeries> series = new ArrayList<>();
        values.forEach((parameter, list) -> series.add(new StationSeries("file", 0, 0, parameter, list)));
        return new FeatureTableBuilder(FeatureTableBuilder.Settings.defaults())
                .build(0, 0, series, counts, first, last);
    }

    private static List<String> concat(String a, String b, java.util.Collection<String> rest) {
        List<String> all = new ArrayList<>(List.of(a, b));
        all.addAll(rest);
        return all;
    }

    private static double number(String cell) {
        String s = cell == null ? "" : cell.strip();
        if (s.isEmpty() || "NA".equalsIgnoreCase(s)) {
            return Double.NaN;
        }
        return Double.parseDouble(s);
    }
}
