package fr.vigie.routes.documents;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.routes.documents.nlp.Assertion;
import fr.vigie.routes.documents.nlp.Demographics;
import fr.vigie.routes.documents.nlp.Diagnosis;
import fr.vigie.routes.documents.nlp.DocumentFacts;
import fr.vigie.routes.documents.nlp.Measurement;
import fr.vigie.routes.documents.nlp.NlpProvenance;
import fr.vigie.routes.documents.nlp.Prescription;
import fr.vigie.routes.documents.nlp.Span;
import fr.vigie.routes.documents.nlp.VitalSign;
import fr.vigie.routes.documents.nlp.VitalSignType;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;

/**
 * Maps a {@link ProcessedDocument} to FHIR R4.
 *
 * <ul>
 *   <li>{@code Binary} {@code doc-<sha256>} (id from the content, so re-sending the same file changes nothing): the
 *       original bytes.
 *   <li>{@code DocumentReference}: identifier (the sender's document id, else the SHA-256), type LOINC, subject,
 *       {@code context.encounter}, author, {@code content[0]} the original ({@code url = Binary/doc-...}, size, SHA-1),
 *       {@code content[1]} the extracted text ({@code text/plain;charset=UTF-8}, inline), with one
 *       {@value #EXTRACTED_PAGE} extension per page (method, OCR confidence, low-confidence flag) and
 *       {@value #EXTRACTION_ENGINE} naming the OCR and NLP versions; tag {@code low-confidence-ocr} when a page is
 *       under the OCR threshold.
 *   <li>One {@code Observation} per vital sign stated as present (category {@code vital-signs}, the FHIR vital-sign
 *       LOINC codes, UCUM units; blood pressure as panel 85354-9 with components 8480-6 and 8462-4; SpO2 as 2708-6
 *       with 59408-5), plus the chief complaint (8661-1), age (30525-0) and arrival mode when found.
 *   <li>One {@code Condition} per CIM-10 diagnosis: present → {@code confirmed}; hypothetical → {@code provisional};
 *       negated → {@code refuted} (kept, so "pas de pneumopathie" is searchable as ruled out, never as present);
 *       history → confirmed with a note; family history is not the patient's and is not mapped.
 *   <li>One {@code MedicationStatement} per prescription line (BDPM CIS code): status {@code active}, negated →
 *       {@code not-taken}, history → {@code completed}, hypothetical → {@code intended}.
 * </ul>
 *
 * Every fact is {@code derivedFrom} the DocumentReference (Condition has no such element: {@code evidence.detail})
 * and carries two identifiers: first its business identifier ({@value #FACT_SYSTEM}, {@code <document>/<kind>/<code>/<n>},
 * the n-th fact of that kind and code in the document, so a new version of the text that moves a fact keeps its
 * identity), then the extraction run ({@value #EXTRACTION_SYSTEM}, {@link #extractionRun(String, String)} of the text
 * and engines) that a reprocessing compares to retract the facts the new version no longer states; and a
 * {@value #TEXT_SPAN} extension: offset and length in the extracted text (the second attachment), the
 * quoted text, the page, and whether that page is low confidence. A fact read on a low-confidence OCR page is
 * {@code preliminary} (Observation) or {@code unconfirmed} (Condition), never final. Negated vital signs carry no
 * value and are not mapped. Subject, encounter and effective date of every fact are the document's.
 */
public class DocumentFhirMapper {

    public static final String BASE = TerminologyCatalog.CANONICAL_BASE;
    /** Identifier system of documents imported without an identifier of their own (value: SHA-256 of the bytes). */
    public static final String DOCUMENT_SYSTEM = BASE + "/sid/document";
    /** Identifier system of the facts derived from a document. */
    public static final String FACT_SYSTEM = BASE + "/sid/document-fact";
    /**
     * Second identifier of each fact: the extraction run it came from (hash of the extracted text and the engines), the
     * same for every fact of one processing of one version of a document.
     */
    public static final String EXTRACTION_SYSTEM = BASE + "/sid/document-extraction";
    /** Where a fact was read: sub-extensions offset, length, text, page, lowConfidence. */
    public static final String TEXT_SPAN = TerminologyCatalog.EXT_TEXT_SPAN;
    /** One per page of the extracted text: page, offset, length, method, confidence, lowConfidence. */
    public static final String EXTRACTED_PAGE = TerminologyCatalog.EXT_EXTRACTED_PAGE;
    /** OCR engine and NLP engine/model versions that produced the text and facts. */
    public static final String EXTRACTION_ENGINE = TerminologyCatalog.EXT_EXTRACTION_ENGINE;
    /** Tags on processed DocumentReferences. */
    public static final String PROCESSING_SYSTEM = TerminologyCatalog.CS_DOCUMENT_PROCESSING;

    public static final String TAG_EXTRACTED = "extracted";
    public static final String TAG_LOW_CONFIDENCE = "low-confidence-ocr";
    public static final String TAG_FAILED = "extraction-failed";

    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String TEXT_MEDIA_TYPE = "text/plain;charset=UTF-8";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

    /** Where facts point and what they share. */
    record FactContext(
            Reference subject,
            Reference encounter,
            Reference document,
            DateTimeType effective,
            String idPrefix,
            ExtractedText text,
            String run,
            Map<String, Integer> occurrences) {

        FactContext(
                Reference subject,
                Reference encounter,
                Reference document,
                DateTimeType effective,
                String idPrefix,
                ProcessedDocument processed) {
            this(
                    subject,
                    encounter,
                    document,
                    effective,
                    idPrefix,
                    processed.text(),
                    extractionRun(processed.text().text(), engines(processed)),
                    new HashMap<>());
        }
    }

    /** The resources of an imported document: Binary, DocumentReference, then the facts. */
    public List<Resource> map(DocumentMetadata metadata, ProcessedDocument document) {
        Objects.requireNonNull(metadata, "metadata");
        String hash = sha256(document.content());
        String documentId = metadata.documentId() == null ? "sha256-" + hash : metadata.documentId();
        String documentSystem = DOCUMENT_SYSTEM;
        Binary binary = new Binary();
        binary.setId("doc-" + hash.substring(0, 40));
        binary.setContentType(document.kind().mediaType());
        binary.setData(document.content());

        Reference subject = new Reference(ConditionalUrls.byIdentifier(
                "Patient", metadata.patient().system(), metadata.patient().value()));
        Reference encounter = metadata.encounter() == null
                ? null
                : new Reference(ConditionalUrls.byIdentifier(
                        "Encounter",
                        metadata.encounter().system(),
                        metadata.encounter().value()));

        DocumentReference reference = new DocumentReference();
        reference.addIdentifier().setSystem(documentSystem).setValue(documentId);
        reference.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        reference.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
        reference.getType().addCoding(new Coding(LOINC, metadata.typeCode(), metadata.typeDisplay()));
        reference.setSubject(subject);
        if (metadata.date().getPrecision().compareTo(ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND) >= 0) {
            reference.setDate(metadata.date().getValue());
        }
        reference.getContext().getPeriod().setStartElement(metadata.date().copy());
        if (encounter != null) {
            reference.getContext().addEncounter(encounter.copy());
        }
        if (metadata.author() != null) {
            reference.addAuthor().setDisplay(metadata.author());
        }
        reference.setDescription(metadata.title() != null ? metadata.title() : document.source());
        Attachment original = reference.addContent().getAttachment();
        original.setContentType(document.kind().mediaType())
                .setUrl("Binary/" + binary.getIdElement().getIdPart())
                .setSize(document.content().length)
                .setHash(sha1(document.content()))
                .setTitle(document.source());
        addExtractedText(reference, document);

        List<Resource> resources = new ArrayList<>();
        resources.add(binary);
        resources.add(reference);
        Reference documentReference =
                new Reference(ConditionalUrls.byIdentifier("DocumentReference", documentSystem, documentId));
        resources.addAll(facts(
                document,
                new FactContext(subject, encounter, documentReference, metadata.date(), documentId, document)));
        return resources;
    }

    /**
     * Enriches a DocumentReference created through FHIR: adds the extracted-text attachment and tags to a copy of
     * {@code existing}, and maps the facts with its subject, first encounter and date (its {@code date}, else its
     * context period start, else none).
     *
     * @return the updated DocumentReference first, then the facts (empty when it has no subject: facts need one)
     */
    public List<Resource> enrich(DocumentReference existing, ProcessedDocument document) {
        DocumentReference updated = existing.copy();
        addExtractedText(updated, document);
        List<Resource> resources = new ArrayList<>();
        resources.add(updated);
        if (!existing.hasSubject()) {
            return resources;
        }
        DateTimeType effective = existing.hasDate()
                ? new DateTimeType(existing.getDate())
                : existing.getContext().getPeriod().getStartElement().copy();
        Reference encounter = existing.getContext().hasEncounter()
                ? existing.getContext().getEncounterFirstRep().copy()
                : null;
        String id = existing.getIdElement().toUnqualifiedVersionless().getValue();
        resources.addAll(facts(
                document,
                new FactContext(
                        existing.getSubject().copy(),
                        encounter,
                        new Reference(id),
                        effective.isEmpty() ? null : effective,
                        id,
                        document)));
        return resources;
    }

    /** Adds the extracted text as a second content (replacing an earlier one) and the processing tags. */
    static void addExtractedText(DocumentReference reference, ProcessedDocument document) {
        reference
                .getContent()
                .removeIf(content -> content.getAttachment().hasExtension() || content.hasExtension(EXTRACTION_ENGINE));
        DocumentReference.DocumentReferenceContentComponent content = reference.addContent();
        ExtractedText text = document.text();
        content.getAttachment()
                .setContentType(TEXT_MEDIA_TYPE)
                .setLanguage("fr")
                .setData(text.text().getBytes(StandardCharsets.UTF_8))
                .setTitle(title(text));
        for (PageText page : text.pages()) {
            Extension extension = content.getAttachment().addExtension().setUrl(EXTRACTED_PAGE);
            extension.addExtension("page", new IntegerType(page.page()));
            extension.addExtension("offset", new IntegerType(page.offset()));
            extension.addExtension("length", new IntegerType(page.text().length()));
            extension.addExtension("method", new CodeType(page.method().code()));
            if (page.confidence() != null) {
                extension.addExtension("confidence", new DecimalType(BigDecimal.valueOf(page.confidence())));
            }
            extension.addExtension("lowConfidence", new BooleanType(page.lowConfidence()));
        }
        content.addExtension(EXTRACTION_ENGINE, new StringType(engines(document)));
        reference.getMeta().getTag().removeIf(tag -> PROCESSING_SYSTEM.equals(tag.getSystem()));
        reference.getMeta().addTag(PROCESSING_SYSTEM, TAG_EXTRACTED, "Text extracted and facts derived by Vigie");
        if (!text.lowConfidencePages().isEmpty()) {
            reference.getMeta().addTag(PROCESSING_SYSTEM, TAG_LOW_CONFIDENCE, "OCR confidence low on some pages");
        }
    }

    /**
     * The engines, models and dictionaries that produced the text and facts: {@code nlp: <engine> (ner: <model>; cim10:
     * <dictionary>; bdpm: <dictionary>); ocr: <version>}.
     */
    static String engines(ProcessedDocument document) {
        NlpProvenance nlp = document.facts().provenance();
        return "nlp: " + nlp.engine() + " (ner: " + nlp.nerModel() + "; cim10: " + nlp.cim10() + "; bdpm: " + nlp.bdpm()
                + ")" + (document.ocrEngine() == null ? "" : "; ocr: " + document.ocrEngine());
    }

    /**
     * The extraction run of a text read by some engines: 16 hex digits of the SHA-256 of both. Equal runs mean the same
     * facts; a new version of the document, or a new dictionary, is a new run.
     */
    public static String extractionRun(String text, String engines) {
        return sha256((engines + "\n" + text).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** The extraction run of a processed DocumentReference, from its extracted-text attachment; empty if it has none. */
    public static Optional<String> extractionRun(DocumentReference reference) {
        return reference.getContent().stream()
                .filter(content -> content.hasExtension(EXTRACTION_ENGINE)
                        && content.getAttachment().hasData())
                .findFirst()
                .map(content -> extractionRun(
                        new String(content.getAttachment().getData(), StandardCharsets.UTF_8),
                        content.getExtensionByUrl(EXTRACTION_ENGINE).getValue().primitiveValue()));
    }

    /** The extraction run a fact was derived in (its {@value #EXTRACTION_SYSTEM} identifier); empty if none. */
    public static Optional<String> extractionRun(List<Identifier> identifiers) {
        return identifiers.stream()
                .filter(identifier -> EXTRACTION_SYSTEM.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .findFirst();
    }

    /** "Texte extrait (ocr, 2 pages ; confiance OCR faible : page 2)". */
    static String title(ExtractedText text) {
        String low = text.lowConfidencePages().stream()
                .map(page -> Integer.toString(page.page()))
                .collect(Collectors.joining(", "));
        return "Texte extrait (" + text.methodCode() + ", " + text.pages().size()
                + (text.pages().size() > 1 ? " pages" : " page")
                + (low.isEmpty() ? "" : " ; confiance OCR faible : page " + low + ", à vérifier") + ")";
    }

    List<Resource> facts(ProcessedDocument document, FactContext context) {
        DocumentFacts facts = document.facts();
        List<Resource> resources = new ArrayList<>();
        for (VitalSign vital : facts.vitalSigns()) {
            if (vital.assertion() == Assertion.PRESENT && !vital.values().isEmpty()) {
                resources.add(vitalSign(vital, context));
            }
        }
        Demographics demographics = facts.demographics();
        if (demographics.chiefComplaint() != null) {
            Observation complaint = observation(
                    context, demographics.chiefComplaint().span(), "complaint", "8661-1", "Chief complaint - Reported");
            complaint.setValue(new StringType(demographics.chiefComplaint().text()));
            resources.add(complaint);
        }
        if (demographics.age() != null) {
            Observation age = observation(context, demographics.age().span(), "age", "30525-0", "Age");
            age.setValue(quantity(
                    BigDecimal.valueOf(demographics.age().value()),
                    demographics.age().ucum()));
            resources.add(age);
        }
        if (demographics.arrivalMode() != null) {
            Demographics.ArrivalMode mode = demographics.arrivalMode();
            Observation arrival = observation(context, mode.span(), "arrival-mode", null, null);
            arrival.getCode().setText("Mode d'arrivée");
            arrival.setValue(
                    new CodeableConcept(new Coding(Demographics.ArrivalMode.SYSTEM, mode.code(), mode.display())));
            resources.add(arrival);
        }
        for (Diagnosis diagnosis : facts.diagnoses()) {
            if (diagnosis.assertion() != Assertion.FAMILY_HISTORY) {
                resources.add(condition(diagnosis, context));
            }
        }
        for (Prescription prescription : facts.prescriptions()) {
            if (prescription.assertion() != Assertion.FAMILY_HISTORY) {
                resources.add(medicationStatement(prescription, context));
            }
        }
        return resources;
    }

    private Observation vitalSign(VitalSign vital, FactContext context) {
        Observation observation = observation(
                context,
                vital.span(),
                "vital",
                vital.code().code(),
                vital.code().display());
        observation.getCode().getCodingFirstRep().setSystem(vital.code().system());
        if (vital.additionalCode() != null) {
            observation
                    .getCode()
                    .addCoding(new Coding(
                            vital.additionalCode().system(),
                            vital.additionalCode().code(),
                            vital.additionalCode().display()));
        }
        observation
                .addCategory()
                .addCoding(new Coding(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs"))
                .setText("Vital Signs");
        observation.getCode().setText(vital.span().text());
        if (vital.type() == VitalSignType.BLOOD_PRESSURE) {
            for (Measurement value : vital.values()) {
                observation
                        .addComponent()
                        .setCode(new CodeableConcept(new Coding(
                                value.code().system(),
                                value.code().code(),
                                value.code().display())))
                        .setValue(quantity(value.value(), value.ucum()));
            }
        } else {
            Measurement value = vital.value();
            observation.setValue(quantity(value.value(), value.ucum()));
        }
        return observation;
    }

    private Observation observation(FactContext context, Span span, String kind, String loinc, String display) {
        Observation observation = new Observation();
        factIdentifiers(context, kind, loinc).forEach(observation::addIdentifier);
        boolean low = context.text().touchesLowConfidence(span.offset(), span.length());
        observation.setStatus(low ? Observation.ObservationStatus.PRELIMINARY : Observation.ObservationStatus.FINAL);
        if (loinc != null) {
            observation.getCode().addCoding(new Coding(LOINC, loinc, display));
        }
        observation.setSubject(context.subject().copy());
        if (context.encounter() != null) {
            observation.setEncounter(context.encounter().copy());
        }
        if (context.effective() != null) {
            observation.setEffective(context.effective().copy());
        }
        observation.addDerivedFrom(context.document().copy());
        observation.addExtension(span(span, context.text()));
        return observation;
    }

    private Condition condition(Diagnosis diagnosis, FactContext context) {
        Condition condition = new Condition();
        factIdentifiers(context, "diagnosis", diagnosis.code()).forEach(condition::addIdentifier);
        condition
                .getCode()
                .addCoding(new Coding(Diagnosis.SYSTEM, diagnosis.code(), diagnosis.label()))
                .setText(diagnosis.span().text());
        boolean low = context.text()
                .touchesLowConfidence(
                        diagnosis.span().offset(), diagnosis.span().length());
        String verification =
                switch (diagnosis.assertion()) {
                    case NEGATED -> "refuted";
                    case HYPOTHETICAL -> "provisional";
                    default -> low ? "unconfirmed" : "confirmed";
                };
        condition.setVerificationStatus(new CodeableConcept(new Coding(CONDITION_VERIFICATION, verification, null)));
        if (diagnosis.assertion() == Assertion.PRESENT || diagnosis.assertion() == Assertion.HYPOTHETICAL) {
            condition.addCategory(
                    new CodeableConcept(new Coding(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")));
        }
        if (diagnosis.assertion() == Assertion.HISTORY) {
            condition.addNote().setText("Antécédent mentionné dans le document");
        }
        condition.setSubject(context.subject().copy());
        if (context.encounter() != null) {
            condition.setEncounter(context.encounter().copy());
        }
        if (context.effective() != null) {
            condition.setRecordedDateElement(context.effective().copy());
        }
        condition.addEvidence().addDetail(context.document().copy());
        condition.addExtension(span(diagnosis.span(), context.text()));
        return condition;
    }

    private MedicationStatement medicationStatement(Prescription prescription, FactContext context) {
        MedicationStatement statement = new MedicationStatement();
        factIdentifiers(
                        context,
                        "prescription",
                        prescription.cisCode() != null
                                ? prescription.cisCode()
                                : prescription
                                        .drugName()
                                        .toLowerCase(Locale.ROOT)
                                        .replaceAll("[^\\p{L}\\p{N}]+", "-"))
                .forEach(statement::addIdentifier);
        statement.setStatus(
                switch (prescription.assertion()) {
                    case NEGATED -> MedicationStatement.MedicationStatementStatus.NOTTAKEN;
                    case HISTORY -> MedicationStatement.MedicationStatementStatus.COMPLETED;
                    case HYPOTHETICAL -> MedicationStatement.MedicationStatementStatus.INTENDED;
                    default -> MedicationStatement.MedicationStatementStatus.ACTIVE;
                });
        CodeableConcept medication = new CodeableConcept().setText(prescription.drugName());
        if (prescription.cisCode() != null) {
            medication.addCoding(new Coding(Prescription.CIS_SYSTEM, prescription.cisCode(), prescription.drugName()));
        }
        statement.setMedication(medication);
        statement.setSubject(context.subject().copy());
        if (context.encounter() != null) {
            statement.setContext(context.encounter().copy());
        }
        if (context.effective() != null) {
            statement.setEffective(context.effective().copy());
            statement.setDateAssertedElement(context.effective().copy());
        }
        statement.addDerivedFrom(context.document().copy());
        Dosage dosage = statement.addDosage().setText(prescription.span().text());
        if (prescription.route() != null) {
            dosage.setRoute(new CodeableConcept(new Coding(
                            Prescription.Route.SYSTEM,
                            prescription.route().snomed(),
                            prescription.route().display()))
                    .setText(prescription.route().bdpmLabel()));
        }
        if (prescription.dose() != null) {
            dosage.addDoseAndRate()
                    .setDose(quantity(
                            prescription.dose().value(), prescription.dose().unit()));
        }
        if (prescription.frequency() != null || prescription.duration() != null) {
            Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
            if (prescription.frequency() != null) {
                Prescription.Frequency frequency = prescription.frequency();
                repeat.setFrequency(frequency.count());
                repeat.setPeriod(frequency.period());
                repeat.setPeriodUnit(Timing.UnitsOfTime.fromCode(frequency.periodUnit()));
                if (frequency.asNeeded()) {
                    dosage.setAsNeeded(new BooleanType(true));
                }
            }
            if (prescription.duration() != null) {
                Duration bounds = new Duration();
                bounds.setValue(prescription.duration().value())
                        .setUnit(prescription.duration().unit())
                        .setSystem(UCUM)
                        .setCode(prescription.duration().unit());
                repeat.setBounds(bounds);
            }
        }
        statement.addExtension(span(prescription.span(), context.text()));
        return statement;
    }

    /** A UCUM quantity; a unit that is not plain ASCII (an annotation such as {comprimé}) is kept as display only. */
    static Quantity quantity(BigDecimal value, String unit) {
        Quantity quantity = new Quantity().setValue(value).setUnit(unit);
        if (unit != null && unit.chars().allMatch(c -> c > 32 && c < 127)) {
            quantity.setSystem(UCUM).setCode(unit);
        }
        return quantity;
    }

    /** The {@value #TEXT_SPAN} extension of a span of the extracted text. */
    static Extension span(Span span, ExtractedText text) {
        Extension extension = new Extension(TEXT_SPAN);
        extension.addExtension("offset", new IntegerType(span.offset()));
        extension.addExtension("length", new IntegerType(span.length()));
        extension.addExtension("text", new StringType(span.text()));
        text.pageAt(span.offset()).ifPresent(page -> extension.addExtension("page", new IntegerType(page.page())));
        extension.addExtension(
                "lowConfidence", new BooleanType(text.touchesLowConfidence(span.offset(), span.length())));
        return extension;
    }

    /**
     * The business identifier {@code <document>/<kind>/<code>/<n>} (n: 1 for the first fact of that kind and code in
     * the document, 2 for the second...), then the extraction run.
     */
    private static List<Identifier> factIdentifiers(FactContext context, String kind, String code) {
        String key = kind + (code == null ? "" : "/" + code);
        int n = context.occurrences().merge(key, 1, Integer::sum);
        return List.of(
                new Identifier().setSystem(FACT_SYSTEM).setValue(context.idPrefix() + "/" + key + "/" + n),
                new Identifier().setSystem(EXTRACTION_SYSTEM).setValue(context.run()));
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-256", content));
    }

    private static byte[] sha1(byte[] content) {
        return digest("SHA-1", content);
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JRE", e);
        }
    }
}
