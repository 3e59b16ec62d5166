package fr.vigie.server.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a free-text chief complaint, in French or English, to complaint categories (respiratory, chest-pain,
 * trauma...) with the bilingual lexicon kept in the terminology module ({@value #RESOURCE} on the classpath). The
 * categories become model features and are quoted in the {@code reason} of a triage answer, so a nurse sees why a
 * complaint counted.
 *
 * <p>Matching, as documented in the lexicon: text and keywords are lower-cased, accents are removed (Unicode NFD;
 * œ and æ expanded) and every character that is neither a letter nor a digit becomes a space; a keyword matches as
 * whole words, and a keyword ending in {@code *} matches any word starting with it. A complaint may have several
 * categories; text that matches none is {@value #OTHER}; blank text has no category at all (it is missing).
 *
 * <p>The lexicon sits at {@code lexicon/} of the terminology jar rather than under {@code terminology/}: every file
 * below {@code terminology/} must be a FHIR resource listed in its {@code index.txt} (TerminologyFilesTest).
 */
public final class ComplaintCategorizer {

    /** Classpath location of the lexicon (terminology module). */
    public static final String RESOURCE = "lexicon/complaint-categories.json";

    /** The category of a complaint that matches no keyword. */
    public static final String OTHER = "other";

    /** A category that matched, with the keywords (as written in the lexicon) that matched it. */
    public record Match(String category, List<String> keywords) {}

    private record Keyword(String text, String normalised, boolean prefix) {}

    private final String version;
    private final Map<String, List<Keyword>> categories;

    private ComplaintCategorizer(String version, Map<String, List<Keyword>> categories) {
        this.version = version;
        this.categories = categories;
    }

    /** Loads the lexicon from the classpath. */
    public static ComplaintCategorizer fromClasspath() {
        ClassLoader loader = ComplaintCategorizer.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Complaint lexicon " + RESOURCE + " is not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read complaint lexicon " + RESOURCE, e);
        }
    }

    /** Loads a lexicon file. */
    public static ComplaintCategorizer fromFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read complaint lexicon " + path, e);
        }
    }

    /** Loads a lexicon from JSON. */
    public static ComplaintCategorizer load(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, List<Keyword>> categories = new LinkedHashMap<>();
        for (JsonNode category : root.path("categories")) {
            String code = category.path("code").asText();
            if (code.isEmpty() || categories.containsKey(code)) {
                throw new IllegalArgumentException(
                        "Complaint lexicon: missing or duplicate category code '" + code + "'");
            }
            List<Keyword> keywords = new ArrayList<>();
            category.path("keywords")
                    .forEach(language -> language.forEach(node -> keywords.add(keyword(node.asText()))));
            categories.put(code, List.copyOf(keywords));
        }
        if (!categories.containsKey(OTHER)) {
            throw new IllegalArgumentException("Complaint lexicon has no '" + OTHER + "' category");
        }
        return new ComplaintCategorizer(root.path("version").asText(), categories);
    }

    /** The lexicon version, for model cards and answers. */
    public String version() {
        return version;
    }

    /** Every category code, in lexicon order ({@value #OTHER} included). */
    public List<String> categories() {
        return List.copyOf(categories.keySet());
    }

    /** The category codes of a complaint, in lexicon order; [{@value #OTHER}] when none match, [] when blank. */
    public List<String> categorize(String complaint) {
        return match(complaint).stream().map(Match::category).toList();
    }

    /** The matching categories with the keywords that matched, in lexicon order. */
    public List<Match> match(String complaint) {
        if (complaint == null || complaint.isBlank()) {
            return List.of();
        }
        String text = " " + normalise(complaint) + " ";
        List<Match> matches = new ArrayList<>();
        categories.forEach((category, keywords) -> {
            List<String> found = new ArrayList<>();
            for (Keyword keyword : keywords) {
                String needle = " " + keyword.normalised() + (keyword.prefix() ? "" : " ");
                if (!keyword.normalised().isEmpty() && text.contains(needle)) {
                    found.add(keyword.text());
                }
            }
            if (!found.isEmpty()) {
                matches.add(new Match(category, List.copyOf(found)));
            }
        });
        return matches.isEmpty() ? List.of(new Match(OTHER, List.of())) : List.copyOf(matches);
    }

    /** Lower case, no accents, letters and digits separated by single spaces. */
    static String normalise(String text) {
        String expanded = text.toLowerCase(Locale.ROOT)
                .replace("œ", "oe")
                .replace("æ", "ae")
                .replace("ß", "ss");
        String stripped = Normalizer.normalize(expanded, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return stripped.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    private static Keyword keyword(String text) {
        boolean prefix = text.endsWith("*");
        String body = prefix ? text.substring(0, text.length() - 1) : text;
        return new Keyword(text, normalise(body), prefix);
    }
}
