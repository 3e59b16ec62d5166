package fr.vigie.server.terminology;

import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * Builds the CIM-10 FR CodeSystem from a full code list, in the CSV layout of {@code shared/data/cim10-fr}:
 * {@code code} (with dot, {@code J44.1}), {@code code_atih} (without dot), {@code libelle}, {@code niveau}
 * ({@code categorie} for 3-character categories, {@code sous-categorie} otherwise).
 *
 * <p>Sub-categories are nested under their 3-character category ({@code J44.1} under {@code J44}); ATIH 6/7-character
 * extensions ({@code A63.00}) under their 5-character parent when present. The result has {@code content: complete}
 * and the same canonical URL as the built-in fragment, which it replaces.
 */
final class Cim10CodeSystemReader {

    private Cim10CodeSystemReader() {}

    static CodeSystem read(Path file, String version) {
        CodeSystem cs = new CodeSystem();
        cs.setId("cim10-fr");
        cs.setUrl(TerminologyCatalog.CS_CIM10_FR);
        cs.setVersion(version);
        cs.setName("Cim10Fr");
        cs.setTitle("CIM-10 FR " + version);
        cs.setStatus(PublicationStatus.ACTIVE);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        cs.setCaseSensitive(true);
        cs.setPublisher("ATIH (loaded by the operator from " + file.getFileName() + ")");
        cs.setValueSet(TerminologyCatalog.CANONICAL_BASE + "/ValueSet/cim10-fr");
        Map<String, ConceptDefinitionComponent> byCode = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : format.parse(reader)) {
                String code = row.get("code");
                String label = row.get("libelle");
                if (code.isBlank()) {
                    throw new IllegalArgumentException(file + " line " + row.getRecordNumber() + ": empty code");
                }
                ConceptDefinitionComponent concept =
                        new ConceptDefinitionComponent().setCode(code).setDisplay(label);
                ConceptDefinitionComponent parent = parentOf(code, byCode);
                if (parent == null) {
                    cs.addConcept(concept);
                } else {
                    parent.addConcept(concept);
                }
                byCode.put(code, concept);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CIM-10 file " + file, e);
        }
        cs.setCount(byCode.size());
        return cs;
    }

    private static ConceptDefinitionComponent parentOf(String code, Map<String, ConceptDefinitionComponent> byCode) {
        for (int length = code.length() - 1; length >= 3; length--) {
            String candidate = code.substring(0, length);
            if (candidate.endsWith(".")) {
                continue;
            }
            ConceptDefinitionComponent parent = byCode.get(candidate);
            if (parent != null) {
                return parent;
            }
        }
        return null;
    }
}
