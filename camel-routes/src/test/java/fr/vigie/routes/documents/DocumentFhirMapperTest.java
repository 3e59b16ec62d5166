package fr.vigie.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class DocumentFhirMapperTest {

    /** Regenerate the golden file with {@code -Dvigie.fixtures.update=true} after an intended change. */
    private static final Path GOLDEN = Path.of("src/test/resources/fixtures/documents/mapped-note.json");

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final DocumentFhirMapper mapper = new DocumentFhirMapper();

    private static final DocumentMetadata METADATA = DocumentMetadata.from(Map.of(
            "patient", "urn:oid:1.2.250.1.213.1.4.8|2720175123456",
            "encounter", "https://hopital.example.fr/sejour|S-2026-001",
            "type", "34111-5",
            "date", "2026-11-27T14:30:00+01:00",
            "author", "Dr Martin, urgences"));

    private static ProcessedDocument note(ExtractedText text) {
        return new ProcessedDocument(
                text.text().getBytes(StandardCharsets.UTF_8),
                DocumentKind.TEXT,
                "note.txt",
                text,
                SampleFacts.analyze(text.text()),
                null);
    }

    private static ExtractedText plain(String text) {
        return ExtractedText.of(List.of(new ExtractedText.PageDraft(1, text, PageText.Method.TEXT, null, false)));
    }

    @Test
    void mapsANoteToTheGoldenResources() throws IOException {
        List<Resource> resources = mapper.map(METADATA, note(plain(SampleFacts.NOTE)));

        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        resources.forEach(resource -> bundle.addEntry().setResource(resource));
        String json = FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle) + "\n";
        if (Boolean.getBoolean("vigie.fixtures.update")) {
            Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void aNewVersionOfTheTextKeepsTheIdentityOfTheFactsItStillStates() {
        DocumentMetadata withId = DocumentMetadata.from(Map.of(
                "patient", "urn:oid:1.2.250.1.213.1.4.8|2720175123456",
                "type", "34111-5",
                "date", "2026-11-27T14:30:00+01:00",
                "id", "CR-42"));
        List<Resource> first = mapper.map(withId, note(plain(SampleFacts.NOTE)));
        List<Resource> second = mapper.map(withId, note(plain("Complément du 28/11.\n" + SampleFacts.NOTE)));

        // the text moved, the facts did not change: same business identifiers, a new extraction run
        assertThat(factIdentifiers(second, DocumentFhirMapper.FACT_SYSTEM))
                .isEqualTo(factIdentifiers(first, DocumentFhirMapper.FACT_SYSTEM))
                .doesNotHaveDuplicates()
                .allMatch(value -> value.startsWith("CR-42/"))
                .contains("CR-42/vital/85354-9/1", "CR-42/diagnosis/J18.9/1");
        List<String> runs = factIdentifiers(second, DocumentFhirMapper.EXTRACTION_SYSTEM);
        assertThat(runs)
                .containsOnly(DocumentFhirMapper.extractionRun((DocumentReference) second.get(1))
                        .orElseThrow());
        assertThat(runs).doesNotContainAnyElementsOf(factIdentifiers(first, DocumentFhirMapper.EXTRACTION_SYSTEM));
    }

    private static List<String> factIdentifiers(List<Resource> resources, String system) {
        return resources.subList(2, resources.size()).stream()
                .map(resource ->
                        (org.hl7.fhir.r4.model.Identifier) resource.getNamedProperty("identifier").getValues().stream()
                                .map(org.hl7.fhir.r4.model.Identifier.class::cast)
                                .filter(identifier -> system.equals(identifier.getSystem()))
                                .findFirst()
                                .orElseThrow())
                .map(org.hl7.fhir.r4.model.Identifier::getValue)
                .toList();
    }

    @Test
    void keepsTheOriginalAsBinaryAndTheTextAsSecondAttachment() {
        List<Resource> resources = mapper.map(METADATA, note(plain(SampleFacts.NOTE)));
        Binary binary = (Binary) resources.get(0);
        DocumentReference document = (DocumentReference) resources.get(1);

        assertThat(document.getType().getCodingFirstRep().getCode()).isEqualTo("34111-5");
        assertThat(document.getSubject().getReference())
                .isEqualTo("Patient?identifier=urn:oid:1.2.250.1.213.1.4.8|2720175123456");
        assertThat(document.getContext().getEncounterFirstRep().getReference())
                .isEqualTo("Encounter?identifier=https://hopital.example.fr/sejour|S-2026-001");
        assertThat(document.getContent()).hasSize(2);
        assertThat(document.getContent().get(0).getAttachment().getUrl())
                .isEqualTo("Binary/" + binary.getIdElement().getIdPart());
        assertThat(document.getContent().get(1).getAttachment().getContentType())
                .startsWith("text/plain");
        assertThat(new String(document.getContent().get(1).getAttachment().getData(), StandardCharsets.UTF_8))
                .isEqualTo(SampleFacts.NOTE);
    }

    @Test
    void writesVitalSignsWithLoincUcumAndTheirSpan() {
        List<Observation> observations = of(mapper.map(METADATA, note(plain(SampleFacts.NOTE))), Observation.class);

        Observation pressure = observations.stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("85354-9"))
                .findFirst()
                .orElseThrow();
        assertThat(pressure.getComponent())
                .extracting(
                        c -> c.getCode().getCodingFirstRep().getCode(),
                        c -> c.getValueQuantity().getValue().intValue(),
                        c -> c.getValueQuantity().getCode())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("8480-6", 135, "mm[Hg]"),
                        org.assertj.core.groups.Tuple.tuple("8462-4", 85, "mm[Hg]"));
        assertThat(pressure.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
        assertThat(pressure.getEncounter().getReference()).startsWith("Encounter?identifier=");
        assertThat(pressure.getSubject().getReference()).startsWith("Patient?identifier=");
        assertThat(pressure.getDerivedFromFirstRep().getReference())
                .startsWith("DocumentReference?identifier=" + DocumentFhirMapper.DOCUMENT_SYSTEM + "|sha256-");
        Extension span = pressure.getExtensionByUrl(DocumentFhirMapper.TEXT_SPAN);
        int offset = ((IntegerType) span.getExtensionByUrl("offset").getValue()).getValue();
        int length = ((IntegerType) span.getExtensionByUrl("length").getValue()).getValue();
        assertThat(SampleFacts.NOTE.substring(offset, offset + length)).isEqualTo("TA 135/85 mmHg");
        assertThat(span.getExtensionByUrl("text").getValue().primitiveValue()).isEqualTo("TA 135/85 mmHg");

        Observation saturation = observations.stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("2708-6"))
                .findFirst()
                .orElseThrow();
        assertThat(saturation.getCode().getCoding())
                .extracting(c -> c.getCode())
                .containsExactly("2708-6", "59408-5");
        assertThat(saturation.getValueQuantity().getCode()).isEqualTo("%");
    }

    @Test
    void neverAssertsANegatedDiagnosisAsPresent() {
        List<Condition> conditions = of(mapper.map(METADATA, note(plain(SampleFacts.NOTE))), Condition.class);

        assertThat(conditions)
                .extracting(
                        c -> c.getCode().getCodingFirstRep().getCode(),
                        c -> c.getVerificationStatus().getCodingFirstRep().getCode())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("J18.9", "refuted"),
                        org.assertj.core.groups.Tuple.tuple("I26.9", "provisional"));
    }

    @Test
    void mapsPrescriptionsWithCisCodeDoseRouteAndTiming() {
        MedicationStatement statement = of(
                        mapper.map(METADATA, note(plain(SampleFacts.NOTE))), MedicationStatement.class)
                .get(0);

        assertThat(statement.getMedicationCodeableConcept().getCodingFirstRep().getCode())
                .isEqualTo("60234100");
        assertThat(statement.getStatus()).isEqualTo(MedicationStatement.MedicationStatementStatus.ACTIVE);
        assertThat(statement
                        .getDosageFirstRep()
                        .getDoseAndRateFirstRep()
                        .getDoseQuantity()
                        .getCode())
                .isEqualTo("g");
        assertThat(statement.getDosageFirstRep().getRoute().getCodingFirstRep().getCode())
                .isEqualTo("26643006");
        assertThat(statement.getDosageFirstRep().getTiming().getRepeat().getFrequency())
                .isEqualTo(3);
        assertThat(statement
                        .getDosageFirstRep()
                        .getTiming()
                        .getRepeat()
                        .getBoundsDuration()
                        .getValue()
                        .intValue())
                .isEqualTo(5);
    }

    @Test
    void marksFactsFromLowConfidencePagesPreliminaryAndFlagsTheDocument() {
        ExtractedText text = ExtractedText.of(
                List.of(new ExtractedText.PageDraft(1, SampleFacts.NOTE, PageText.Method.OCR, 41.5, true)));

        List<Resource> resources = mapper.map(METADATA, note(text));

        DocumentReference document = (DocumentReference) resources.get(1);
        assertThat(document.getMeta().getTag())
                .extracting(t -> t.getCode())
                .contains(DocumentFhirMapper.TAG_LOW_CONFIDENCE);
        Extension page =
                document.getContent().get(1).getAttachment().getExtensionByUrl(DocumentFhirMapper.EXTRACTED_PAGE);
        assertThat(page.getExtensionByUrl("lowConfidence").getValue().primitiveValue())
                .isEqualTo("true");
        assertThat(page.getExtensionByUrl("confidence").getValue().primitiveValue())
                .isEqualTo("41.5");
        assertThat(document.getContent().get(1).getAttachment().getTitle()).contains("confiance OCR faible : page 1");
        assertThat(of(resources, Observation.class))
                .allSatisfy(o -> assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.PRELIMINARY));
    }

    @Test
    void enrichesAFhirCreatedDocumentReferenceByItsId() {
        DocumentReference existing = new DocumentReference();
        existing.setId("DocumentReference/42");
        existing.getSubject().setReference("Patient/7");
        existing.getContext().addEncounter().setReference("Encounter/9");
        existing.addContent()
                .getAttachment()
                .setContentType("text/plain")
                .setData(SampleFacts.NOTE.getBytes(StandardCharsets.UTF_8));

        List<Resource> resources = mapper.enrich(existing, note(plain(SampleFacts.NOTE)));

        DocumentReference updated = (DocumentReference) resources.get(0);
        assertThat(updated.getContent()).hasSize(2);
        assertThat(of(resources, Observation.class)).allSatisfy(o -> {
            assertThat(o.getDerivedFromFirstRep().getReference()).isEqualTo("DocumentReference/42");
            assertThat(o.getEncounter().getReference()).isEqualTo("Encounter/9");
            assertThat(o.getIdentifierFirstRep().getValue()).startsWith("DocumentReference/42/");
        });
        // Enriching again replaces the extracted text instead of adding a third attachment.
        assertThat(((DocumentReference) mapper.enrich(updated, note(plain(SampleFacts.NOTE)))
                                .get(0))
                        .getContent())
                .hasSize(2);
    }

    private static <T> List<T> of(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void processingTagsAndPageMethodsAreCodesOfTheShippedCodeSystems() throws IOException {
        assertThat(codes("CodeSystem/document-processing.json"))
                .containsExactlyInAnyOrder(
                        DocumentFhirMapper.TAG_EXTRACTED,
                        DocumentFhirMapper.TAG_LOW_CONFIDENCE,
                        DocumentFhirMapper.TAG_FAILED);
        assertThat(codes("CodeSystem/text-extraction-method.json"))
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(PageText.Method.values())
                        .map(PageText.Method::code)
                        .toList());
    }

    private static List<String> codes(String path) throws IOException {
        try (java.io.InputStream in = fr.vigie.terminology.TerminologyCatalog.open(path)) {
            return FhirContext.forR4Cached()
                    .newJsonParser()
                    .parseResource(org.hl7.fhir.r4.model.CodeSystem.class, in)
                    .getConcept()
                    .stream()
                    .map(org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent::getCode)
                    .toList();
        }
    }
}
