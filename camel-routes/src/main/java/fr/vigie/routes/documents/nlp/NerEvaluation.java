package fr.vigie.routes.documents.nlp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the NER bundle on a QUAERO split with the CLEF eHealth 2015 task 1b measure for plain entity recognition:
 * an entity is correct when its type and its offsets match a gold entity exactly; micro precision, recall and F1 over
 * all entities of a corpus (EMEA, MEDLINE), plus per semantic group. Gold entities the model cannot produce
 * (discontinuous, nested within the same group) stay in the denominator of recall, as in the official scorer.
 *
 * <pre>
 * java ... fr.vigie.routes.documents.nlp.NerEvaluation --corpus DIR/corpus --split test [--model bundle.zip]
 * </pre>
 */
public final class NerEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(NerEvaluation.class);

    static final List<String> CORPORA = List.of("EMEA", "MEDLINE");

    /** Counts and derived figures. */
    record Counts(int truePositives, int predicted, int gold) {

        double precision() {
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        double recall() {
            return gold == 0 ? 0 : (double) truePositives / gold;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Counts plus(Counts o) {
            return new Counts(truePositives + o.truePositives, predicted + o.predicted, gold + o.gold);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tp", truePositives);
            m.put("predicted", predicted);
            m.put("gold", gold);
            m.put("precision", round(precision()));
            m.put("recall", round(recall()));
            m.put("f1", round(f1()));
            return m;
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "P %.3f R %.3f F1 %.3f (tp %d, predicted %d, gold %d)",
                    precision(),
                    recall(),
                    f1(),
                    truePositives,
                    predicted,
                    gold);
        }
    }

    /** Overall and per-group counts. */
    record Scores(Counts overall, Map<String, Counts> perGroup) {

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>(overall.asMap());
            Map<String, Object> groups = new LinkedHashMap<>();
            perGroup.forEach((g, c) -> groups.put(g, c.asMap()));
            m.put("perGroup", groups);
            return m;
        }

        @Override
        public String toString() {
            return overall.toString();
        }
    }

    private NerEvaluation() {}

    static Scores score(MedicalEntityRecognizer recognizer, SentenceSplitter splitter, List<BratDocument> docs) {
        Map<String, Counts> perGroup = new TreeMap<>();
        for (BratDocument doc : docs) {
            Set<String> gold = new HashSet<>();
            for (BratDocument.Annotation a : doc.entities()) {
                gold.add(a.key());
            }
            Set<String> predicted = new HashSet<>();
            for (MedicalEntityRecognizer.Found f : recognizer.find(doc.text(), splitter.split(doc.text()))) {
                predicted.add(f.group().name() + " " + f.begin() + "-" + f.end());
            }
            for (SemanticGroup g : SemanticGroup.values()) {
                String prefix = g.name() + " ";
                long gp = gold.stream().filter(k -> k.startsWith(prefix)).count();
                long pp = predicted.stream().filter(k -> k.startsWith(prefix)).count();
                long tp = predicted.stream()
                        .filter(k -> k.startsWith(prefix) && gold.contains(k))
                        .count();
                perGroup.merge(g.name(), new Counts((int) tp, (int) pp, (int) gp), Counts::plus);
            }
        }
        Counts overall = perGroup.values().stream().reduce(new Counts(0, 0, 0), Counts::plus);
        return new Scores(overall, perGroup);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!a.containsKey("corpus")) {
            throw new IllegalArgumentException(
                    "usage: NerEvaluation --corpus QUAERO/corpus [--split test] [--model bundle.zip]");
        }
        MedicalEntityRecognizer recognizer = a.containsKey("model")
                ? MedicalEntityRecognizer.load(Files.readAllBytes(Path.of(a.get("model"))), a.get("model"))
                : NlpResources.shippedRecognizer();
        SentenceSplitter splitter = new SentenceSplitter();
        String split = a.getOrDefault("split", "test");
        for (String corpus : CORPORA) {
            Scores s = score(recognizer, splitter, BratDocument.readFolder(Path.of(a.get("corpus"), split, corpus)));
            LOG.info("{} {}: {}", split, corpus, s);
            s.perGroup().forEach((g, c) -> LOG.info("  {} {}", g, c));
        }
    }
}
