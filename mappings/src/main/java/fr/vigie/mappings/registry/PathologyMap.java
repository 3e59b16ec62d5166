package fr.vigie.mappings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/**
 * SMUR pathology groups to CIM-10 chapters or blocks, read from the ConceptMap {@code smur-pathology-to-cim10}
 * shipped in vigie-terminology (the same resource the server serves for {@code $translate}); unmatched groups
 * (réanimation) have no CIM-10 coding.
 */
public final class PathologyMap {

    private static final Map<String, Coding> TARGETS = load();

    private PathologyMap() {}

    /** The CIM-10 coding of a smur-pathology code, when the ConceptMap has a match. */
    public static Optional<Coding> cim10(String pathology) {
        Coding coding = TARGETS.get(pathology);
        return coding == null ? Optional.empty() : Optional.of(coding.copy());
    }

    private static Map<String, Coding> load() {
        try (InputStream in = TerminologyCatalog.open("ConceptMap/smur-pathology-to-cim10.json")) {
            JsonNode map = new ObjectMapper().readTree(in);
            Map<String, Coding> targets = new HashMap<>();
            for (JsonNode group : map.path("group")) {
                String system = group.path("target").asText();
                for (JsonNode element : group.path("element")) {
                    for (JsonNode target : element.path("target")) {
                        if (target.hasNonNull("code")) {
                            targets.put(
                                    element.path("code").asText(),
                                    new Coding(
                                            system,
                                            target.path("code").asText(),
                                            target.path("display").asText(null)));
                        }
                    }
                }
            }
            return Map.copyOf(targets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ConceptMap smur-pathology-to-cim10", e);
        }
    }
}
