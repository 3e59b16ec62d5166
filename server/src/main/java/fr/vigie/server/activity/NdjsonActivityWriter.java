package fr.vigie.server.activity;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes a simulation as FHIR bulk-data NDJSON: one file per resource type named {@code <Type>.ndjson}, one resource
 * per line, UTF-8, {@code \n} line ends, in the order of {@link #TYPES} (so a reader loading the files in that order
 * always finds what a resource refers to). With {@link ActivityFhirMapper.References#ID} the files are what a bulk
 * export gives; with {@link ActivityFhirMapper.References#CONDITIONAL} they can be imported through Vigie's {@code
 * resources} feed. The same simulation gives byte-identical files.
 */
public final class NdjsonActivityWriter {

    /** Resource types written, in dependency order. */
    public static final List<String> TYPES =
            List.of("Location", "Practitioner", "PractitionerRole", "Patient", "Encounter");

    private final FhirContext fhirContext;

    public NdjsonActivityWriter(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Writes the files into a folder (created if needed); returns the resources written per type. */
    public Map<String, Integer> write(SimulationResult result, ActivityFhirMapper.References references, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
        return write(result, references, type -> {
            try {
                return Files.newOutputStream(folder.resolve(type + ".ndjson"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + folder.resolve(type + ".ndjson"), e);
            }
        });
    }

    /** The files in memory, by type, in {@link #TYPES} order. */
    public Map<String, byte[]> toBytes(SimulationResult result, ActivityFhirMapper.References references) {
        Map<String, ByteArrayOutputStream> buffers = new LinkedHashMap<>();
        write(result, references, type -> buffers.computeIfAbsent(type, t -> new ByteArrayOutputStream()));
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String type : TYPES) {
            if (buffers.containsKey(type)) {
                out.put(type, buffers.get(type).toByteArray());
            }
        }
        return out;
    }

    private Map<String, Integer> write(
            SimulationResult result, ActivityFhirMapper.References references, Function<String, OutputStream> open) {
        ActivityFhirMapper mapper = new ActivityFhirMapper(result, references);
        IParser parser = fhirContext.newJsonParser().setPrettyPrint(false);
        Map<String, Writer> writers = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        TYPES.forEach(type -> counts.put(type, 0));
        try {
            for (String type : TYPES) {
                writers.put(
                        type,
                        new BufferedWriter(new OutputStreamWriter(open.apply(type), StandardCharsets.UTF_8), 1 << 16));
            }
            for (Resource resource : mapper.departmentResources()) {
                line(parser, writers, counts, resource);
            }
            for (Visit visit : result.visits()) {
                for (Resource resource : mapper.visitResources(visit)) {
                    line(parser, writers, counts, resource);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write NDJSON: " + e.getMessage(), e);
        } finally {
            for (Writer writer : writers.values()) {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot close NDJSON: " + e.getMessage(), e);
                }
            }
        }
        return counts;
    }

    private static void line(
            IParser parser, Map<String, Writer> writers, Map<String, Integer> counts, Resource resource)
            throws IOException {
        String type = resource.fhirType();
        Writer writer = writers.get(type);
        writer.write(parser.encodeResourceToString(resource));
        writer.write('\n');
        counts.merge(type, 1, Integer::sum);
    }
}
