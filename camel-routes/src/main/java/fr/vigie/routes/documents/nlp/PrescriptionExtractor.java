package fr.vigie.routes.documents.nlp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prescription lines: a BDPM drug name ({@link BdpmDictionary}) starts a line item that runs to the end of its
 * sentence or to the next drug; in it the rules read the dose per intake, the route, the frequency and the duration.
 * The CIS code is the spécialité of that name whose strength and form agree with the line ("DOLIPRANE 1000 mg
 * comprimé"), marketed ones first; a substance name ("paracétamol 1 g") designates many generics, so it gets a CIS code
 * only when a single spécialité fits. A route not written in the line is taken from BDPM when the spécialité has only
 * one (its span is then the drug name).
 */
final class PrescriptionExtractor {

    private record RouteDef(Pattern pattern, String snomed, String display, String bdpm) {}

    private static final List<RouteDef> ROUTES = List.of(
            route(
                    "per os|p\\.o\\.|(?-i:PO)|voie orale|par voie orale|par la bouche|orale?",
                    "26643006",
                    "Oral route",
                    "orale"),
            route(
                    "(?-i:IVD|IVL|IV)|i\\.v\\.|intraveineuse|intraveineux|en intra-veineuse|voie veineuse",
                    "47625008",
                    "Intravenous route",
                    "intraveineuse"),
            route(
                    "(?-i:SC)|s\\.c\\.|sous-cutanee|sous cutanee|sous-cutane",
                    "34206005",
                    "Subcutaneous route",
                    "sous-cutanée"),
            route("(?-i:IM)|i\\.m\\.|intramusculaire", "78421000", "Intramuscular route", "intramusculaire"),
            route(
                    "inhalee?|inhalation|en inhalation|aerosols?|nebulisations?|en nebulisation",
                    "447694001",
                    "Respiratory tract route",
                    "inhalée"),
            route("sublinguale|sous la langue", "37839007", "Sublingual route", "sublinguale"),
            route("rectale|intrarectale|intra-rectale", "37161004", "Rectal route", "rectale"),
            route("transdermique", "45890007", "Transdermal route", "transdermique"),
            route("cutanee|application locale|en application", "6064005", "Topical route", "cutanée"),
            route("nasale|intranasale", "46713006", "Nasal route", "nasale"),
            route("ophtalmique|oculaire|dans l'oeil|dans les yeux", "54485002", "Ophthalmic route", "ophtalmique"));

    private static final Map<String, RouteDef> BDPM_ROUTES = Map.of(
            "orale", ROUTES.get(0),
            "intraveineuse", ROUTES.get(1),
            "sous-cutanée", ROUTES.get(2),
            "intramusculaire", ROUTES.get(3),
            "inhalée", ROUTES.get(4),
            "sublinguale", ROUTES.get(5),
            "rectale", ROUTES.get(6),
            "transdermique", ROUTES.get(7),
            "cutanée", ROUTES.get(8),
            "nasale", ROUTES.get(9));

    private static final String AMOUNT = "(\\d+(?:[.,]\\d+)?|1/2|½|une?|deux|trois|quatre|demi)";
    /** Amounts before a countable unit; a lone "I" or "l" is the OCR reading of "1" ("I injection"). */
    private static final Pattern COUNT_DOSE = Pattern.compile("(?<![\\w/])(" + AMOUNT.substring(1, AMOUNT.length() - 1)
            + "|i|l)"
            + "\\s*(cp|cps|comprimes?|gel(?:ule)?s?|sachets?|bouffees?|gouttes?|ampoules?|suppositoires?|doses?"
            + "|pulverisations?|patchs?|injections?|cuilleres?(?: a (?:cafe|soupe))?|unites|ui|u\\.i\\.)\\b");

    private static final Pattern MASS_DOSE =
            Pattern.compile("(?<![\\w/])(\\d+(?:[.,]\\d+)?)\\s*(mg|g|µg|mcg|microgrammes|ml)\\b(?!\\s*/)");
    private static final Pattern STRENGTH =
            Pattern.compile("^\\W{0,3}(\\d+(?:[ .,]\\d+)?)\\s*(mg|g|µg|mcg|microgrammes|ui|u\\.i\\.)(?![a-z])");

    private static final Pattern FREQ_TIMES = Pattern.compile(
            "(?<!\\w)(\\d+|une|deux|trois|quatre)\\s*(?:fois|x)\\s*(?:par|/)\\s*(jour|j|24\\s*h|semaine|sem|mois)\\b"
                    + "|(?<!\\w)x\\s*(\\d+)\\s*/\\s*(j|jour)\\b|(?<![\\w/])(\\d)\\s*/\\s*(j|jour)\\b");
    private static final Pattern FREQ_EVERY =
            Pattern.compile("(?:toutes les|/)\\s*(\\d+)\\s*(h|heures?|min|minutes?)\\b");
    private static final Pattern FREQ_MOMENTS = Pattern.compile(
            "\\b(matin,? midi et soir|matin midi soir|matin et soir|matin, midi, soir|le matin|le soir|au coucher"
                    + "|le midi|une fois par jour|par jour|/\\s*jour)\\b");
    private static final Pattern AS_NEEDED = Pattern.compile(
            "\\b(si besoin|si douleurs?|si fievre|en cas de (?:douleurs?|fievre|crise|besoin)|si necessaire"
                    + "|a la demande|si nausees?|si crise|si insomnie)\\b");
    private static final Pattern DURATION = Pattern.compile(
            "\\b(?:pendant|durant|pour|sur|x)\\s+(\\d+|une?|deux|trois|quatre|cinq|six|sept|huit|dix|quinze)\\s*"
                    + "(jours?|j|semaines?|sem|mois)\\b|\\b(\\d+)\\s*(jours|semaines|mois)\\b");
    private static final Pattern STOP = Pattern.compile(
            "\\b(arret d[eu']|arreter|stopper|suspendre|suspension d[eu']|ne pas prendre|ne plus prendre|contre-indique)"
                    + "\\s*(?:l[ae']\\s*|les\\s*)?$");

    private PrescriptionExtractor() {}

    private static RouteDef route(String regex, String snomed, String display, String bdpm) {
        return new RouteDef(
                Pattern.compile("(?<![\\w-])(?:" + regex + ")(?![\\w-])", Pattern.CASE_INSENSITIVE),
                snomed,
                display,
                bdpm);
    }

    static List<Prescription> extract(
            String text, String folded, List<Span> sentences, BdpmDictionary bdpm, AssertionDetector context) {
        List<Prescription> out = new ArrayList<>();
        for (Span sentence : sentences) {
            List<Span> tokens = FrenchTokenizer.tokenize(text, sentence.offset(), sentence.end());
            List<TermMatcher.Match<BdpmDictionary.Name>> drugs = bdpm.find(tokens);
            for (int k = 0; k < drugs.size(); k++) {
                TermMatcher.Match<BdpmDictionary.Name> d = drugs.get(k);
                int nameBegin = tokens.get(d.begin()).offset();
                int nameEnd = tokens.get(d.end() - 1).end();
                int lineEnd = k + 1 < drugs.size()
                        ? tokens.get(drugs.get(k + 1).begin()).offset()
                        : sentence.end();
                while (lineEnd > nameEnd && " ,;+-".indexOf(text.charAt(lineEnd - 1)) >= 0) {
                    lineEnd--;
                }
                out.add(line(text, folded, sentence, d.value(), nameBegin, nameEnd, lineEnd, context));
            }
        }
        return out;
    }

    private static Prescription line(
            String text,
            String folded,
            Span sentence,
            BdpmDictionary.Name name,
            int nameBegin,
            int nameEnd,
            int lineEnd,
            AssertionDetector context) {
        String rest = folded.substring(nameEnd, lineEnd);
        // strength written right after the name ("1000 mg", "4000 UI"): it picks the spécialité
        Matcher strength = STRENGTH.matcher(rest);
        String strengthMg = null;
        int strengthEnd = 0;
        if (strength.find()) {
            strengthEnd = strength.end();
            strengthMg = BdpmDictionary.toMg(
                    strength.group(1).replace(" ", ""),
                    strength.group(2).replace("mcg", "µg").replace("u.i.", "ui"));
        }
        Prescription.Dose dose = dose(text, folded.substring(nameEnd + strengthEnd, lineEnd), nameEnd + strengthEnd);
        if (dose == null && strengthMg != null) {
            // "Amlodipine 5 mg le soir": the strength is the amount taken
            dose = dose(text, rest.substring(0, strengthEnd), nameEnd);
        }
        Prescription.Route stated = statedRoute(text, nameEnd, lineEnd);
        Prescription.Route route = stated != null ? stated : formRoute(text, dose);
        BdpmDictionary.Drug drug = choose(name, strengthMg, rest, route == null ? null : route.bdpmLabel());
        if (route == null) {
            route = bdpmRoute(text, drug, name, nameBegin, nameEnd);
        }
        Prescription.Frequency frequency = frequency(text, folded, nameEnd, lineEnd);
        Prescription.Duration duration = duration(text, folded, nameEnd, lineEnd);
        Assertion a =
                STOP.matcher(folded.substring(sentence.offset(), nameBegin)).find()
                        ? Assertion.NEGATED
                        : context.classify(sentence, nameBegin, nameEnd);
        if (a == Assertion.NEGATED && stated == null) {
            // "arrêt du Kardegic": a stop order says nothing of the route
            route = null;
        }
        String drugName = drug != null ? drug.denomination() : name.name();
        return new Prescription(
                drug == null ? null : drug.cis(),
                drugName,
                Span.of(text, nameBegin, nameEnd),
                dose,
                route,
                frequency,
                duration,
                Span.of(text, nameBegin, lineEnd),
                a);
    }

    /** The spécialité the line designates, or null when several fit equally (a substance name, no strength). */
    static BdpmDictionary.Drug choose(BdpmDictionary.Name name, String strengthMg, String rest, String route) {
        List<BdpmDictionary.Drug> fit = new ArrayList<>(name.drugs());
        if (route != null) {
            List<BdpmDictionary.Drug> r =
                    fit.stream().filter(d -> d.routes().contains(route)).toList();
            if (!r.isEmpty()) {
                fit = new ArrayList<>(r);
            }
        }
        if (strengthMg != null) {
            List<BdpmDictionary.Drug> s =
                    fit.stream().filter(d -> strengthMg.equals(d.strengthMg())).toList();
            if (!s.isEmpty()) {
                fit = new ArrayList<>(s);
            }
        }
        String form = formWord(rest);
        if (form != null) {
            List<BdpmDictionary.Drug> f = fit.stream()
                    .filter(d -> TextNormalizer.fold(d.form()).startsWith(form))
                    .toList();
            if (!f.isEmpty()) {
                fit = new ArrayList<>(f);
            }
        }
        List<BdpmDictionary.Drug> marketed =
                fit.stream().filter(BdpmDictionary.Drug::marketed).toList();
        if (!marketed.isEmpty()) {
            fit = new ArrayList<>(marketed);
        }
        if (fit.size() == 1) {
            return fit.get(0);
        }
        if (name.substance() || fit.isEmpty()) {
            return null;
        }
        // a product name: its plainest form (the one shortest denomination) among those that fit; when several
        // spécialités share it (parallel imports), the text does not say which: no CIS
        int shortest =
                fit.stream().mapToInt(d -> d.denomination().length()).min().orElseThrow();
        List<BdpmDictionary.Drug> plain =
                fit.stream().filter(d -> d.denomination().length() == shortest).toList();
        return plain.size() == 1 ? plain.get(0) : null;
    }

    private static String formWord(String rest) {
        Matcher m = Pattern.compile(
                        "\\b(comprime|gelule|sachet|suppositoire|solution injectable|injectable|injection|sirop|solution buvable"
                                + "|suspension buvable|poudre|creme|pommade|collyre|gel|patch|suspension pour inhalation)")
                .matcher(rest);
        if (!m.find()) {
            return null;
        }
        String w = m.group(1);
        return switch (w) {
            case "injectable", "injection" -> "solution injectable";
            default -> w;
        };
    }

    private static Prescription.Dose dose(String text, String rest, int offset) {
        Matcher c = COUNT_DOSE.matcher(rest);
        if (c.find()) {
            String unit = countUnit(c.group(2));
            return new Prescription.Dose(amount(c.group(1)), unit, Span.of(text, offset + c.start(), offset + c.end()));
        }
        Matcher m = MASS_DOSE.matcher(rest);
        if (m.find()) {
            String u = m.group(2);
            String ucum =
                    switch (u) {
                        case "µg", "mcg", "microgrammes" -> "ug";
                        case "ml" -> "mL";
                        default -> u;
                    };
            return new Prescription.Dose(amount(m.group(1)), ucum, Span.of(text, offset + m.start(), offset + m.end()));
        }
        return null;
    }

    private static String countUnit(String w) {
        if (w.startsWith("cp") || w.startsWith("compr")) {
            return "{comprimé}";
        }
        if (w.startsWith("gel")) {
            return "{gélule}";
        }
        if (w.startsWith("ui") || w.startsWith("u.i") || w.startsWith("unite")) {
            return "[iU]";
        }
        if (w.startsWith("cuiller")) {
            return w.contains("soupe") ? "{cuillère à soupe}" : "{cuillère à café}";
        }
        String singular = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
        return switch (singular) {
            case "bouffee" -> "{bouffée}";
            case "pulverisation" -> "{pulvérisation}";
            default -> "{" + singular + "}";
        };
    }

    static BigDecimal amount(String s) {
        return switch (s) {
            case "un", "une" -> BigDecimal.ONE;
            case "deux" -> BigDecimal.valueOf(2);
            case "trois" -> BigDecimal.valueOf(3);
            case "quatre" -> BigDecimal.valueOf(4);
            case "cinq" -> BigDecimal.valueOf(5);
            case "six" -> BigDecimal.valueOf(6);
            case "sept" -> BigDecimal.valueOf(7);
            case "huit" -> BigDecimal.valueOf(8);
            case "dix" -> BigDecimal.TEN;
            case "quinze" -> BigDecimal.valueOf(15);
            case "demi", "1/2", "½" -> new BigDecimal("0.5");
            case "i", "l" -> BigDecimal.ONE;
            default -> new BigDecimal(s.replace(',', '.')).stripTrailingZeros();
        };
    }

    private static Prescription.Route statedRoute(String text, int from, int to) {
        String line = text.substring(from, to);
        String foldedLine = TextNormalizer.fold(line);
        for (RouteDef r : ROUTES) {
            // case-sensitive abbreviations are checked on the original text, the rest on the folded one
            Matcher m = r.pattern().matcher(foldedLine);
            Matcher orig = r.pattern().matcher(line);
            Matcher hit = orig.find() ? orig : m.find() ? m : null;
            if (hit != null) {
                return new Prescription.Route(
                        r.snomed(), r.display(), r.bdpm(), Span.of(text, from + hit.start(), from + hit.end()));
            }
        }
        return null;
    }

    /** The route a countable oral or inhaled form implies ("1 comprimé", "2 bouffées"), spanning the dose. */
    private static Prescription.Route formRoute(String text, Prescription.Dose dose) {
        if (dose == null) {
            return null;
        }
        RouteDef r =
                switch (dose.unit()) {
                    case "{comprimé}", "{gélule}", "{sachet}", "{cuillère à café}", "{cuillère à soupe}" ->
                        ROUTES.get(0);
                    case "{bouffée}" -> ROUTES.get(4);
                    case "{suppositoire}" -> ROUTES.get(6);
                    default -> null;
                };
        return r == null ? null : new Prescription.Route(r.snomed(), r.display(), r.bdpm(), dose.span());
    }

    /** The route BDPM gives the chosen spécialité, or that all spécialités of the name share; null if several. */
    private static Prescription.Route bdpmRoute(
            String text, BdpmDictionary.Drug drug, BdpmDictionary.Name name, int nameBegin, int nameEnd) {
        java.util.Set<String> routes = new java.util.HashSet<>();
        if (drug != null) {
            routes.add(drug.routes());
        } else {
            name.drugs().stream().filter(BdpmDictionary.Drug::marketed).forEach(d -> routes.add(d.routes()));
        }
        if (routes.size() == 1 && !routes.iterator().next().contains(";")) {
            RouteDef r = BDPM_ROUTES.get(routes.iterator().next());
            if (r != null) {
                return new Prescription.Route(r.snomed(), r.display(), r.bdpm(), Span.of(text, nameBegin, nameEnd));
            }
        }
        return null;
    }

    private static Prescription.Frequency frequency(String text, String folded, int from, int to) {
        String s = folded.substring(from, to);
        boolean asNeeded = false;
        Matcher an = AS_NEEDED.matcher(s);
        int anStart = -1;
        int anEnd = -1;
        if (an.find()) {
            asNeeded = true;
            anStart = an.start();
            anEnd = an.end();
        }
        Matcher t = FREQ_TIMES.matcher(s);
        Matcher e = FREQ_EVERY.matcher(s);
        Matcher m = FREQ_MOMENTS.matcher(s);
        int tAt = t.find() ? t.start() : Integer.MAX_VALUE;
        int eAt = e.find() ? e.start() : Integer.MAX_VALUE;
        int mAt = m.find() ? m.start() : Integer.MAX_VALUE;
        // the first expression of the line is the schedule; a later one is usually a ceiling ("maximum 4 fois par
        // jour")
        if (tAt != Integer.MAX_VALUE && tAt <= eAt && tAt <= mAt) {
            String n = t.group(1) != null ? t.group(1) : t.group(3) != null ? t.group(3) : t.group(5);
            String per = t.group(2) != null ? t.group(2) : t.group(4) != null ? t.group(4) : t.group(6);
            String unit = per.startsWith("sem") ? "wk" : per.startsWith("mois") ? "mo" : "d";
            return new Prescription.Frequency(
                    amount(n).intValue(),
                    BigDecimal.ONE,
                    unit,
                    asNeeded,
                    Span.of(text, from + t.start(), from + t.end()));
        }
        if (eAt != Integer.MAX_VALUE && eAt <= mAt) {
            String unit = e.group(2).startsWith("min") ? "min" : "h";
            return new Prescription.Frequency(
                    1, new BigDecimal(e.group(1)), unit, asNeeded, Span.of(text, from + e.start(), from + e.end()));
        }
        if (mAt != Integer.MAX_VALUE) {
            String w = m.group(1);
            int count = w.contains("midi") && w.contains("soir") && w.contains("matin")
                    ? 3
                    : w.contains("matin") && w.contains("soir") ? 2 : 1;
            return new Prescription.Frequency(
                    count, BigDecimal.ONE, "d", asNeeded, Span.of(text, from + m.start(), from + m.end()));
        }
        if (asNeeded) {
            return new Prescription.Frequency(0, null, null, true, Span.of(text, from + anStart, from + anEnd));
        }
        return null;
    }

    private static Prescription.Duration duration(String text, String folded, int from, int to) {
        Matcher m = DURATION.matcher(folded.substring(from, to));
        while (m.find()) {
            String n = m.group(1) != null ? m.group(1) : m.group(3);
            String u = m.group(2) != null ? m.group(2) : m.group(4);
            String ucum = u.startsWith("sem") ? "wk" : u.startsWith("mois") ? "mo" : "d";
            return new Prescription.Duration(
                    amount(n.toLowerCase(Locale.ROOT)), ucum, Span.of(text, from + m.start(), from + m.end()));
        }
        return null;
    }
}
