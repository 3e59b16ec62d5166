package fr.vigie.routes.documents.nlp;

import java.text.Normalizer;

/**
 * Lower-cases and strips diacritics char by char, so the result has exactly the length of the input and offsets found
 * in it are offsets in the original text ("Fièvre à 39" → "fievre a 39"). Ligatures stay one char ("œ").
 */
final class TextNormalizer {

    private TextNormalizer() {}

    static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fold(text.charAt(i));
        }
        return new String(out);
    }

    static char fold(char c) {
        if (c < 128) {
            return Character.toLowerCase(c);
        }
        if (c == '\u00a0' || c == '\u202f') {
            return ' ';
        }
        if (c == '\u2019') {
            return '\'';
        }
        String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        return Character.toLowerCase(d.charAt(0));
    }
}
