package fr.vigie.mappings.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads the CSV fixtures of {@code fixtures/location/} as header → value maps, one per data row. */
final class Fixtures {

    private Fixtures() {}

    static List<Map<String, String>> rows(String name, char delimiter) {
        String path = "/fixtures/location/" + name;
        try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream(path), path);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setDelimiter(delimiter)
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(record.toMap());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> header(String name, char delimiter) {
        return List.copyOf(rows(name, delimiter).get(0).keySet());
    }
}
