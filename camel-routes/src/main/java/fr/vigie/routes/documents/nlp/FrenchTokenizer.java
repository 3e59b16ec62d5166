package fr.vigie.routes.documents.nlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Rule-based French tokenizer (no French tokenizer model is published for OpenNLP): a token is a word (a letter
 * followed by letters or digits: {@code SpO2}), a number with its decimal part ({@code 38,5}, {@code 0.5}), a letter run with its elided apostrophe ({@code l'}, {@code d'},
 * {@code qu'}), or any other single non-space character ({@code /}, {@code °}, {@code %}, {@code -}, {@code (}).
 * Hyphens and slashes are tokens of their own, so "anti-inflammatoire" is three tokens "120/80" three and "10mg" two: QUAERO
 * annotations often start or end at such a boundary, and the vital-sign rules read numbers one by one. Offsets are kept
 * exactly; the same tokenizer serves NER training and analysis. Stateless and thread-safe.
 */
final class FrenchTokenizer {

    private FrenchTokenizer() {}

    /** Token spans of {@code text[begin, end)}, offsets relative to {@code text}. */
    static List<Span> tokenize(String text, int begin, int end) {
        List<Span> out = new ArrayList<>();
        int i = begin;
        while (i < end) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                i++;
                continue;
            }
            int start = i;
            if (Character.isDigit(c)) {
                i = scanNumber(text, i, end);
            } else if (Character.isLetter(c)) {
                while (i < end && isWordChar(text.charAt(i))) {
                    i++;
                }
                if (i < end && isApostrophe(text.charAt(i)) && i + 1 < end && Character.isLetter(text.charAt(i + 1))) {
                    i++;
                }
            } else {
                i++;
            }
            out.add(Span.of(text, start, i));
        }
        return out;
    }

    /** Token spans of the whole text. */
    static List<Span> tokenize(String text) {
        return tokenize(text, 0, text.length());
    }

    private static int scanNumber(String text, int i, int end) {
        while (i < end && Character.isDigit(text.charAt(i))) {
            i++;
        }
        // decimal part: "38,5", "0.5" (a separator followed by a digit)
        if (i + 1 < end && (text.charAt(i) == ',' || text.charAt(i) == '.') && Character.isDigit(text.charAt(i + 1))) {
            i++;
            while (i < end && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }
}
