package fr.vigie.routes.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The text of a whole document: its pages joined by a blank line, with where each page sits, so a span found in the
 * text can be traced to its page and that page's OCR confidence.
 *
 * @param text the document's text, the pages joined by {@link #PAGE_SEPARATOR}
 * @param pages the pages in order
 */
public record ExtractedText(String text, List<PageText> pages) {

    /** What separates two pages in {@link #text()}. */
    public static final String PAGE_SEPARATOR = "\n\n";

    public ExtractedText {
        Objects.requireNonNull(text, "text");
        pages = List.copyOf(pages);
    }

    /** Joins page texts (in page order) into a document text, computing each page's offset. */
    public static ExtractedText of(List<PageDraft> drafts) {
        StringBuilder text = new StringBuilder();
        List<PageText> pages = new ArrayList<>();
        for (PageDraft draft : drafts) {
            if (!pages.isEmpty()) {
                text.append(PAGE_SEPARATOR);
            }
            pages.add(new PageText(
                    draft.page(),
                    text.length(),
                    draft.text(),
                    draft.method(),
                    draft.confidence(),
                    draft.lowConfidence()));
            text.append(draft.text());
        }
        return new ExtractedText(text.toString(), pages);
    }

    /** A page before its offset is known. */
    public record PageDraft(int page, String text, PageText.Method method, Double confidence, boolean lowConfidence) {}

    /** The pages whose OCR confidence is under the threshold. */
    public List<PageText> lowConfidencePages() {
        return pages.stream().filter(PageText::lowConfidence).toList();
    }

    /** The page holding the character at {@code offset}, if any (a separator belongs to no page). */
    public Optional<PageText> pageAt(int offset) {
        return pages.stream()
                .filter(page -> offset >= page.offset() && offset < Math.max(page.end(), page.offset() + 1))
                .findFirst();
    }

    /** Whether any page of the span {@code [offset, offset + length)} is flagged as low confidence. */
    public boolean touchesLowConfidence(int offset, int length) {
        int end = offset + Math.max(length, 1);
        return pages.stream().anyMatch(page -> page.lowConfidence() && page.offset() < end && offset < page.end());
    }

    /** How the text was obtained overall: the single method of all pages, or {@code mixed}. */
    public String methodCode() {
        List<String> methods =
                pages.stream().map(page -> page.method().code()).distinct().toList();
        return methods.size() == 1 ? methods.get(0) : "mixed";
    }
}
