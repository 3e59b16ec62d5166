package fr.vigie.routes.documents.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;

/**
 * Splits French text into sentences with OpenNLP's French sentence model ({@code opennlp-models-sentdetect-fr} 1.3.0,
 * trained on UD French-GSD), after cutting at line breaks: clinical notes are mostly lists and headings ("T° 38,5\nFC
 * 110") whose lines are separate statements, which a model trained on prose would glue together. Thread-safe (the
 * OpenNLP detector is not, so each thread gets its own).
 */
final class SentenceSplitter {

    /** Name of the model inside the jar, also reported in {@link NlpProvenance#sentenceModel()}. */
    static final String MODEL_RESOURCE = "opennlp-fr-ud-gsd-sentence-1.3-2.5.4.bin";

    static final String MODEL_NAME = "opennlp-models-sentdetect-fr 1.3.0 (" + MODEL_RESOURCE + ")";

    private final ThreadLocal<SentenceDetectorME> detector;

    SentenceSplitter() {
        SentenceModel model = loadModel();
        this.detector = ThreadLocal.withInitial(() -> new SentenceDetectorME(model));
    }

    private static SentenceModel loadModel() {
        try (InputStream in = SentenceSplitter.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        MODEL_RESOURCE + " not on the classpath: add org.apache.opennlp:opennlp-models-sentdetect-fr");
            }
            return new SentenceModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MODEL_RESOURCE, e);
        }
    }

    /** Sentence spans of {@code text}, trimmed, in order; never empty spans. */
    List<fr.vigie.routes.documents.nlp.Span> split(String text) {
        List<fr.vigie.routes.documents.nlp.Span> out = new ArrayList<>();
        int lineStart = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i < n && text.charAt(i) == '\n' && softWrap(text, i)) {
                continue;
            }
            if (i == n || text.charAt(i) == '\n' || text.charAt(i) == '\r' || text.charAt(i) == '\f') {
                if (i > lineStart) {
                    splitLine(text, lineStart, i, out);
                }
                lineStart = i + 1;
            }
        }
        return out;
    }

    /**
     * A line break inside a sentence, as OCR and narrow layouts produce ("insuffisance\ncardiaque"): the line ends
     * with a letter or a comma and the next one starts with a lower-case letter. Lists and headings ("T° 38\nFC 110",
     * "Antécédents :\nHTA") stay cut.
     */
    static boolean softWrap(String text, int newline) {
        int before = newline - 1;
        if (before >= 0 && text.charAt(before) == '\r') {
            before--;
        }
        int after = newline + 1;
        if (before < 0 || after >= text.length()) {
            return false;
        }
        char last = text.charAt(before);
        char next = text.charAt(after);
        return (Character.isLetter(last) || last == ',') && Character.isLowerCase(next);
    }

    private void splitLine(String text, int begin, int end, List<fr.vigie.routes.documents.nlp.Span> out) {
        String line = text.substring(begin, end);
        if (line.isBlank()) {
            return;
        }
        for (Span s : detector.get().sentPosDetect(line)) {
            int b = begin + s.getStart();
            int e = begin + s.getEnd();
            while (b < e && Character.isWhitespace(text.charAt(b))) {
                b++;
            }
            while (e > b && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            if (e > b) {
                out.add(fr.vigie.routes.documents.nlp.Span.of(text, b, e));
            }
        }
    }
}
