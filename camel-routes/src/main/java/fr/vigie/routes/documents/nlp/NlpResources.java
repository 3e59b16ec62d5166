package fr.vigie.routes.documents.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Built-in resources under {@code classpath:nlp/}: NER bundle, dictionary subsets. */
final class NlpResources {

    /** The NER bundle shipped with Vigie (see its model card beside it). */
    static final String NER_BUNDLE = "nlp/models/quaero-ner/1/quaero-ner.zip";

    private NlpResources() {}

    static InputStream open(String name) {
        InputStream in = NlpResources.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath (module camel-routes)");
        }
        return in;
    }

    static MedicalEntityRecognizer shippedRecognizer() {
        try (InputStream in = open(NER_BUNDLE)) {
            return MedicalEntityRecognizer.load(in.readAllBytes(), "classpath:" + NER_BUNDLE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + NER_BUNDLE, e);
        }
    }
}
