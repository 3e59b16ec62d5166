package fr.vigie.server.documents;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.fulltext.FullTextExtractionRequest;
import ca.uhn.fhir.jpa.searchparam.fulltext.FullTextExtractionResponse;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.stereotype.Component;

/**
 * Puts the text of a DocumentReference's {@code text/plain} attachments (inline {@code data}: the extracted text
 * Vigie adds, or plain text sent as such) into HAPI's full-text index, so that
 * {@code DocumentReference?_content=pneumopathie} finds documents by what they say.
 *
 * <p>HAPI indexes only the resource's string elements for {@code _content}; an attachment's {@code data} is base64
 * and would not be searchable. This hook ({@link Pointcut#JPA_INDEX_EXTRACT_FULLTEXT_CONTENT}, on the JPA interceptor
 * service so it sees every write) appends the decoded text to HAPI's default content. Other resource types are not
 * put in the full-text index ({@code _content} and {@code _text} are for documents), so imports of other feeds pay no
 * indexing cost. The index is the local Lucene index of each node (see the README: nodes sharing a database each
 * index what they write).
 */
@Component
public class DocumentTextIndexer {

    /** Longest text indexed per document (characters), so one huge attachment cannot bloat the index. */
    static final int MAX_INDEXED_CHARS = 1_000_000;

    private final IInterceptorService interceptorService;
    private final Hooks hooks = new Hooks();

    public DocumentTextIndexer(IInterceptorService interceptorService) {
        this.interceptorService = interceptorService;
        interceptorService.registerInterceptor(hooks);
    }

    @PreDestroy
    public void stop() {
        interceptorService.unregisterInterceptor(hooks);
    }

    /** The text to index for a DocumentReference: HAPI's default content, then each inline text attachment. */
    static String content(DocumentReference document, String defaultContent) {
        StringBuilder text = new StringBuilder(defaultContent == null ? "" : defaultContent);
        for (DocumentReference.DocumentReferenceContentComponent content : document.getContent()) {
            Attachment attachment = content.getAttachment();
            if (attachment.hasData()
                    && attachment.hasContentType()
                    && attachment.getContentType().toLowerCase(Locale.ROOT).startsWith("text/plain")) {
                String decoded = new String(attachment.getData(), StandardCharsets.UTF_8);
                text.append(' ').append(decoded, 0, Math.min(decoded.length(), MAX_INDEXED_CHARS));
            }
        }
        return text.toString();
    }

    /** The hook object registered with HAPI. */
    public final class Hooks {

        @Hook(Pointcut.JPA_INDEX_EXTRACT_FULLTEXT_CONTENT)
        public FullTextExtractionResponse extract(FullTextExtractionRequest request) {
            if (request.getResource() instanceof DocumentReference document) {
                return FullTextExtractionResponse.indexPayload(content(document, request.getDefaultString()));
            }
            return FullTextExtractionResponse.doNotIndex();
        }

        @Hook(Pointcut.JPA_INDEX_EXTRACT_FULLTEXT_TEXT)
        public FullTextExtractionResponse narrative(FullTextExtractionRequest request) {
            return "DocumentReference".equals(request.getResourceType())
                    ? FullTextExtractionResponse.indexNormally()
                    : FullTextExtractionResponse.doNotIndex();
        }
    }
}
