package fr.vigie.routes.documents.nlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * French clinical NLP: turns the text of a patient-record document (compte rendu, lettre, ordonnance) into {@link
 * DocumentFacts}, each fact with the {@link Span} it came from. Build one instance (loading models and dictionaries
 * takes about a second) and share it: {@link #analyze(String)} is thread-safe.
 *
 * <p>Pipeline: sentences (OpenNLP French model, cut at line breaks) → rule tokens ({@link FrenchTokenizer}) → vital
 * signs, demographics (rules), diagnoses (CIM-10 dictionary), prescriptions (BDPM dictionary and rules), entities
 * (OpenNLP NER trained on QUAERO) → assertion of each from its sentence and section ({@link AssertionDetector}).
 *
 * <p>Clinical outputs are decision support: {@link DocumentFacts#provenance()} names the models and dictionaries used,
 * and the evaluation command ({@link ClinicalNlpEvaluation}, see the README) reports precision and recall per fact
 * type on a hand-annotated corpus, for text and for OCR input.
 */
public final class ClinicalNlp {

    /** Engine name and version reported in {@link NlpProvenance#engine()}. */
    public static final String ENGINE = "vigie-clinical-nlp 1";

    private final SentenceSplitter sentences;
    private final Cim10Dictionary cim10;
    private final BdpmDictionary bdpm;
    private final MedicalEntityRecognizer ner;
    private final NlpProvenance provenance;

    /** Loads the models and dictionaries named by {@code settings}. */
    public ClinicalNlp(ClinicalNlpSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.sentences = new SentenceSplitter();
        this.cim10 = new Cim10Dictionary(settings.cim10File());
        this.bdpm = new BdpmDictionary(settings.bdpmSpecialitesFile(), settings.bdpmCompositionsFile());
        if (!settings.nerEnabled()) {
            this.ner = null;
        } else if (settings.nerModelFile() != null) {
            try {
                this.ner = MedicalEntityRecognizer.load(
                        Files.readAllBytes(settings.nerModelFile()),
                        settings.nerModelFile().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read NER model " + settings.nerModelFile(), e);
            }
        } else {
            this.ner = NlpResources.shippedRecognizer();
        }
        this.provenance = new NlpProvenance(
                ENGINE,
                SentenceSplitter.MODEL_NAME,
                ner == null ? "none" : ner.modelId(),
                cim10.source(),
                bdpm.source());
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
        String folded = unwrap(text, TextNormalizer.fold(text));
        List<Span> sentenceSpans = sentences.split(text);
        AssertionDetector context = new AssertionDetector(text);
        List<VitalSign> vitals = VitalSignExtractor.extract(text, folded, sentenceSpans, context);
        Demographics demographics = DemographicsExtractor.extract(text, folded);
        List<Diagnosis> diagnoses = diagnoses(text, sentenceSpans, context);
        List<Prescription> prescriptions = PrescriptionExtractor.extract(text, folded, sentenceSpans, bdpm, context);
        List<Entity> entities = entities(text, sentenceSpans, context);
        return new DocumentFacts(
                text, sentenceSpans, vitals, demographics, diagnoses, prescriptions, entities, provenance);
    }

    /** The folded text with soft line wraps ("glycémie\ncapillaire") as spaces, offsets unchanged. */
    private static String unwrap(String text, String folded) {
        char[] c = folded.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == '\n' && SentenceSplitter.softWrap(text, i)) {
                c[i] = ' ';
            }
        }
        return new String(c);
    }

    private List<Diagnosis> diagnoses(String text, List<Span> sentenceSpans, AssertionDetector context) {
        List<Diagnosis> out = new ArrayList<>();
        for (Span sentence : sentenceSpans) {
            List<Span> tokens = FrenchTokenizer.tokenize(text, sentence.offset(), sentence.end());
            for (TermMatcher.Match<Cim10Dictionary.Term> m : cim10.find(tokens)) {
                int b = tokens.get(m.begin()).offset();
                int e = tokens.get(m.end() - 1).end();
                Assertion a = context.classify(sentence, b, e);
                if (m.value().negated()) {
                    // "apyrétique": the word itself denies the condition (a denied denial stays a denial here)
                    a = a == Assertion.PRESENT || a == Assertion.NEGATED ? Assertion.NEGATED : a;
                }
                String code = m.value().code();
                out.add(new Diagnosis(code, cim10.label(code), Span.of(text, b, e), a));
            }
        }
        return out;
    }

    private List<Entity> entities(String text, List<Span> sentenceSpans, AssertionDetector context) {
        if (ner == null) {
            return List.of();
        }
        List<Entity> out = new ArrayList<>();
        for (MedicalEntityRecognizer.Found f : ner.find(text, sentenceSpans)) {
            Span sentence = VitalSignExtractor.sentenceOf(sentenceSpans, f.begin());
            Assertion a = sentence == null ? Assertion.PRESENT : context.classify(sentence, f.begin(), f.end());
            out.add(new Entity(f.group(), Span.of(text, f.begin(), f.end()), a, f.probability()));
        }
        out.sort(Comparator.comparingInt((Entity e) -> e.span().offset()).thenComparing(Entity::group));
        return out;
    }

    /** The engine, models and dictionaries in use. */
    public NlpProvenance provenance() {
        return provenance;
    }
}
