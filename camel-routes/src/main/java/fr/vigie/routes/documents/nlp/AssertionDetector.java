package fr.vigie.routes.documents.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assertion status of a mention from its sentence and section, in the manner of NegEx / ConText (Chapman et al.) with
 * French triggers. Negation and hypothesis triggers apply forward from the trigger to the end of the sentence or a
 * scope breaker ("mais", "cependant", ";"), or backward for post-triggers ("fièvre : absente", "pneumopathie ?").
 * History and family history come from triggers in the sentence before the mention or from the section
 * ("Antécédents :", "ATCD familiaux :"). Precedence: negated, then family history, hypothetical, history. Works on the
 * folded text ({@link TextNormalizer}), thread-safe.
 */
final class AssertionDetector {

    private static final Pattern NEG_PRE = Pattern.compile(
            "\\b(pas d[e']|pas non plus d[e']|absence d[e']|aucune?|sans|ni|non|jamais|ne present\\w* pas|n'a pas"
                    + "|n'est pas|ne retrouve pas|pas de notion d[e']|negati\\w* (pour|a)|elimin\\w+ (l[ae']|une?)"
                    + "|pas d'argument pour|exclu\\w* (l[ae']|une?)|nie|denie)(?:(?<=')|(?=\\W|$))");

    private static final Pattern NEG_POST = Pattern.compile(
            "^\\s*(?::|=)?\\s*(absente?s?|negati(f|ve|fs|ves)|elimine\\w*|exclue?s?|non retrouvee?s?|ecarte\\w*)\\b");

    private static final Pattern HYP_PRE = Pattern.compile(
            "\\b(suspicion d[e']|suspect\\w* d[e']|suspect\\w*|evoqu\\w+|evocat\\w+ d[e']|hypothese d[e']|probable"
                    + "|possible|eventuel\\w*|a eliminer|a rechercher|risque d[e']|si|en cas d[e']|doute sur"
                    + "|compatible avec|faisant craindre|crainte d[e']|a surveiller|surveillance d[e']|r/o)(?:(?<=')|(?=\\W|$))"
                    + "|\\?\\s*$");

    private static final Pattern HYP_POST =
            Pattern.compile("^\\s*(\\?|probable|possible|suspecte\\w*|a eliminer|a evoquer|non exclue?)");

    private static final Pattern FAMILY = Pattern.compile(
            "\\b(antecedents? familia\\w*|atcds? familia\\w*|familia\\w*|mere|pere|frere|soeur|sœur|fils|fille"
                    + "|oncle|tante|grand-(pere|mere)|grands-parents|cousine?|parents?)\\b");

    /** A relative named as companion or carer ("amené par ses parents"), not as the subject of a condition. */
    private static final Pattern COMPANION = Pattern.compile(
            "\\b(par|avec|accompagnee? (de|par)) (ses|son|sa|les|la|le) (mere|pere|parents|fils|fille|famille|frere|soeur)\\b");

    private static final Pattern HISTORY = Pattern.compile(
            "\\b(antecedents?|atcds?|aux atcd|histoire d[e']|connue? pour|suivie? pour|operee? d[e']|opere d[e']"
                    + "|traitement habituel|traitements habituels|ancienne?|dans l'enfance|il y a \\d+ ans)\\b");

    private static final Pattern BREAK =
            Pattern.compile("\\b(mais|cependant|toutefois|neanmoins|par contre|or)\\b|[;]");

    /** A section header at a line start, e.g. "Antécédents :", "ATCD familiaux :", "Examen clinique :". */
    private static final Pattern HEADER =
            Pattern.compile("(?m)^\\s*([a-z][a-z' /-]{2,40}?)\\s*:", Pattern.CASE_INSENSITIVE);

    private record Section(int begin, Assertion assertion) {}

    private final String folded;
    private final List<Section> sections = new ArrayList<>();

    /** Prepares the detector for one text. */
    AssertionDetector(String text) {
        this.folded = TextNormalizer.fold(text);
        Matcher m = HEADER.matcher(folded);
        while (m.find()) {
            String h = m.group(1).trim();
            Assertion a;
            if (FAMILY.matcher(h).find() && h.contains("ant") || h.contains("familia")) {
                a = Assertion.FAMILY_HISTORY;
            } else if (h.startsWith("antecedent")
                    || h.startsWith("atcd")
                    || h.startsWith("traitement habituel")
                    || h.startsWith("traitements habituels")) {
                a = Assertion.HISTORY;
            } else if (h.split("\\s+").length <= 4) {
                a = Assertion.PRESENT;
            } else {
                continue;
            }
            sections.add(new Section(m.start(1), a));
        }
    }

    /** The assertion of the mention {@code [begin, end)} in the sentence {@code sentence}. */
    Assertion classify(Span sentence, int begin, int end) {
        int sb = sentence.offset();
        int se = sentence.end();
        String before = folded.substring(clauseStart(sb, begin), begin);
        String after = folded.substring(end, clauseEnd(end, se));
        if (NEG_PRE.matcher(before).find() || NEG_POST.matcher(after).find()) {
            return Assertion.NEGATED;
        }
        String sentenceBefore = folded.substring(sb, begin);
        Assertion section = sectionAt(begin);
        if (FAMILY.matcher(COMPANION.matcher(sentenceBefore).replaceAll(" ")).find()
                || section == Assertion.FAMILY_HISTORY) {
            return Assertion.FAMILY_HISTORY;
        }
        if (HYP_PRE.matcher(before).find() || HYP_POST.matcher(after).find()) {
            return Assertion.HYPOTHETICAL;
        }
        if (HISTORY.matcher(sentenceBefore).find() || section == Assertion.HISTORY) {
            return Assertion.HISTORY;
        }
        return Assertion.PRESENT;
    }

    /** Start of the clause holding {@code begin}: after the last scope breaker of the sentence before it. */
    private int clauseStart(int sentenceBegin, int begin) {
        Matcher m = BREAK.matcher(folded).region(sentenceBegin, begin);
        int start = sentenceBegin;
        while (m.find()) {
            start = m.end();
        }
        return start;
    }

    private int clauseEnd(int end, int sentenceEnd) {
        Matcher m = BREAK.matcher(folded).region(end, sentenceEnd);
        return m.find() ? m.start() : sentenceEnd;
    }

    private Assertion sectionAt(int offset) {
        Assertion a = Assertion.PRESENT;
        for (Section s : sections) {
            if (s.begin() > offset) {
                break;
            }
            a = s.assertion();
        }
        return a;
    }
}
