package fr.vigie.routes.documents.nlp;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@link ClinicalNlp#analyze(String)} found in one text. Every fact carries the {@link Span} it came from
 * (offsets in {@link #text()}), lists are in text order, never null.
 *
 * @param text the analysed text (the exact string given to {@code analyze})
 * @param sentences sentence spans (OpenNLP French sentence model, then split at line breaks)
 * @param vitalSigns vital-sign measurements
 * @param demographics age, sex, arrival mode, chief complaint
 * @param diagnoses CIM-10 coded diagnoses, symptoms and conditions, with their assertion
 * @param prescriptions prescription lines with BDPM CIS codes
 * @param entities medical entities from the NER model
 * @param provenance versions of the engine, models and dictionaries used (to record with the facts)
 */
public record DocumentFacts(
        String text,
        List<Span> sentences,
        List<VitalSign> vitalSigns,
        Demographics demographics,
        List<Diagnosis> diagnoses,
        List<Prescription> prescriptions,
        List<Entity> entities,
        NlpProvenance provenance) {

    public DocumentFacts {
        Objects.requireNonNull(text, "text");
        sentences = List.copyOf(sentences);
        vitalSigns = List.copyOf(vitalSigns);
        demographics = demographics == null ? Demographics.NONE : demographics;
        diagnoses = List.copyOf(diagnoses);
        prescriptions = List.copyOf(prescriptions);
        entities = List.copyOf(entities);
        Objects.requireNonNull(provenance, "provenance");
    }
}
