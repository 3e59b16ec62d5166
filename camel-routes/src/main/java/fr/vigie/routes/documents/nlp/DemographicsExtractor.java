package fr.vigie.routes.documents.nlp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Age, sex, arrival mode and chief complaint, by rules on the folded text ({@link TextNormalizer}). The first
 * statement of each wins (documents introduce the patient first); a durations such as "depuis 3 jours" or "il y a 10
 * ans" is not an age.
 */
final class DemographicsExtractor {

    private static final Pattern AGE = Pattern.compile("(?<![\\d,.])(\\d{1,3})\\s*(ans|an|mois|semaines|jours|j)\\b");
    private static final Pattern AGE_LABEL = Pattern.compile("\\bage\\s*:\\s*(\\d{1,3})\\b(\\s*(ans|mois))?");
    /** Words right before a number that make it a duration, not an age. */
    private static final Pattern DURATION_CUE = Pattern.compile(
            "(depuis|il y a|y a|pendant|durant|dans|pour|apres|avant|en|de plus de|de moins de|tous les|toutes les|sur|des"
                    + "|a|j|de)\\s*$");

    private static final Pattern AGE_CUE = Pattern.compile("(agee?|patiente?|homme|femme|enfant|nourrisson|bebe|garcon"
            + "|fille|monsieur|madame|mme|m\\.|mr|nouveau-ne|adolescente?|jeune|vieille|vieux|ne)\\W{0,3}(de\\s+)?$");

    private static final Pattern SEX_LABEL = Pattern.compile("\\bsexe\\s*:?\\s*(masculin|feminin|m|f|h)\\b");
    private static final Pattern SEX_TITLE =
            Pattern.compile("(?<![a-z])(madame|mme|mademoiselle|mlle|monsieur|m\\.|mr)(?=\\s)");
    private static final Pattern SEX_NOUN = Pattern.compile(
            "\\b(patiente|femme|fille|fillette|jeune femme|parturiente|patient|homme|garcon|jeune homme|agee|age)\\b");

    private record Mode(String code, String display, Pattern pattern) {}

    /** In priority order: the most specific transport wins when several are named ("pompiers puis SMUR"). */
    private static final List<Mode> MODES = List.of(
            new Mode(
                    "helicopter",
                    "Helicopter",
                    Pattern.compile("\\b(helicoptere|helismur|helico|heliporte\\w*|dragon \\d+)\\b")),
            new Mode("smur", "SMUR (mobile emergency and resuscitation unit)", Pattern.compile("\\b(smur|samu)\\b")),
            new Mode(
                    "public-ambulance",
                    "Public ambulance (fire and rescue service)",
                    Pattern.compile("\\b(pompiers|sapeurs-pompiers|vsav|bspp|bmpm|sdis)\\b")),
            new Mode(
                    "private-ambulance",
                    "Private ambulance",
                    Pattern.compile("\\b(ambulance(?: privee)?|ambulanciers?|vsl)\\b")),
            new Mode("police", "Police", Pattern.compile("\\b(police|gendarmerie|gendarmes|forces de l'ordre)\\b")),
            new Mode(
                    "private-vehicle",
                    "Private vehicle",
                    Pattern.compile(
                            "\\b(moyens personnels|propres moyens|vehicule (personnel|particulier)|en voiture"
                                    + "|par sa famille|par son (fils|mari|epoux|conjoint)|par sa (fille|femme|epouse|conjointe))\\b")),
            new Mode("walk-in", "Walk-in", Pattern.compile("\\b(a pied|seule? a pied)\\b")));

    private static final Pattern COMPLAINT =
            Pattern.compile("\\b(?:motif(?: de (?:consultation|recours|venue|admission|hospitalisation|l'appel))?\\s*:"
                    + "|(?:consulte|adressee?|amenee?|admise?|vient|venue?|se presente|hospitalisee?|transferee?|intervention"
                    + "|appel|transportee?|arrivee?|evacuee?)\\b[^.\\n:;]{0,50}?\\bpour)"
                    + "\\s*([^\\n.;]{3,120})");

    /** Last resort: grammatical agreement of a participle about the patient ("amenée", "adressé"). */
    private static final Pattern SEX_AGREEMENT =
            Pattern.compile("\\b(amenee?|adressee?|admise?|venue?|transferee?|hospitalisee?|connue?|suivie?)\\b");

    private DemographicsExtractor() {}

    static Demographics extract(String text, String folded) {
        return new Demographics(age(text, folded), sex(text, folded), arrival(text, folded), complaint(text, folded));
    }

    static Demographics.Age age(String text, String folded) {
        Matcher l = AGE_LABEL.matcher(folded);
        if (l.find()) {
            String unit = "mois".equals(l.group(3)) ? "mo" : "a";
            int end = l.group(2) == null ? l.end(1) : l.end(2);
            return new Demographics.Age(Integer.parseInt(l.group(1)), unit, Span.of(text, l.start(), end));
        }
        Matcher m = AGE.matcher(folded);
        while (m.find()) {
            String before = folded.substring(Math.max(0, m.start() - 40), m.start());
            boolean cue = AGE_CUE.matcher(before).find();
            String unit = m.group(2);
            boolean years = unit.startsWith("an");
            if (!cue && (!years || DURATION_CUE.matcher(before).find())) {
                continue;
            }
            int value = Integer.parseInt(m.group(1));
            if (years && value > 120) {
                continue;
            }
            String ucum = years ? "a" : unit.equals("mois") ? "mo" : unit.startsWith("sem") ? "wk" : "d";
            return new Demographics.Age(value, ucum, Span.of(text, m.start(), m.end()));
        }
        return null;
    }

    static Demographics.Sex sex(String text, String folded) {
        Matcher m = SEX_LABEL.matcher(folded);
        if (m.find()) {
            String v = m.group(1);
            String code = v.startsWith("f") ? "female" : "male";
            return new Demographics.Sex(code, Span.of(text, m.start(), m.end()));
        }
        for (Pattern p : List.of(SEX_TITLE, SEX_NOUN)) {
            Matcher t = p.matcher(folded);
            if (t.find()) {
                String w = t.group(1);
                boolean female = w.startsWith("mad")
                        || w.startsWith("mme")
                        || w.startsWith("mlle")
                        || w.equals("patiente")
                        || w.contains("femme")
                        || w.startsWith("fille")
                        || w.equals("parturiente")
                        || w.equals("agee");
                return new Demographics.Sex(female ? "female" : "male", Span.of(text, t.start(1), t.end(1)));
            }
        }
        Matcher a = SEX_AGREEMENT.matcher(folded);
        if (a.find()) {
            String w = a.group(1);
            boolean female = w.endsWith("ee")
                    || w.equals("admise")
                    || w.equals("venue")
                    || w.equals("connue")
                    || w.equals("suivie");
            return new Demographics.Sex(female ? "female" : "male", Span.of(text, a.start(1), a.end(1)));
        }
        return null;
    }

    static Demographics.ArrivalMode arrival(String text, String folded) {
        for (Mode mode : MODES) {
            Matcher m = mode.pattern().matcher(folded);
            if (m.find()) {
                return new Demographics.ArrivalMode(mode.code(), mode.display(), Span.of(text, m.start(), m.end()));
            }
        }
        return null;
    }

    static Demographics.ChiefComplaint complaint(String text, String folded) {
        Matcher m = COMPLAINT.matcher(folded);
        if (!m.find()) {
            return null;
        }
        int b = m.start(1);
        int e = m.end(1);
        while (e > b && (Character.isWhitespace(text.charAt(e - 1)) || text.charAt(e - 1) == ',')) {
            e--;
        }
        Span span = Span.of(text, b, e);
        return new Demographics.ChiefComplaint(span.text(), span);
    }
}
