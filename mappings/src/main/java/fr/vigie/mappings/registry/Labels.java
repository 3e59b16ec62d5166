package fr.vigie.mappings.registry;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Normalises registry labels so that spellings typed by different people compare equal: case, accents, punctuation
 * and abbreviations are ignored. {@code "Prim. Héli62"}, {@code "PRIM HELI62"} and {@code "primaire héli 62"} all
 * become {@code primaire heli62}.
 *
 * <p>Steps: Unicode NFD with combining marks removed ({@code é → e}, {@code œ → oe}); lower case; {@code %} becomes
 * the word {@code pourcent}, {@code +} the word {@code plus}; every other non-letter, non-digit character separates
 * words; each word is then replaced by its expansion from the spec's abbreviation table ({@code prim → primaire}),
 * one word for one word, so a position in the normalised label is a position in the label as written; finally a
 * word of letters directly followed by a word of digits is joined ({@code heli 62 → heli62}), so aircraft names
 * compare whatever their spacing.
 */
public final class Labels {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Map<String, String> abbreviations;

    /** @param abbreviations normalised word → normalised expansion (one word) */
    public Labels(Map<String, String> abbreviations) {
        this.abbreviations = Map.copyOf(abbreviations);
    }

    /** The label's words as written (punctuation dropped), before normalisation. */
    public static List<String> words(String label) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String text = label == null ? "" : label;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '%' || cp == '+') {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK) {
                word.appendCodePoint(cp);
            } else {
                flush(word, words);
            }
        }
        flush(word, words);
        return joinDigits(words);
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    // "Héli 62" and "Héli62" name the same aircraft
    private static List<String> joinDigits(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            if (!out.isEmpty()
                    && word.chars().allMatch(Character::isDigit)
                    && out.get(out.size() - 1).chars().allMatch(Character::isLetter)
                    && out.get(out.size() - 1).length() > 1) {
                out.set(out.size() - 1, out.get(out.size() - 1) + word);
            } else {
                out.add(word);
            }
        }
        return out;
    }

    /** One word without accents, lower case, unabbreviated. */
    public String word(String word) {
        String plain = plain(word);
        return switch (plain) {
            case "%" -> "pourcent";
            case "+" -> "plus";
            default -> abbreviations.getOrDefault(plain, plain);
        };
    }

    /** Lower case, no accents; ligatures opened. */
    public static String plain(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed)
                .replaceAll("")
                .replace("œ", "oe")
                .replace("Œ", "oe")
                .replace("æ", "ae")
                .replace("Æ", "ae")
                .toLowerCase(Locale.ROOT);
    }

    /** The normalised words of a label. */
    public List<String> normalisedWords(String label) {
        return words(label).stream().map(this::word).toList();
    }

    /** The normalised label: its normalised words joined by single spaces. */
    public String normalise(String label) {
        return String.join(" ", normalisedWords(label));
    }
}
