package fr.vigie.server.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import fr.vigie.routes.documents.DocumentFhirMapper;
import fr.vigie.server.AbstractFhirIT;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The documents feed over HTTP (multipart), {@code _content} search, and the enrichment of FHIR-created documents. */
class DocumentsIT extends AbstractFhirIT {

    private static final String PATIENT_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8";
    private static final String ENCOUNTER_SYSTEM = "https://hopital.example.fr/sejour";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String createPatientAndEncounter(String suffix) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PATIENT_SYSTEM).setValue("P" + suffix);
        String patientId = client.create()
                .resource(patient)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        Encounter encounter = new Encounter();
        encounter.addIdentifier().setSystem(ENCOUNTER_SYSTEM).setValue("E" + suffix);
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter
                .getClass_()
                .setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode")
                .setCode("EMER");
        encounter.getSubject().setReference(patientId);
        client.create().resource(encounter).execute();
        return patientId;
    }

    private HttpResponse<String> upload(String fileName, String mediaType, byte[] file, Map<String, String> fields)
            throws IOException, InterruptedException {
        String boundary = "vigie-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                            + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: " + mediaType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(serverUrl() + "/import/documents"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", adminAuthorization())
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> metadata(String suffix) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("patient", PATIENT_SYSTEM + "|P" + suffix);
        fields.put("encounter", ENCOUNTER_SYSTEM + "|E" + suffix);
        fields.put("type", "34111-5");
        fields.put("date", "2026-11-27T14:30:00+01:00");
        fields.put("author", "Dr Martin");
        return fields;
    }

    @Test
    void importsAPdfWithItsMetadataAndFindsItByWhatItSays() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String patientId = createPatientAndEncounter(suffix);
        byte[] pdf = pdf("Compte rendu des urgences\nDouleur rétrosternale constrictive, TA 135/85 mmHg.");

        HttpResponse<String> response = upload("cr-urgences.pdf", "application/pdf", pdf, metadata(suffix));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"rowsRead\":1", "\"created\":1");
        Bundle found = client.search()
                .forResource(DocumentReference.class)
                .where(DocumentReference.SUBJECT.hasId(patientId))
                .and(DocumentReference.TYPE.exactly().systemAndCode("http://loinc.org", "34111-5"))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        DocumentReference document =
                (DocumentReference) found.getEntryFirstRep().getResource();
        assertThat(document.getContext().getEncounterFirstRep().getReference()).startsWith("Encounter/");
        assertThat(document.getContent()).hasSize(2);
        assertThat(new String(document.getContent().get(1).getAttachment().getData(), StandardCharsets.UTF_8))
                .contains("rétrosternale constrictive");
        Binary original = client.read()
                .resource(Binary.class)
                .withUrl(document.getContentFirstRep().getAttachment().getUrl())
                .execute();
        assertThat(original.getData()).isEqualTo(pdf);

        Bundle byText = client.search()
                .byUrl("DocumentReference?_content=constrictive&patient=" + patientId)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byText.getEntry()).hasSize(1);
        Bundle byOtherText = client.search()
                .byUrl("DocumentReference?_content=appendicite&patient=" + patientId)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byOtherText.getEntry()).isEmpty();
        Bundle byEncounterAndDate = client.search()
                .byUrl("DocumentReference?encounter.identifier=" + ENCOUNTER_SYSTEM + "|E" + suffix
                        + "&period=ge2026-11-27")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byEncounterAndDate.getEntry()).hasSize(1);

        HttpResponse<String> again = upload("cr-urgences.pdf", "application/pdf", pdf, metadata(suffix));
        assertThat(again.body()).contains("\"unchanged\":1");
    }

    /**
     * The facts the real French NLP reads in a note reach FHIR through the import: vital signs with LOINC and UCUM, a
     * negated diagnosis refuted and a suspected one provisional (never present), the prescription, each linked to the
     * DocumentReference with the span of text it was read from.
     */
    @Test
    void storesTheFactsTheNlpReadsWithWhereEachWasFound() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String patientId = createPatientAndEncounter(suffix);
        String note = "Patiente de 72 ans amenée par le SMUR. Motif : dyspnée.\n"
                + "TA 135/85 mmHg, SpO2 92 %, T 38,5 °C.\n"
                + "Pas de pneumopathie. Suspicion d'embolie pulmonaire.\n"
                + "Paracétamol 1 g per os 3 fois par jour pendant 5 jours.";

        HttpResponse<String> response =
                upload("note.txt", "text/plain", note.getBytes(StandardCharsets.UTF_8), metadata(suffix));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        DocumentReference document = (DocumentReference) client.search()
                .forResource(DocumentReference.class)
                .where(DocumentReference.SUBJECT.hasId(patientId))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        String documentId = document.getIdElement().toUnqualifiedVersionless().getValue();
        String extracted =
                new String(document.getContent().get(1).getAttachment().getData(), StandardCharsets.UTF_8);

        List<Observation> observations = observationsOf(documentId);
        Observation pressure = byLoinc(observations, "85354-9");
        assertThat(pressure.getComponent())
                .extracting(
                        c -> c.getCode().getCodingFirstRep().getCode(),
                        c -> c.getValueQuantity().getValue().intValue(),
                        c -> c.getValueQuantity().getCode())
                .containsExactly(tuple("8480-6", 135, "mm[Hg]"), tuple("8462-4", 85, "mm[Hg]"));
        assertThat(pressure.getSubject().getReference()).isEqualTo(patientId);
        assertThat(pressure.getEncounter().getReference()).startsWith("Encounter/");
        Extension span = pressure.getExtensionByUrl(TerminologyCatalog.EXT_TEXT_SPAN);
        int offset = ((IntegerType) span.getExtensionByUrl("offset").getValue()).getValue();
        int length = ((IntegerType) span.getExtensionByUrl("length").getValue()).getValue();
        assertThat(extracted.substring(offset, offset + length))
                .isEqualTo(span.getExtensionByUrl("text").getValue().primitiveValue())
                .contains("135/85");
        assertThat(byLoinc(observations, "2708-6").getValueQuantity())
                .satisfies(q -> assertThat(q.getValue().intValue()).isEqualTo(92))
                .satisfies(q -> assertThat(q.getCode()).isEqualTo("%"));
        assertThat(byLoinc(observations, "8310-5").getValueQuantity())
                .satisfies(q -> assertThat(q.getValue().doubleValue()).isEqualTo(38.5))
                .satisfies(q -> assertThat(q.getCode()).isEqualTo("Cel"));

        List<Condition> conditions = search("Condition?subject=" + patientId, Condition.class);
        assertThat(conditions)
                .extracting(
                        c -> c.getCode().getCodingFirstRep().getCode(),
                        c -> c.getVerificationStatus().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder(
                        // the complaint "dyspnée" is a symptom code, present; the negated and the suspected diagnoses
                        // are never asserted as present
                        tuple("R06.0", "confirmed"), tuple("J18.9", "refuted"), tuple("I26.9", "provisional"));
        assertThat(conditions).allSatisfy(c -> assertThat(
                        c.getEvidenceFirstRep().getDetailFirstRep().getReference())
                .isEqualTo(documentId));

        List<MedicationStatement> drugs = search("MedicationStatement?subject=" + patientId, MedicationStatement.class);
        assertThat(drugs).singleElement().satisfies(drug -> {
            assertThat(drug.getDerivedFromFirstRep().getReference()).isEqualTo(documentId);
            assertThat(drug.getMedicationCodeableConcept().getText() + " "
                            + drug.getMedicationCodeableConcept()
                                    .getCodingFirstRep()
                                    .getDisplay())
                    .containsIgnoringCase("parac");
        });
    }

    /**
     * A changed version of a document re-imported under the same {@code id}: facts it still states are the same
     * resources, updated (no duplicates); facts it no longer states are marked entered-in-error, not left as current.
     */
    @Test
    void reimportingAChangedVersionRetractsTheFactsItNoLongerStates() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String patientId = createPatientAndEncounter(suffix);
        Map<String, String> fields = metadata(suffix);
        fields.put("id", "CR-" + suffix);
        String first = "Motif : dyspnée.\n"
                + "TA 135/85 mmHg, SpO2 92 %.\n"
                + "Pas de pneumopathie. Suspicion d'embolie pulmonaire.\n"
                + "Paracétamol 1 g per os 3 fois par jour pendant 5 jours.";
        // corrected version: a line added at the top (every offset moves), TA re-measured, SpO2 and the embolism gone
        String second = "Compte rendu corrigé le 28/11.\n"
                + "Motif : dyspnée.\n"
                + "TA 142/88 mmHg.\n"
                + "Pas de pneumopathie.\n"
                + "Paracétamol 1 g per os 3 fois par jour pendant 5 jours.";

        assertThat(upload("cr.txt", "text/plain", first.getBytes(StandardCharsets.UTF_8), fields)
                        .statusCode())
                .isEqualTo(200);
        String documentId = documentOf(patientId);
        String pressureId = byLoinc(observationsOf(documentId), "85354-9")
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
        HttpResponse<String> again = upload("cr.txt", "text/plain", second.getBytes(StandardCharsets.UTF_8), fields);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(documentOf(patientId))
                .as("the same DocumentReference, updated")
                .isEqualTo(documentId);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(observationsOf(documentId))
                .filteredOn(o -> o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR)
                .extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactly("2708-6"));
        List<Observation> observations = observationsOf(documentId);
        assertThat(observations)
                .filteredOn(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR)
                .extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("85354-9", "8661-1");
        Observation pressure = byLoinc(observations, "85354-9");
        assertThat(pressure.getIdElement().toUnqualifiedVersionless().getValue())
                .as("kept and updated, not duplicated")
                .isEqualTo(pressureId);
        assertThat(pressure.getComponentFirstRep().getValueQuantity().getValue().intValue())
                .isEqualTo(142);
        Observation saturation = byLoinc(observations, "2708-6");
        assertThat(saturation.getNoteFirstRep().getText()).contains("absent de la dernière version");

        List<Condition> conditions = search("Condition?evidence-detail=" + documentId, Condition.class);
        assertThat(conditions)
                .extracting(
                        c -> c.getCode().getCodingFirstRep().getCode(),
                        c -> c.getVerificationStatus().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder(
                        tuple("R06.0", "confirmed"), tuple("J18.9", "refuted"), tuple("I26.9", "entered-in-error"));
        assertThat(client.search()
                        .byUrl("MedicationStatement?subject=" + patientId)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .singleElement()
                .satisfies(e -> assertThat(((MedicationStatement) e.getResource()).getStatus())
                        .isEqualTo(MedicationStatement.MedicationStatementStatus.ACTIVE));
    }

    /** The resources a search finds (first page). */
    private <T extends Resource> List<T> search(String url, Class<T> type) {
        return client
                .search()
                .byUrl(url)
                // HAPI answers the same search from its cache for a minute: a test waiting for a change must not
                .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> type.cast(e.getResource()))
                .toList();
    }

    private String documentOf(String patientId) {
        Bundle found = client.search()
                .forResource(DocumentReference.class)
                .where(DocumentReference.SUBJECT.hasId(patientId))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        return found.getEntryFirstRep()
                .getResource()
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
    }

    private List<Observation> observationsOf(String documentId) {
        return search("Observation?derived-from=" + documentId + "&_count=100", Observation.class);
    }

    private static Observation byLoinc(List<Observation> observations, String code) {
        return observations.stream()
                .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> code.equals(c.getCode())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Observation with LOINC " + code + " among "
                        + observations.stream()
                                .map(o -> o.getCode().getCodingFirstRep().getCode())
                                .toList()));
    }

    @Test
    void rejectsBadDocumentsWithTheReason() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> noPatient = metadata(suffix);
        noPatient.remove("patient");

        HttpResponse<String> missing =
                upload("note.txt", "text/plain", "TA 12/8".getBytes(StandardCharsets.UTF_8), noPatient);
        HttpResponse<String> corrupt = upload(
                "note.pdf",
                "application/pdf",
                "%PDF-1.7\n1 0 obj garbage".getBytes(StandardCharsets.US_ASCII),
                metadata(suffix));
        HttpResponse<String> unsupported = upload(
                "note.zip",
                "application/zip",
                new byte[] {0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0},
                metadata(suffix));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("OperationOutcome", "missing metadata: patient");
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertThat(corrupt.body()).contains("PDF is corrupt");
        assertThat(unsupported.statusCode()).isEqualTo(415);
        assertThat(unsupported.body()).contains("unsupported");
    }

    @Test
    void enrichesADocumentReferenceCreatedThroughFhirOnceInTheBackground() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String patientId = createPatientAndEncounter(suffix);
        Binary binary = new Binary();
        binary.setContentType("application/pdf");
        binary.setData(pdf("Lettre de sortie\nPneumopathie franche lobaire aigue traitee."));
        String binaryId = client.create()
                .resource(binary)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        DocumentReference created = new DocumentReference();
        created.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
        created.getSubject().setReference(patientId);
        created.addContent().getAttachment().setContentType("application/pdf").setUrl(binaryId);
        String id = client.create()
                .resource(created)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            DocumentReference read =
                    client.read().resource(DocumentReference.class).withUrl(id).execute();
            assertThat(read.getMeta().getTag()).extracting(t -> t.getCode()).contains(DocumentFhirMapper.TAG_EXTRACTED);
        });
        DocumentReference enriched =
                client.read().resource(DocumentReference.class).withUrl(id).execute();
        assertThat(enriched.getContent()).hasSize(2);
        assertThat(new String(enriched.getContent().get(1).getAttachment().getData(), StandardCharsets.UTF_8))
                .contains("Pneumopathie franche");
        Bundle byText = client.search()
                .byUrl("DocumentReference?_content=lobaire&patient=" + patientId)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byText.getEntry()).hasSize(1);
        // The enrichment's own update is not enriched again: two versions, no more.
        assertThat(enriched.getMeta().getVersionId()).isEqualTo("2");

        String corruptId =
                createDocument(patientId, "application/pdf", "%PDF-1.4 broken".getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            DocumentReference read = client.read()
                    .resource(DocumentReference.class)
                    .withUrl(corruptId)
                    .execute();
            assertThat(read.getMeta().getTag()).extracting(t -> t.getCode()).contains(DocumentFhirMapper.TAG_FAILED);
            assertThat(read.getExtensionByUrl(DocumentEnrichment.ERROR_EXTENSION)
                            .getValue()
                            .primitiveValue())
                    .contains("PDF is corrupt");
        });
    }

    /**
     * A client replaces the file of a DocumentReference Vigie has read: the new file is read (new text, facts of the
     * old text retracted); then an unreadable one: the old text goes, the document says so, no fact stays current.
     */
    @Test
    void readsAReplacedAttachmentAgainAndRetractsWhatTheOldOneSaid() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String patientId = createPatientAndEncounter(suffix);
        String id = createDocument(
                patientId,
                "text/plain",
                "Motif : dyspnée.\nTA 135/85 mmHg, SpO2 92 %.".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(observationsOf(id))
                .extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("8661-1", "85354-9", "2708-6"));

        // the client sends back what it read (Vigie's text and tags included) with another file
        DocumentReference replaced =
                client.read().resource(DocumentReference.class).withUrl(id).execute();
        replaced.getContentFirstRep()
                .getAttachment()
                .setData("Motif : dyspnée.\nTA 142/88 mmHg.".getBytes(StandardCharsets.UTF_8));
        client.update().resource(replaced).execute();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(observationsOf(id))
                .filteredOn(o -> o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR)
                .extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactly("2708-6"));
        Observation pressure = byLoinc(observationsOf(id), "85354-9");
        assertThat(pressure.getStatus()).isNotEqualTo(Observation.ObservationStatus.ENTEREDINERROR);
        assertThat(pressure.getComponentFirstRep().getValueQuantity().getValue().intValue())
                .isEqualTo(142);
        DocumentReference reread =
                client.read().resource(DocumentReference.class).withUrl(id).execute();
        assertThat(reread.getContent()).hasSize(2);
        assertThat(new String(reread.getContent().get(1).getAttachment().getData(), StandardCharsets.UTF_8))
                .contains("142/88")
                .doesNotContain("135/85");

        // then a file that cannot be read
        reread.getContentFirstRep()
                .getAttachment()
                .setContentType("application/pdf")
                .setData("%PDF-1.4 broken".getBytes(StandardCharsets.US_ASCII));
        client.update().resource(reread).execute();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            DocumentReference read =
                    client.read().resource(DocumentReference.class).withUrl(id).execute();
            assertThat(read.getMeta().getTag())
                    .filteredOn(t -> DocumentFhirMapper.PROCESSING_SYSTEM.equals(t.getSystem()))
                    .extracting(t -> t.getCode())
                    .containsExactly(DocumentFhirMapper.TAG_FAILED);
            assertThat(read.getContent()).hasSize(1);
            assertThat(read.getExtensionByUrl(DocumentEnrichment.ERROR_EXTENSION)
                            .getValue()
                            .primitiveValue())
                    .contains("PDF is corrupt");
            assertThat(observationsOf(id))
                    .allSatisfy(o -> assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.ENTEREDINERROR));
        });
    }

    /** A current DocumentReference of the patient, dated now, with this file inline, created through FHIR. */
    private String createDocument(String patientId, String contentType, byte[] data) {
        DocumentReference document = new DocumentReference();
        document.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
        document.getSubject().setReference(patientId);
        document.setDate(new java.util.Date());
        document.addContent().getAttachment().setContentType(contentType).setData(data);
        return client.create()
                .resource(document)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
    }

    private static byte[] pdf(String text) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                stream.beginText();
                stream.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                stream.setLeading(15);
                stream.newLineAtOffset(56, 780);
                for (String line : text.split("\n")) {
                    stream.showText(line);
                    stream.newLine();
                }
                stream.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
