package fr.vigie.server.documents;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import fr.vigie.routes.common.BusinessIdentifiers;
import fr.vigie.routes.documents.DocumentFhirMapper;
import fr.vigie.routes.documents.DocumentPipeline;
import fr.vigie.routes.documents.DocumentProperties;
import fr.vigie.routes.documents.DocumentRejectedException;
import fr.vigie.routes.documents.ProcessedDocument;
import fr.vigie.terminology.TerminologyCatalog;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Enriches a DocumentReference created through FHIR (REST, transaction, any origin) that carries an attachment (inline
 * {@code data}, or a {@code url} to a {@code Binary} of this server) and no extracted text: the same extraction and
 * NLP as the {@code documents} feed, then the DocumentReference is updated with the extracted-text attachment and
 * tags, and the facts are written ({@code derivedFrom} it, subject and encounter taken from it).
 *
 * <ul>
 *   <li><b>After commit, in the background</b>: the hook ({@code STORAGE_PRECOMMIT_RESOURCE_CREATED} on the JPA
 *       interceptor service) only queues the id once the transaction commits; one worker thread does the work, so
 *       the client's create answers at once and OCR never holds a database transaction.
 *   <li><b>New attachment, read again</b>: an update that replaces the attachment (other bytes, URL or media type)
 *       without bringing text of its own (the documents feed brings both) is read again, whatever its tags: the new
 *       text, tags and facts replace the old ones; if the new attachment cannot be read, the old text and tags are
 *       removed, the document is tagged {@code extraction-failed} and the facts of the old text are retracted.
 *   <li><b>No loops</b>: the enrichment's own update keeps the attachment, so it is not read again; a DocumentReference
 *       created already tagged by Vigie ({@code document-processing}: extracted or failed, e.g. one written by the
 *       feed) is skipped.
 *   <li><b>Idempotent</b>: the document is read again before the work and skipped if already tagged; facts are
 *       conditional updates on identifiers derived from the DocumentReference id and the span.
 *   <li><b>Failures are visible</b>: an unreadable attachment gets the tag {@code extraction-failed} and an
 *       {@value #ERROR_EXTENSION} extension with the reason.
 *   <li><b>Reprocessing retracts</b>: whenever a DocumentReference is updated with text from another extraction run
 *       (a new version re-imported by the feed, or this enrichment), {@link DocumentFactRetraction} marks the facts
 *       of earlier runs {@code entered-in-error}, on the same worker after the commit (so after this enrichment's own
 *       facts are written).
 * </ul>
 *
 * Only this node's writes are seen (a document created while the node is down is not enriched later).
 */
@Component
public class DocumentEnrichment {

    /** Reason an attachment could not be processed. */
    public static final String ERROR_EXTENSION = TerminologyCatalog.EXT_EXTRACTION_ERROR;

    private static final Logger LOG = LoggerFactory.getLogger(DocumentEnrichment.class);

    private final DaoRegistry daoRegistry;
    private final IInterceptorService interceptorService;
    private final DocumentPipeline pipeline;
    private final DocumentFhirMapper mapper;
    private final DocumentProperties properties;
    private final DocumentFactRetraction retraction;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vigie-document-enrichment");
        thread.setDaemon(true);
        return thread;
    });
    private final Hooks hooks = new Hooks();

    public DocumentEnrichment(
            DaoRegistry daoRegistry,
            IInterceptorService interceptorService,
            DocumentPipeline pipeline,
            DocumentFhirMapper mapper,
            DocumentProperties properties,
            DocumentFactRetraction retraction) {
        this.daoRegistry = daoRegistry;
        this.interceptorService = interceptorService;
        this.pipeline = pipeline;
        this.mapper = mapper;
        this.properties = properties;
        this.retraction = retraction;
        interceptorService.registerInterceptor(hooks);
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        interceptorService.unregisterInterceptor(hooks);
        worker.shutdown();
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** Whether a DocumentReference is one to enrich: an attachment, and no Vigie processing tag yet. */
    static boolean needsEnrichment(DocumentReference document) {
        boolean processed = document.getMeta().getTag().stream()
                .anyMatch(tag -> DocumentFhirMapper.PROCESSING_SYSTEM.equals(tag.getSystem()));
        return !processed && source(document).isPresent();
    }

    /** Whether two versions have the same attachment to read (same bytes, URL and media type). */
    static boolean sameSource(DocumentReference before, DocumentReference after) {
        Optional<Attachment> a = source(before);
        Optional<Attachment> b = source(after);
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return java.util.Arrays.equals(a.get().getData(), b.get().getData())
                && java.util.Objects.equals(a.get().getUrl(), b.get().getUrl())
                && java.util.Objects.equals(a.get().getContentType(), b.get().getContentType());
    }

    /** Whether Vigie's last reading of the document failed (tag {@code extraction-failed}). */
    static boolean isFailed(DocumentReference document) {
        return document.getMeta().getTag().stream()
                .anyMatch(tag -> DocumentFhirMapper.PROCESSING_SYSTEM.equals(tag.getSystem())
                        && DocumentFhirMapper.TAG_FAILED.equals(tag.getCode()));
    }

    /** The attachment to read: the first with data or a URL that is not Vigie's extracted text. */
    static Optional<Attachment> source(DocumentReference document) {
        return document.getContent().stream()
                .filter(content -> !content.hasExtension(DocumentFhirMapper.EXTRACTION_ENGINE))
                .map(DocumentReference.DocumentReferenceContentComponent::getAttachment)
                .filter(attachment -> attachment.hasData() || attachment.hasUrl())
                .findFirst();
    }

    /** Reads, extracts, analyses and writes; any failure is recorded on the DocumentReference. */
    void enrich(String id) {
        enrich(id, false);
    }

    /**
     * @param reread the attachment was replaced: read it even though the document is tagged as processed, and let
     *     the result replace the earlier one (text, tags, error), whose facts are then retracted
     */
    private void enrich(String id, boolean reread) {
        IFhirResourceDao<DocumentReference> dao = daoRegistry.getResourceDao(DocumentReference.class);
        DocumentReference document = dao.read(new IdType(id), new SystemRequestDetails());
        if (reread ? source(document).isEmpty() : !needsEnrichment(document)) {
            return;
        }
        ProcessedDocument processed;
        try {
            Attachment attachment = source(document).orElseThrow();
            byte[] content = bytes(attachment);
            processed = pipeline.process(
                    content,
                    attachment.hasTitle()
                            ? attachment.getTitle()
                            : document.getIdElement().getIdPart());
        } catch (DocumentRejectedException e) {
            markFailed(dao, document, e.getMessage());
            return;
        }
        List<Resource> resources = mapper.enrich(document, processed);
        DocumentReference enriched = (DocumentReference) resources.get(0);
        enriched.getExtension().removeIf(extension -> ERROR_EXTENSION.equals(extension.getUrl()));
        Set<String> tags = processingTags(enriched);
        dao.update(enriched, new SystemRequestDetails());
        dropStaleTags(dao, enriched, tags);
        List<Resource> facts = resources.subList(1, resources.size());
        if (!facts.isEmpty()) {
            Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (Resource fact : facts) {
                transaction
                        .addEntry()
                        .setResource(fact)
                        .getRequest()
                        .setMethod(Bundle.HTTPVerb.PUT)
                        .setUrl(BusinessIdentifiers.conditionalUrl(fact));
            }
            @SuppressWarnings("unchecked")
            IFhirSystemDao<Bundle, ?> system = (IFhirSystemDao<Bundle, ?>) daoRegistry.getSystemDao();
            system.transaction(new SystemRequestDetails(), transaction);
        }
        LOG.info(
                "{} enriched: {} pages ({}), {} facts",
                id,
                processed.text().pages().size(),
                processed.text().methodCode(),
                facts.size());
    }

    private byte[] bytes(Attachment attachment) {
        if (attachment.hasData()) {
            byte[] data = attachment.getData();
            if (data.length > pipeline.maxBytes()) {
                throw new DocumentRejectedException("the attachment is larger than the limit of " + pipeline.maxBytes()
                        + " bytes (vigie.documents.max-size)");
            }
            return data;
        }
        String url = attachment.getUrl();
        int at = url.lastIndexOf("Binary/");
        if (at < 0 || (at > 0 && !url.startsWith("http"))) {
            throw new DocumentRejectedException("the attachment URL " + url
                    + " is not a Binary of this server: send the document inline (attachment.data) or as Binary/<id>");
        }
        String binaryId = url.substring(at + "Binary/".length()).split("/_history")[0];
        Binary binary;
        try {
            binary = daoRegistry
                    .getResourceDao(Binary.class)
                    .read(new IdType("Binary", binaryId), new SystemRequestDetails());
        } catch (BaseServerResponseException e) {
            throw new DocumentRejectedException(
                    "the attachment's Binary/" + binaryId + " cannot be read: " + e.getMessage());
        }
        if (!binary.hasData()) {
            throw new DocumentRejectedException("Binary/" + binaryId + " holds no data");
        }
        if (binary.getData().length > pipeline.maxBytes()) {
            throw new DocumentRejectedException("Binary/" + binaryId + " is larger than the limit of "
                    + pipeline.maxBytes() + " bytes (vigie.documents.max-size)");
        }
        return binary.getData();
    }

    private void markFailed(IFhirResourceDao<DocumentReference> dao, DocumentReference document, String reason) {
        LOG.warn("{} not enriched: {}", document.getIdElement().toUnqualifiedVersionless(), reason);
        DocumentReference failed = document.copy();
        // text and tags of an earlier attachment, replaced since, no longer describe the document
        failed.getContent().removeIf(content -> content.hasExtension(DocumentFhirMapper.EXTRACTION_ENGINE));
        failed.getMeta().getTag().removeIf(tag -> DocumentFhirMapper.PROCESSING_SYSTEM.equals(tag.getSystem()));
        failed.getMeta()
                .addTag(DocumentFhirMapper.PROCESSING_SYSTEM, DocumentFhirMapper.TAG_FAILED, "Text extraction failed");
        failed.getExtension().removeIf(extension -> ERROR_EXTENSION.equals(extension.getUrl()));
        failed.addExtension(ERROR_EXTENSION, new StringType(reason));
        Set<String> tags = processingTags(failed);
        dao.update(failed, new SystemRequestDetails());
        dropStaleTags(dao, failed, tags);
    }

    /**
     * Removes the processing tags the stored document still has but {@code written} has not: HAPI keeps a resource's
     * tags across updates ({@code $meta-delete} is the way to remove one), so an {@code extracted} tag would stay
     * beside {@code extraction-failed} after a replaced attachment failed, and the reverse.
     */
    private static void dropStaleTags(
            IFhirResourceDao<DocumentReference> dao, DocumentReference written, Set<String> wanted) {
        IdType id = new IdType(written.getIdElement().toUnqualifiedVersionless().getValue());
        DocumentReference stored = dao.read(id, new SystemRequestDetails());
        Meta stale = new Meta();
        for (Coding tag : stored.getMeta().getTag()) {
            if (DocumentFhirMapper.PROCESSING_SYSTEM.equals(tag.getSystem()) && !wanted.contains(tag.getCode())) {
                stale.addTag(tag.getSystem(), tag.getCode(), tag.getDisplay());
            }
        }
        if (!stale.getTag().isEmpty()) {
            dao.metaDeleteOperation(id, stale, new SystemRequestDetails());
        }
    }

    /** The codes of the processing tags a document is written with (before HAPI adds the stored ones to it). */
    private static Set<String> processingTags(DocumentReference document) {
        return document.getMeta().getTag().stream()
                .filter(tag -> DocumentFhirMapper.PROCESSING_SYSTEM.equals(tag.getSystem()))
                .map(Coding::getCode)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Runs {@code work} on the worker once the current transaction commits (at once when there is none). */
    private void afterCommit(String what, String id, Runnable work) {
        Runnable task = () -> worker.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("{} of {} failed", what, id, e);
            }
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    task.run();
                }
            });
        } else {
            task.run();
        }
    }

    /** The hook object registered with HAPI. */
    public final class Hooks {

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
        public void created(IBaseResource resource) {
            if (!properties.enrichFhirCreated()
                    || !(resource instanceof DocumentReference document)
                    || !needsEnrichment(document)) {
                return;
            }
            String id = document.getIdElement().toUnqualifiedVersionless().getValue();
            afterCommit("Enrichment", id, () -> enrich(id));
        }

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
        public void updated(IBaseResource previous, IBaseResource resource) {
            if (!(resource instanceof DocumentReference document)) {
                return;
            }
            String id = document.getIdElement().toUnqualifiedVersionless().getValue();
            Optional<String> run = DocumentFhirMapper.extractionRun(document);
            Optional<String> runBefore = previous instanceof DocumentReference before
                    ? DocumentFhirMapper.extractionRun(before)
                    : Optional.empty();
            // A new attachment and no new text with it (a client replaced the file; the documents feed sends both):
            // read it again. The enrichment's own update keeps the attachment, so it does not come back here.
            if (properties.enrichFhirCreated()
                    && previous instanceof DocumentReference before
                    && !sameSource(before, document)
                    && source(document).isPresent()
                    && (run.isEmpty() || run.equals(runBefore))) {
                afterCommit("Reading of the new attachment", id, () -> enrich(id, true));
                return;
            }
            // text from another extraction run, or a reading that failed (the facts' attachment was replaced)
            boolean newRun = run.isPresent() && !run.equals(runBefore);
            boolean failedNow =
                    isFailed(document) && !(previous instanceof DocumentReference before && isFailed(before));
            if (!newRun && !failedNow) {
                return;
            }
            afterCommit("Retraction of stale facts", id, () -> retraction.retractStale(id));
        }
    }
}
