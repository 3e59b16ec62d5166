package fr.vigie.routes.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes {@link ImportReport} JSON, and keeps final reports as {@code <dir>/<id>.json} so a job's report
 * survives a restart.
 *
 * <p>Writes go to a temporary file renamed into place, so a reader never sees half a report. Unknown fields are
 * ignored when reading, so reports written by a newer version still load.
 */
public class ImportReportStore {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Path dir;

    public ImportReportStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    public Path dir() {
        return dir;
    }

    /** The report as JSON, with the contract's field names. */
    public static String toJson(ImportReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write import report " + report.id() + " as JSON", e);
        }
    }

    public static ImportReport fromJson(String json) {
        try {
            return MAPPER.readValue(json, ImportReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Not an import report: " + e.getMessage(), e);
        }
    }

    /** Writes the report's JSON to {@code file}, replacing it atomically where the file system allows. */
    public static void write(ImportReport report, Path file) throws IOException {
        writeAtomically(file, toJson(report));
    }

    /** Keeps the report as {@code <dir>/<id>.json}. */
    public void save(ImportReport report) throws IOException {
        write(report, file(report.id()).orElseThrow(() -> new IOException("unsafe report id " + report.id())));
    }

    /** The report kept under {@code id}, if any (ids that could escape the folder find nothing). */
    public Optional<ImportReport> find(String id) {
        Optional<Path> file = file(id).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(Files.readString(file.get())));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read import report " + file.get(), e);
        }
    }

    private Optional<Path> file(String id) {
        return id != null && SAFE_ID.matcher(id).matches() ? Optional.of(dir.resolve(id + ".json")) : Optional.empty();
    }

    static void writeAtomically(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
