package fr.vigie.routes.documents.nlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A text and its BRAT stand-off entity annotations ({@code .txt} + {@code .ann}, as in the QUAERO French Medical Corpus).
 * Only text-bound annotations ({@code T} lines) are read; notes ({@code #}), relations and events are ignored.
 * Discontinuous entities ({@code DISO 10 15;20 25}) keep all their fragments.
 *
 * @param id file name without extension
 * @param text the document text
 * @param entities its entities, in file order
 */
record BratDocument(String id, String text, List<Annotation> entities) {

    /**
     * One entity.
     *
     * @param type the BRAT type (QUAERO semantic group)
     * @param fragments {@code [begin, end)} character ranges, one for a continuous entity
     */
    record Annotation(String type, List<int[]> fragments) {

        boolean continuous() {
            return fragments.size() == 1;
        }

        int begin() {
            return fragments.get(0)[0];
        }

        int end() {
            return fragments.get(fragments.size() - 1)[1];
        }

        /** Type and fragments, the identity used by exact-match scoring. */
        String key() {
            StringBuilder sb = new StringBuilder(type);
            for (int[] f : fragments) {
                sb.append(' ').append(f[0]).append('-').append(f[1]);
            }
            return sb.toString();
        }
    }

    /** Reads {@code base.txt} and {@code base.ann} (missing .ann: no entities). */
    static BratDocument read(Path txt) throws IOException {
        String name = txt.getFileName().toString();
        String id = name.substring(0, name.length() - ".txt".length());
        String text = Files.readString(txt, StandardCharsets.UTF_8);
        Path ann = txt.resolveSibling(id + ".ann");
        List<Annotation> entities = new ArrayList<>();
        if (Files.exists(ann)) {
            int lineNo = 0;
            for (String line : Files.readAllLines(ann, StandardCharsets.UTF_8)) {
                lineNo++;
                if (!line.startsWith("T")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 2) {
                    throw new IOException(ann + ":" + lineNo + ": expected 'Tn<TAB>TYPE begin end<TAB>text'");
                }
                int sp = cols[1].indexOf(' ');
                String type = cols[1].substring(0, sp);
                List<int[]> fragments = new ArrayList<>();
                for (String frag : cols[1].substring(sp + 1).split(";")) {
                    String[] be = frag.trim().split(" ");
                    fragments.add(new int[] {Integer.parseInt(be[0]), Integer.parseInt(be[1])});
                }
                entities.add(new Annotation(type, List.copyOf(fragments)));
            }
        }
        return new BratDocument(id, text, List.copyOf(entities));
    }

    /** All documents of a folder ({@code *.txt}), sorted by file name. */
    static List<BratDocument> readFolder(Path folder) throws IOException {
        List<BratDocument> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                docs.add(read(p));
            }
        }
        return docs;
    }
}
