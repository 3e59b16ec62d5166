package fr.vigie.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk-data NDJSON: one file per type, one resource per line, references that resolve. */
class NdjsonActivityWriterTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void writesOneFilePerTypeWhoseReferencesResolve(@TempDir Path folder) throws IOException {
        SimulationResult result = ActivityTestSupport.simulate(31, ActivityTestSupport.START, 1);
        Map<String, Integer> counts =
                new NdjsonActivityWriter(FHIR).write(result, ActivityFhirMapper.References.ID, folder);
        assertThat(counts.get("Patient")).isEqualTo(result.visits().size());
        assertThat(counts.get("Encounter")).isEqualTo(result.visits().size());
        assertThat(counts.get("Practitioner")).isEqualTo(result.doctors().size());
        assertThat(counts.get("Location")).isEqualTo(1 + result.department().boxes());

        Set<String> ids = new HashSet<>();
        Set<String> references = new HashSet<>();
        for (String type : NdjsonActivityWriter.TYPES) {
            List<String> lines = Files.readAllLines(folder.resolve(type + ".ndjson"), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(counts.get(type));
            for (String line : lines) {
                IBaseResource resource = FHIR.newJsonParser().parseResource(line);
                assertThat(resource.fhirType()).isEqualTo(type);
                assertThat(line).doesNotContain("\n");
                ids.add(type + "/" + resource.getIdElement().getIdPart());
                FHIR.newTerser()
                        .getAllPopulatedChildElementsOfType(resource, Reference.class)
                        .forEach(r -> references.add(r.getReference()));
            }
        }
        assertThat(references).isNotEmpty();
        assertThat(ids).containsAll(references);
    }

    @Test
    void conditionalStyleHasNoIdsAndRefersByIdentifier() {
        SimulationResult result = ActivityTestSupport.simulate(32, ActivityTestSupport.START, 1);
        Map<String, byte[]> files =
                new NdjsonActivityWriter(FHIR).toBytes(result, ActivityFhirMapper.References.CONDITIONAL);
        String encounters = new String(files.get("Encounter"), StandardCharsets.UTF_8);
        Resource first = (Resource) FHIR.newJsonParser()
                .parseResource(encounters.lines().findFirst().orElseThrow());
        assertThat(first.hasId()).isFalse();
        assertThat(encounters)
                .contains("\"reference\":\"Patient?identifier=" + ActivityFhirMapper.IDENTIFIER_SYSTEM + "|");
    }
}
