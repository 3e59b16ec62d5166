package fr.vigie.routes.documents.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dictionary lookup over tokens: finds the longest dictionary term starting at each token, terms compared on folded
 * tokens ({@link TextNormalizer}: case and accents ignored) unless the term is case-sensitive (abbreviations that are
 * also common words: "FA", "TC"). Matches do not overlap; scanning goes left to right.
 *
 * @param <V> what a term maps to
 */
final class TermMatcher<V> {

    /** A match: the value of the term and the token range in the text. */
    record Match<V>(V value, int begin, int end) {}

    private record Entry<V>(String[] tokens, boolean caseSensitive, V value) {}

    private final Map<String, List<Entry<V>>> byFirstToken = new HashMap<>();
    private int maxTokens = 1;
    private int size;

    /** Adds a term; the first value added for the same term wins. */
    void add(String term, boolean caseSensitive, V value) {
        List<Span> tokens = FrenchTokenizer.tokenize(term);
        if (tokens.isEmpty()) {
            return;
        }
        String[] words = new String[tokens.size()];
        for (int i = 0; i < words.length; i++) {
            String t = tokens.get(i).text();
            words[i] = caseSensitive ? t : TextNormalizer.fold(t);
        }
        List<Entry<V>> list = byFirstToken.computeIfAbsent(TextNormalizer.fold(words[0]), k -> new ArrayList<>());
        for (Entry<V> e : list) {
            if (e.caseSensitive() == caseSensitive && java.util.Arrays.equals(e.tokens(), words)) {
                return;
            }
        }
        list.add(new Entry<>(words, caseSensitive, value));
        maxTokens = Math.max(maxTokens, words.length);
        size++;
    }

    int size() {
        return size;
    }

    /** Longest non-overlapping matches in {@code tokens} (spans of the original text). */
    List<Match<V>> find(List<Span> tokens) {
        List<Match<V>> out = new ArrayList<>();
        String[] folded = new String[tokens.size()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = TextNormalizer.fold(tokens.get(i).text());
        }
        int i = 0;
        while (i < tokens.size()) {
            Entry<V> best = null;
            List<Entry<V>> candidates = byFirstToken.get(folded[i]);
            if (candidates != null) {
                for (Entry<V> e : candidates) {
                    if ((best == null || e.tokens().length > best.tokens().length) && matchesAt(e, tokens, folded, i)) {
                        best = e;
                    }
                }
            }
            if (best != null) {
                out.add(new Match<>(best.value(), i, i + best.tokens().length));
                i += best.tokens().length;
            } else {
                i++;
            }
        }
        return out;
    }

    private static <V> boolean matchesAt(Entry<V> e, List<Span> tokens, String[] folded, int i) {
        String[] w = e.tokens();
        if (i + w.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < w.length; k++) {
            String actual = e.caseSensitive() ? tokens.get(i + k).text() : folded[i + k];
            if (!actual.equals(w[k])) {
                return false;
            }
        }
        return true;
    }
}
