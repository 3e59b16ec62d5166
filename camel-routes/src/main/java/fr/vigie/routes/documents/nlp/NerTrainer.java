package fr.vigie.routes.documents.nlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.namefind.BilouCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the medical NER bundle on the QUAERO French Medical Corpus (BRAT) and scores it with {@link NerEvaluation}.
 *
 * <pre>
 * java -cp camel-routes/target/classes:$(cat camel-routes/target/cp.txt) fr.vigie.routes.documents.nlp.NerTrainer \
 *     --corpus DIR/corpus --train train,dev --eval test --out camel-routes/src/main/resources/nlp/models/quaero-ner/1/quaero-ner.zip
 * </pre>
 *
 * <p>One OpenNLP name finder per semantic group (BILOU codec, feature set {@code nlp/ner-features.xml}). OpenNLP's own
 * BRAT reader is not used: it drops overlapping entities and tokenizes with a model, while QUAERO nests entities and
 * Vigie tokenizes by rule ({@link FrenchTokenizer}); training and analysis must cut tokens the same way. Within one group,
 * nested entities cannot all be taught to a sequence tagger: the outermost is kept ({@code --nesting outer}, default)
 * or the innermost ({@code inner}). Discontinuous entities and entities whose ends fall inside a token are not taught
 * (counted in the model card) and, at evaluation, count as misses.
 *
 * <p>Hyperparameters: {@code --algorithm} MAXENT (default) or PERCEPTRON; {@code --iterations} 1–1000 (default 150);
 * {@code --cutoff} minimum feature count 0–10 (default 1). Training is deterministic (no random seed involved).
 */
public final class NerTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(NerTrainer.class);

    static final String FEATURES = "nlp/ner-features.xml";
    static final String MODEL_ID = "vigie-quaero-ner";
    static final String MODEL_VERSION = "1";

    /** Training options (see the class comment). */
    record Options(
            Path corpus,
            List<String> trainSplits,
            String evalSplit,
            Path out,
            String algorithm,
            int iterations,
            int cutoff,
            String nesting) {}

    /** Counts of what could and could not be taught. */
    record Alignment(
            int entities, int taught, int discontinuous, int offTokenBoundary, int crossSentence, int nested) {}

    private final SentenceSplitter sentences = new SentenceSplitter();

    public static void main(String[] args) throws IOException {
        Options o = parse(args);
        new NerTrainer().run(o);
    }

    static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (!a.containsKey("corpus") || !a.containsKey("out")) {
            throw new IllegalArgumentException("usage: NerTrainer --corpus QUAERO/corpus --out bundle.zip"
                    + " [--train train,dev] [--eval test] [--algorithm MAXENT|PERCEPTRON] [--iterations 150]"
                    + " [--cutoff 1] [--nesting outer|inner]");
        }
        return new Options(
                Path.of(a.get("corpus")),
                List.of(a.getOrDefault("train", "train,dev").split(",")),
                a.getOrDefault("eval", "test"),
                Path.of(a.get("out")),
                a.getOrDefault("algorithm", "MAXENT"),
                Integer.parseInt(a.getOrDefault("iterations", "150")),
                Integer.parseInt(a.getOrDefault("cutoff", "1")),
                a.getOrDefault("nesting", "outer"));
    }

    void run(Options o) throws IOException {
        List<BratDocument> train = new ArrayList<>();
        for (String split : o.trainSplits()) {
            for (String corpus : NerEvaluation.CORPORA) {
                train.addAll(BratDocument.readFolder(o.corpus().resolve(split).resolve(corpus)));
            }
        }
        long t0 = System.nanoTime();
        Map<SemanticGroup, List<NameSample>> samples = new EnumMap<>(SemanticGroup.class);
        Alignment alignment = samples(train, o.nesting(), samples);
        LOG.info("{} documents, alignment {}", train.size(), alignment);
        byte[] features = resource(FEATURES);
        Map<SemanticGroup, byte[]> models = new EnumMap<>(SemanticGroup.class);
        for (Map.Entry<SemanticGroup, List<NameSample>> e : samples.entrySet()) {
            if (e.getValue().stream().allMatch(n -> n.getNames().length == 0)) {
                LOG.info("{}: no entity to learn from, no model", e.getKey());
                continue;
            }
            TokenNameFinderModel model = trainGroup(e.getKey(), e.getValue(), features, o);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.serialize(bytes);
            models.put(e.getKey(), bytes.toByteArray());
            LOG.info("{}: {} KB", e.getKey(), bytes.size() / 1024);
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;

        Map<SemanticGroup, TokenNameFinderModel> loaded = new EnumMap<>(SemanticGroup.class);
        for (Map.Entry<SemanticGroup, byte[]> e : models.entrySet()) {
            loaded.put(e.getKey(), new TokenNameFinderModel(new java.io.ByteArrayInputStream(e.getValue())));
        }
        MedicalEntityRecognizer recognizer = new MedicalEntityRecognizer(loaded, "{}");
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String corpus : NerEvaluation.CORPORA) {
            List<BratDocument> eval =
                    BratDocument.readFolder(o.corpus().resolve(o.evalSplit()).resolve(corpus));
            NerEvaluation.Scores s = NerEvaluation.score(recognizer, sentences, eval);
            LOG.info("{} {}: {}", o.evalSplit(), corpus, s);
            metrics.put(corpus, s.asMap());
        }
        Map<String, Object> card = card(o, alignment, trainSeconds, metrics);
        write(o.out(), models, card);
        LOG.info("wrote {}", o.out());
    }

    Alignment samples(List<BratDocument> docs, String nesting, Map<SemanticGroup, List<NameSample>> out) {
        for (SemanticGroup g : SemanticGroup.values()) {
            out.put(g, new ArrayList<>());
        }
        int entities = 0;
        int taught = 0;
        int discontinuous = 0;
        int offBoundary = 0;
        int crossSentence = 0;
        int nested = 0;
        for (BratDocument doc : docs) {
            List<Span> sents = sentences.split(doc.text());
            boolean first = true;
            entities += doc.entities().size();
            for (BratDocument.Annotation a : doc.entities()) {
                if (!a.continuous()) {
                    discontinuous++;
                }
            }
            int[] placed = new int[doc.entities().size()];
            for (Span sent : sents) {
                List<Span> tokens = FrenchTokenizer.tokenize(doc.text(), sent.offset(), sent.end());
                if (tokens.isEmpty()) {
                    continue;
                }
                String[] words = tokens.stream().map(Span::text).toArray(String[]::new);
                for (SemanticGroup g : SemanticGroup.values()) {
                    List<opennlp.tools.util.Span> names = new ArrayList<>();
                    for (int k = 0; k < doc.entities().size(); k++) {
                        BratDocument.Annotation a = doc.entities().get(k);
                        if (!a.continuous() || !a.type().equals(g.name())) {
                            continue;
                        }
                        if (a.begin() < sent.offset() || a.end() > sent.end()) {
                            continue;
                        }
                        int bt = tokenStarting(tokens, a.begin());
                        int et = tokenEnding(tokens, a.end());
                        placed[k] = 1;
                        if (bt < 0 || et < 0) {
                            placed[k] = 2;
                            continue;
                        }
                        names.add(new opennlp.tools.util.Span(bt, et + 1, g.name()));
                    }
                    List<opennlp.tools.util.Span> kept = removeNesting(names, nesting);
                    nested += names.size() - kept.size();
                    taught += kept.size();
                    out.get(g).add(new NameSample(words, kept.toArray(new opennlp.tools.util.Span[0]), first));
                }
                first = false;
            }
            for (int k = 0; k < placed.length; k++) {
                if (doc.entities().get(k).continuous()) {
                    if (placed[k] == 0) {
                        crossSentence++;
                    } else if (placed[k] == 2) {
                        offBoundary++;
                    }
                }
            }
        }
        return new Alignment(entities, taught, discontinuous, offBoundary, crossSentence, nested);
    }

    private static int tokenStarting(List<Span> tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).offset() == offset) {
                return i;
            }
        }
        return -1;
    }

    private static int tokenEnding(List<Span> tokens, int end) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).end() == end) {
                return i;
            }
        }
        return -1;
    }

    /** Keeps non-overlapping names: longest first ({@code outer}) or shortest first ({@code inner}). */
    static List<opennlp.tools.util.Span> removeNesting(List<opennlp.tools.util.Span> names, String nesting) {
        Comparator<opennlp.tools.util.Span> byLength = Comparator.comparingInt(opennlp.tools.util.Span::length);
        List<opennlp.tools.util.Span> sorted = new ArrayList<>(names);
        sorted.sort(("inner".equals(nesting) ? byLength : byLength.reversed())
                .thenComparingInt(opennlp.tools.util.Span::getStart));
        List<opennlp.tools.util.Span> kept = new ArrayList<>();
        for (opennlp.tools.util.Span s : sorted) {
            if (kept.stream()
                            .noneMatch(k -> k.intersects(s) && k.getEnd() != s.getStart() && s.getEnd() != k.getStart())
                    && kept.stream().noneMatch(k -> k.equals(s))) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparingInt(opennlp.tools.util.Span::getStart));
        return kept;
    }

    private static TokenNameFinderModel trainGroup(
            SemanticGroup group, List<NameSample> samples, byte[] features, Options o) throws IOException {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, o.algorithm());
        params.put(TrainingParameters.ITERATIONS_PARAM, o.iterations());
        params.put(TrainingParameters.CUTOFF_PARAM, o.cutoff());
        // the corpus fits in memory: index it in one pass (the default two-pass indexer spills to temporary files)
        params.put(AbstractEventTrainer.DATA_INDEXER_PARAM, AbstractEventTrainer.DATA_INDEXER_ONE_PASS_VALUE);
        TokenNameFinderFactory factory = TokenNameFinderFactory.create(null, features, Map.of(), new BilouCodec());
        return NameFinderME.train("fr", group.name(), new CollectionObjectStream<>(samples), params, factory);
    }

    private Map<String, Object> card(Options o, Alignment alignment, double trainSeconds, Map<String, Object> metrics) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("id", MODEL_ID);
        card.put("version", MODEL_VERSION);
        card.put("task", "French medical named-entity recognition, QUAERO semantic groups");
        card.put(
                "data",
                Map.of(
                        "corpus",
                        "QUAERO French Medical Corpus, CLEF eHealth release (MEDLINE titles + EMEA monographs), GFDL",
                        "citation",
                        "Névéol A et al. The QUAERO French Medical Corpus. BioTxtM 2014:24-30",
                        "trainSplits",
                        o.trainSplits(),
                        "evalSplit",
                        o.evalSplit(),
                        "alignment",
                        alignment));
        card.put(
                "model",
                Map.of(
                        "library",
                        "Apache OpenNLP " + Version.currentVersion(),
                        "type",
                        "one NameFinderME per semantic group, BILOU codec",
                        "algorithm",
                        o.algorithm(),
                        "iterations",
                        o.iterations(),
                        "cutoff",
                        o.cutoff(),
                        "nesting",
                        o.nesting(),
                        "features",
                        FEATURES,
                        "tokenizer",
                        "FrenchTokenizer (rules)",
                        "sentences",
                        SentenceSplitter.MODEL_NAME,
                        "seed",
                        "none needed: training is deterministic"));
        card.put("trainingSeconds", Math.round(trainSeconds));
        card.put(
                "metric",
                "CLEF eHealth 2015 task 1b plain entity recognition: exact match of type and offsets,"
                        + " micro precision / recall / F1 per corpus (reference: best 2015 team F1 0.756 on EMEA,"
                        + " measured on the 2015 test set = folder 'dev' of this release)");
        card.put("metrics", metrics);
        card.put(
                "command",
                "NerTrainer --corpus <quaero>/corpus --train " + String.join(",", o.trainSplits())
                        + " --eval " + o.evalSplit() + " --algorithm " + o.algorithm() + " --iterations "
                        + o.iterations()
                        + " --cutoff " + o.cutoff() + " --nesting " + o.nesting() + " --out "
                        + o.out().getFileName());
        return card;
    }

    private static void write(Path out, Map<SemanticGroup, byte[]> models, Map<String, Object> card)
            throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try (OutputStream os = Files.newOutputStream(out);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry(MedicalEntityRecognizer.MODEL_CARD));
            zip.write(json.writeValueAsBytes(card));
            zip.closeEntry();
            for (Map.Entry<SemanticGroup, byte[]> e : models.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey().name() + ".bin"));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.writeString(out.resolveSibling("model-card.json"), json.writeValueAsString(card), StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = NerTrainer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " not on the classpath");
            }
            return in.readAllBytes();
        }
    }
}
