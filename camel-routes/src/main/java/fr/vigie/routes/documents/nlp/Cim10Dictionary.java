package fr.vigie.routes.documents.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * CIM-10 FR codes and the terms that name them: the Vigie synonym list ({@code nlp/cim10/cim10-synonyms.tsv}, clinical
 * wording and abbreviations) over a code list, either the built-in extract ({@code nlp/cim10/cim10-subset.csv}) or a
 * configured full list (CSV {@code code,code_atih,libelle,niveau}). With a full list, short labels are terms too
 * ("Asthme", "Coqueluche"), with their ", sans précision" tail and bracketed parts removed, so every common condition
 * named by its CIM-10 label is coded.
 */
final class Cim10Dictionary {

    /** What a term maps to: the code, and whether the term itself is a negation ("apyrétique"). */
    record Term(String code, boolean negated) {}

    private final Map<String, String> labels = new LinkedHashMap<>();
    private final TermMatcher<Term> matcher = new TermMatcher<>();
    private final String source;

    Cim10Dictionary(Path fullList) {
        try {
            if (fullList == null) {
                try (Reader r = reader("nlp/cim10/cim10-subset.csv")) {
                    readCodes(r);
                }
                source = "CIM-10 FR 2025 built-in extract (" + labels.size() + " codes) + Vigie synonyms";
            } else {
                try (Reader r = Files.newBufferedReader(fullList, StandardCharsets.UTF_8)) {
                    readCodes(r);
                }
                source = "CIM-10 FR list " + fullList.getFileName() + " (" + labels.size() + " codes) + Vigie synonyms";
            }
            try (BufferedReader r = reader("nlp/cim10/cim10-synonyms.tsv")) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] c = line.split("\t");
                    if (c.length < 2 || !labels.containsKey(c[0])) {
                        throw new IllegalStateException("cim10-synonyms.tsv line " + n + ": unknown code or bad line");
                    }
                    String flags = c.length > 2 ? c[2] : "";
                    matcher.add(c[1], flags.contains("CS"), new Term(c[0], flags.contains("NEG")));
                }
            }
            if (fullList != null) {
                // "Coqueluche, sans précision" (A37.9) before the category "Coqueluche" (A37): the unspecified code
                // is what a coder uses when the text says no more; then the other labels in file order
                for (boolean unspecified : new boolean[] {true, false}) {
                    labels.forEach((code, label) -> {
                        if (label.endsWith(", sans précision") != unspecified) {
                            return;
                        }
                        String term = label.replaceAll("\\[.*?]|\\(.*?\\)", "")
                                .replaceAll(",\\s*sans précision$", "")
                                .trim();
                        if (!term.contains(",") && term.split("\\s+").length <= 6 && term.length() > 3) {
                            matcher.add(term, false, new Term(code, false));
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CIM-10 dictionary: " + e.getMessage(), e);
        }
    }

    private void readCodes(Reader r) throws IOException {
        for (CSVRecord rec : CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(r)) {
            String code = rec.get("code");
            String label = rec.get("libelle");
            if (code.equals("U07.1") && label.startsWith("Usage urgent")) {
                label = "COVID-19, virus identifié";
            }
            labels.put(code, label);
        }
        if (labels.isEmpty()) {
            throw new IOException("no CIM-10 row (expected header code,code_atih,libelle,niveau)");
        }
    }

    private static BufferedReader reader(String resource) {
        return new BufferedReader(new InputStreamReader(NlpResources.open(resource), StandardCharsets.UTF_8));
    }

    String label(String code) {
        return labels.get(code);
    }

    boolean contains(String code) {
        return labels.containsKey(code);
    }

    List<TermMatcher.Match<Term>> find(List<Span> tokens) {
        return matcher.find(tokens);
    }

    String source() {
        return source;
    }
}
