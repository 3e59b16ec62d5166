package fr.vigie.routes.documents.nlp;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * BDPM drugs ("spécialités", CIS codes) and the names a prescription uses for them: the product name of the BDPM
 * denomination (before its strength: "DOLIPRANE" of "DOLIPRANE 1000 mg, comprimé") and the active substances of the
 * compositions file ("PARACÉTAMOL"). Source: the built-in extract ({@code nlp/bdpm/}) or configured BDPM CSV files.
 * BDPM is published by ANSM under the Licence Ouverte (Etalab): "Base de données publique des médicaments".
 */
final class BdpmDictionary {

    /** One spécialité. */
    record Drug(String cis, String denomination, String form, String routes, boolean marketed, String strengthMg) {}

    /** What a name maps to: the spécialités it may designate, and whether it is a substance (not a product) name. */
    record Name(String name, List<Drug> drugs, boolean substance) {}

    private static final Pattern PRODUCT = Pattern.compile("^(.+?)(?=\\s+\\d|,|\\s+\\(|$)");
    private static final Pattern STRENGTH = Pattern.compile(
            "(\\d+(?:[.,]\\d+)?)\\s*(mg|g|microgrammes|µg|ui|u\\.i\\.|%)(?![a-z])", Pattern.CASE_INSENSITIVE);

    private final Map<String, Drug> byCis = new LinkedHashMap<>();
    private final TermMatcher<Name> matcher = new TermMatcher<>();
    private final String source;

    BdpmDictionary(Path specialites, Path compositions) {
        try {
            Map<String, List<Drug>> byProduct = new LinkedHashMap<>();
            try (Reader r = specialites == null
                    ? resource("nlp/bdpm/bdpm-specialites-subset.csv")
                    : Files.newBufferedReader(specialites, StandardCharsets.UTF_8)) {
                for (CSVRecord rec : csv(r)) {
                    String denomination = rec.get("denomination").trim();
                    Drug d = new Drug(
                            rec.get("cis"),
                            denomination,
                            rec.get("forme_pharmaceutique").trim(),
                            rec.get("voies_administration").trim(),
                            rec.get("etat_commercialisation").startsWith("Commercialis"),
                            strengthMg(denomination));
                    byCis.put(d.cis(), d);
                    Matcher m = PRODUCT.matcher(denomination);
                    if (m.find()) {
                        byProduct
                                .computeIfAbsent(m.group(1).trim().toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                                .add(d);
                    }
                }
            }
            byProduct.forEach((name, drugs) -> matcher.add(name, false, new Name(name, List.copyOf(drugs), false)));
            Map<String, List<Drug>> bySubstance = new LinkedHashMap<>();
            Reader comp = compositions != null
                    ? Files.newBufferedReader(compositions, StandardCharsets.UTF_8)
                    : specialites == null ? resource("nlp/bdpm/bdpm-compositions-subset.csv") : null;
            if (comp != null) {
                try (comp) {
                    for (CSVRecord rec : csv(comp)) {
                        Drug d = byCis.get(rec.get("cis"));
                        if (d == null || !"SA".equals(rec.get("nature_composant"))) {
                            continue;
                        }
                        String substance = rec.get("denomination_substance")
                                .replaceAll("\\(.*?\\)", "")
                                .trim()
                                .toUpperCase(Locale.ROOT);
                        List<Drug> list = bySubstance.computeIfAbsent(substance, k -> new ArrayList<>());
                        if (!list.contains(d)) {
                            list.add(d);
                        }
                    }
                }
            }
            bySubstance.forEach((name, drugs) -> matcher.add(name, false, new Name(name, List.copyOf(drugs), true)));
            // generics are named "<SUBSTANCE> <LAB> strength": their first word names the whole family
            Map<String, List<Drug>> families = new LinkedHashMap<>();
            byProduct.forEach((name, drugs) -> {
                int sp = name.indexOf(' ');
                if (sp > 3) {
                    families.computeIfAbsent(name.substring(0, sp), k -> new ArrayList<>())
                            .addAll(drugs);
                }
            });
            families.forEach((name, drugs) -> matcher.add(name, false, new Name(name, List.copyOf(drugs), true)));
            source = (specialites == null ? "BDPM built-in extract" : "BDPM " + specialites.getFileName()) + " ("
                    + byCis.size() + " spécialités, " + bySubstance.size() + " substances)";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BDPM dictionary: " + e.getMessage(), e);
        }
    }

    private static Iterable<CSVRecord> csv(Reader r) throws IOException {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(r);
    }

    private static Reader resource(String name) {
        return new InputStreamReader(NlpResources.open(name), StandardCharsets.UTF_8);
    }

    /** The first strength of a denomination in mg ("1 g" = "1000"), or null. */
    static String strengthMg(String denomination) {
        Matcher m = STRENGTH.matcher(denomination.replaceAll("(\\d) (\\d{3})\\b", "$1$2"));
        if (!m.find()) {
            return null;
        }
        return toMg(m.group(1), m.group(2));
    }

    static String toMg(String value, String unit) {
        java.math.BigDecimal v = new java.math.BigDecimal(value.replace(',', '.'));
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("g")) {
            v = v.multiply(java.math.BigDecimal.valueOf(1000));
        } else if (u.equals("µg") || u.startsWith("micro")) {
            v = v.divide(java.math.BigDecimal.valueOf(1000));
        } else if (u.startsWith("u")) {
            return v.stripTrailingZeros().toPlainString() + " ui";
        } else if (!u.equals("mg")) {
            return value.replace(',', '.') + " " + u;
        }
        return v.stripTrailingZeros().toPlainString();
    }

    Drug drug(String cis) {
        return byCis.get(cis);
    }

    List<TermMatcher.Match<Name>> find(List<Span> tokens) {
        return matcher.find(tokens);
    }

    int size() {
        return byCis.size();
    }

    String source() {
        return source;
    }
}
