package fr.vigie.routes.documents.nlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * Medical named-entity recognition with OpenNLP name finders trained on the QUAERO French Medical Corpus, one model per
 * semantic group (so an anatomy mention inside a disorder, "cancer du poumon", can be found by both, as QUAERO annotates
 * it). The models come as one bundle, a zip holding {@code <GROUP>.bin} per group and {@code model-card.json}; see
 * {@link NerTrainer} for how it is built. Thread-safe (each thread gets its own decoders).
 */
final class MedicalEntityRecognizer {

    /** Entry of the bundle holding the model card. */
    static final String MODEL_CARD = "model-card.json";

    /** An entity found: group, character range in the analysed text, and the model's probability. */
    record Found(SemanticGroup group, int begin, int end, double probability) {}

    private final Map<SemanticGroup, TokenNameFinderModel> models;
    private final String modelCard;
    private final ThreadLocal<Map<SemanticGroup, NameFinderME>> finders;

    MedicalEntityRecognizer(Map<SemanticGroup, TokenNameFinderModel> models, String modelCard) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("NER bundle holds no <GROUP>.bin model");
        }
        this.models = new EnumMap<>(models);
        this.modelCard = modelCard;
        this.finders = ThreadLocal.withInitial(() -> {
            Map<SemanticGroup, NameFinderME> m = new EnumMap<>(SemanticGroup.class);
            this.models.forEach((g, model) -> m.put(g, new NameFinderME(model)));
            return m;
        });
    }

    /** Reads a bundle (zip of {@code <GROUP>.bin} + {@code model-card.json}). */
    static MedicalEntityRecognizer load(InputStream zip, String source) {
        Map<SemanticGroup, TokenNameFinderModel> models = new EnumMap<>(SemanticGroup.class);
        String card = null;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                String name = e.getName();
                if (name.equals(MODEL_CARD)) {
                    card = new String(bytes, StandardCharsets.UTF_8);
                } else if (name.endsWith(".bin")) {
                    SemanticGroup group = SemanticGroup.valueOf(name.substring(0, name.length() - 4));
                    models.put(group, new TokenNameFinderModel(new ByteArrayInputStream(bytes)));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read NER model bundle " + source + ": " + e.getMessage(), e);
        }
        if (card == null) {
            throw new IllegalStateException("NER model bundle " + source + " has no " + MODEL_CARD);
        }
        return new MedicalEntityRecognizer(models, card);
    }

    /** The model card (JSON) shipped in the bundle. */
    String modelCard() {
        return modelCard;
    }

    /** Model id and version from the model card ("vigie-quaero-ner 1"), for provenance. */
    String modelId() {
        java.util.regex.Matcher id =
                java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(modelCard);
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"?([^\",}]+)")
                .matcher(modelCard);
        return (id.find() ? id.group(1) : "unknown NER model")
                + (v.find() ? " " + v.group(1).trim() : "");
    }

    /** The semantic groups this bundle recognises. */
    java.util.Set<SemanticGroup> groups() {
        return models.keySet();
    }

    /**
     * Entities of a document: each sentence is tokenized and run through every group's model. The models' adaptive
     * (document-level) features are reset at the start, as in training, where each document starts afresh.
     */
    List<Found> find(String text, List<Span> sentences) {
        List<Found> out = new ArrayList<>();
        Map<SemanticGroup, NameFinderME> mine = finders.get();
        mine.values().forEach(NameFinderME::clearAdaptiveData);
        for (Span sentence : sentences) {
            List<Span> tokens = FrenchTokenizer.tokenize(text, sentence.offset(), sentence.end());
            if (tokens.isEmpty()) {
                continue;
            }
            String[] words = tokens.stream().map(Span::text).toArray(String[]::new);
            for (Map.Entry<SemanticGroup, NameFinderME> e : mine.entrySet()) {
                opennlp.tools.util.Span[] names = e.getValue().find(words);
                double[] probs = e.getValue().probs(names);
                for (int i = 0; i < names.length; i++) {
                    Span first = tokens.get(names[i].getStart());
                    Span last = tokens.get(names[i].getEnd() - 1);
                    out.add(new Found(e.getKey(), first.offset(), last.end(), probs[i]));
                }
            }
        }
        return out;
    }

    /** Loads a bundle from bytes already read (tests, classpath resources). */
    static MedicalEntityRecognizer load(byte[] zip, String source) {
        return load(new ByteArrayInputStream(zip), source);
    }
}
