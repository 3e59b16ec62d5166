package fr.vigie.routes.documents.nlp;

import java.util.Objects;

/**
 * A medical entity found by the NER model (OpenNLP maximum entropy name finder trained on QUAERO; see the model card in
 * {@code resources/nlp/models/quaero-ner/1/}).
 *
 * @param group its QUAERO / UMLS semantic group
 * @param span the entity's words
 * @param assertion context of its sentence (negation, hypothesis, history, family history)
 * @param probability the model's score for the span (0–1), the basis a user can weigh it by; the shipped perceptron
 *     model's scores are not calibrated probabilities (typically 0.4–0.5 for found entities): compare, do not read
 *     them as chances
 */
public record Entity(SemanticGroup group, Span span, Assertion assertion, double probability) {

    public Entity {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(assertion, "assertion");
    }
}
