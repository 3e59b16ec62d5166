package fr.vigie.mappings.environment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads the CSV fixtures of {@code fixtures/environment/} as header → value maps, skipping {@code #} lines. */
final class EnvironmentFixtures {

    private EnvironmentFixtures() {}

    static List<Map<String, String>> rows(String name) {
        String path = "/fixtures/environment/" + name;
        try (InputStream in = Objects.requireNonNull(EnvironmentFixtures.class.getResourceAsStream(path), path);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text = reader.lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
            try (CSVParser parser = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new java.io.StringReader(text))) {
                List<Map<String, String>> rows = new ArrayList<>();
                for (CSVRecord record : parser) {
                    rows.add(record.toMap());
                }
                return rows;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> header(String name) {
        return List.copyOf(rows(name).get(0).keySet());
    }
}
