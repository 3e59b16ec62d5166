package fr.vigie.routes.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Location;

/**
 * Test feed {@code lines}, format {@code txt}: each non-blank line is a Location identified by the line's text.
 * {@code REJECT} rejects its row, {@code WARN ...} adds a warning, {@code UNREADABLE} makes the whole file
 * unreadable from that line on.
 */
class LinesFeedHandler implements FeedHandler {

    static final String FEED = "lines";
    static final String SYSTEM = "urn:vigie:test";

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Set<String> formats() {
        return Set.of("txt", ImportFormats.CSV);
    }

    @Override
    public String defaultFormat() {
        return "txt";
    }

    @Override
    public void read(ImportInput input, ImportSink sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input.open(), StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                RowRef row = RowRef.line(++number);
                if (line.isBlank()) {
                    continue;
                }
                if (line.equals("UNREADABLE")) {
                    throw new UnreadableImportException("line " + number + " is not a line of this feed");
                }
                if (line.equals("REJECT")) {
                    sink.reject(row, "rejected on purpose");
                    continue;
                }
                if (line.startsWith("WARN ")) {
                    sink.warn(row, "warned on purpose");
                }
                String value = line;
                sink.map(row, () -> List.of(location(value)));
            }
        } catch (IOException e) {
            throw new UnreadableImportException("cannot read: " + e.getMessage(), e);
        }
    }

    private static Location location(String value) {
        Location location = new Location().setName(value);
        location.addIdentifier().setSystem(SYSTEM).setValue(value);
        return location;
    }
}
