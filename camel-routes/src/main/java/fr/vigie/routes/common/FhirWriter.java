package fr.vigie.routes.common;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes imported rows to a FHIR server as transaction Bundles of conditional updates
 * ({@code PUT Type?identifier=system|value} on each resource's first identifier), {@code batchSize} entries at a
 * time, keeping the resources of one row in the same transaction.
 *
 * <p>Classification of each entry of the transaction response: {@code 201} is created; otherwise the entry's
 * {@code response.lastModified} is compared with the instant the batch was sent: HAPI JPA keeps the old version and
 * its old {@code lastModified} when an update changes nothing, so an older instant means unchanged and a newer one
 * updated (no {@code lastModified} counts as updated). This assumes the server's clock agrees with ours, exact for
 * the local server; against a remote server, clock skew can blur updated and unchanged (created stays exact).
 *
 * <p>Failures: when the server refuses a batch for its content (400, 409, 412, 413, 422, 500) the batch is retried
 * row by row, so only the bad rows are rejected, with the server's diagnostics as reason. When the server cannot be
 * reached or answers 401, 403, 404, 429, 502, 503, 504..., retrying row by row would reject every row for a reason
 * unrelated to the data: the import stops with {@link ImportTargetException} instead.
 *
 * <p>Resource ids from the source are cleared (identity comes from identifiers), except {@code urn:uuid:} ids, kept
 * as the entry's {@code fullUrl} so references inside the same transaction resolve, and the ids of resources that
 * have no identifier element (Binary), written as {@code PUT Type/id} (see {@link BusinessIdentifiers#byClientId}).
 */
public class FhirWriter implements ImportWriter {

    /** Default number of entries per transaction. */
    public static final int DEFAULT_BATCH_SIZE = 200;

    private static final Logger log = LoggerFactory.getLogger(FhirWriter.class);
    private static final Set<Integer> CONTENT_ERRORS = Set.of(400, 409, 412, 413, 422, 500);
    private static final String URN_UUID = "urn:uuid:";

    private final FhirTransactionClient client;
    private final int batchSize;
    private final Clock clock;

    public FhirWriter(FhirTransactionClient client, int batchSize, Clock clock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.batchSize = batchSize;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String target() {
        return client.baseUrl();
    }

    @Override
    public Session open(ImportProgress progress) {
        return new BatchSession(progress);
    }

    /** One resource ready to be sent. */
    private record Entry(String fullUrl, String conditionalUrl, Resource resource) {}

    /** One row ready to be sent: all its entries go in the same transaction. */
    private record PendingRow(RowRef row, List<Entry> entries) {}

    private final class BatchSession implements Session {

        private final ImportProgress progress;
        private final List<PendingRow> pending = new ArrayList<>();
        private final Set<String> pendingUrls = new HashSet<>();
        private int pendingEntries;

        BatchSession(ImportProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
        }

        @Override
        public void write(RowRef row, List<? extends IBaseResource> resources) {
            Optional<String> problem = check(resources);
            if (problem.isPresent()) {
                progress.reject(row, problem.get());
                return;
            }
            List<Entry> entries = resources.stream().map(FhirWriter::entry).toList();
            Set<String> urls = entries.stream().map(Entry::conditionalUrl).collect(Collectors.toSet());
            if (urls.size() < entries.size()) {
                progress.reject(row, "two resources of this row have the same identifier");
                return;
            }
            // HAPI refuses two entries with the same conditional URL in one transaction: a file updating the same
            // resource twice gets the second row in the next transaction.
            boolean conflict = urls.stream().anyMatch(pendingUrls::contains);
            if (!pending.isEmpty() && (conflict || pendingEntries + entries.size() > batchSize)) {
                flush();
            }
            pending.add(new PendingRow(row, entries));
            pendingUrls.addAll(urls);
            pendingEntries += entries.size();
            if (pendingEntries >= batchSize) {
                flush();
            }
        }

        @Override
        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<PendingRow> batch = List.copyOf(pending);
            pending.clear();
            pendingUrls.clear();
            pendingEntries = 0;
            send(batch);
        }

        private void send(List<PendingRow> batch) {
            Bundle request = transaction(batch);
            Instant sentAt = clock.instant();
            Bundle response;
            try {
                response = client.transaction(request);
            } catch (BaseServerResponseException e) {
                if (!isContentError(e)) {
                    throw new ImportTargetException(
                            "FHIR server " + client.baseUrl() + " unavailable: " + e.getMessage(), e);
                }
                if (batch.size() == 1) {
                    progress.reject(batch.get(0).row(), diagnostics(e));
                    return;
                }
                log.info("Transaction of {} rows refused ({}); retrying row by row", batch.size(), e.getStatusCode());
                batch.forEach(row -> send(List.of(row)));
                return;
            }
            classify(batch, response, sentAt);
        }

        private void classify(List<PendingRow> batch, Bundle response, Instant sentAt) {
            List<Bundle.BundleEntryComponent> answers = response == null ? List.of() : response.getEntry();
            int expected = batch.stream().mapToInt(row -> row.entries().size()).sum();
            if (answers.size() != expected) {
                throw new ImportTargetException(
                        "FHIR server " + client.baseUrl() + " answered " + answers.size() + " entries to a"
                                + " transaction of " + expected + ": not a valid transaction-response",
                        null);
            }
            int index = 0;
            for (PendingRow row : batch) {
                RowOutcome outcome = RowOutcome.UNCHANGED;
                for (int i = 0; i < row.entries().size(); i++) {
                    outcome = outcome.combine(outcome(answers.get(index++).getResponse(), sentAt));
                }
                progress.record(row.row(), outcome);
            }
        }
    }

    /** The outcome of one entry of a transaction-response, sent at {@code sentAt}. */
    /** Code system of HAPI FHIR's storage outcomes ({@code SUCCESSFUL_UPDATE_WITH_CONDITIONAL_MATCH_NO_CHANGE}...). */
    static final String HAPI_STORAGE_RESPONSE_CODES =
            "https://hapifhir.io/fhir/CodeSystem/hapi-fhir-storage-response-code";

    static RowOutcome outcome(Bundle.BundleEntryResponseComponent response, Instant sentAt) {
        String status = response.getStatus() == null ? "" : response.getStatus().trim();
        if (status.startsWith("201")) {
            return RowOutcome.CREATED;
        }
        // HAPI FHIR says so explicitly in the entry's outcome (and sends no lastModified in transaction responses).
        if (response.getOutcome() instanceof OperationOutcome outcome
                && outcome.getIssue().stream()
                        .flatMap(issue -> issue.getDetails().getCoding().stream())
                        .anyMatch(coding -> HAPI_STORAGE_RESPONSE_CODES.equals(coding.getSystem())
                                && coding.getCode() != null
                                && coding.getCode().endsWith("_NO_CHANGE"))) {
            return RowOutcome.UNCHANGED;
        }
        InstantType lastModified = response.getLastModifiedElement();
        if (lastModified == null || lastModified.isEmpty()) {
            return RowOutcome.UPDATED;
        }
        // A server storing seconds only would make a fresh update look older than the send instant.
        Instant reference = lastModified.getPrecision().compareTo(TemporalPrecisionEnum.MILLI) < 0
                ? sentAt.truncatedTo(ChronoUnit.SECONDS)
                : sentAt;
        return lastModified.getValue().toInstant().isBefore(reference) ? RowOutcome.UNCHANGED : RowOutcome.UPDATED;
    }

    private static Optional<String> check(List<? extends IBaseResource> resources) {
        if (resources == null || resources.isEmpty()) {
            return Optional.of("no resource was mapped from this row");
        }
        return resources.stream()
                .map(BusinessIdentifiers::problem)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Entry entry(IBaseResource resource) {
        Resource r4 = (Resource) resource;
        String url = BusinessIdentifiers.conditionalUrl(r4);
        if (BusinessIdentifiers.byClientId(r4)) {
            return new Entry(URN_UUID + UUID.randomUUID(), url, r4);
        }
        String id = r4.getIdElement().getValue();
        String fullUrl = id != null && id.startsWith(URN_UUID) ? id : URN_UUID + UUID.randomUUID();
        if (id != null) {
            r4.setId((String) null);
        }
        return new Entry(fullUrl, url, r4);
    }

    private static Bundle transaction(List<PendingRow> batch) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (PendingRow row : batch) {
            for (Entry entry : row.entries()) {
                bundle.addEntry()
                        .setFullUrl(entry.fullUrl())
                        .setResource(entry.resource())
                        .getRequest()
                        .setMethod(Bundle.HTTPVerb.PUT)
                        .setUrl(entry.conditionalUrl());
            }
        }
        return bundle;
    }

    private static boolean isContentError(BaseServerResponseException e) {
        return !(e instanceof FhirClientConnectionException) && CONTENT_ERRORS.contains(e.getStatusCode());
    }

    /** The server's diagnostics for a refused row, as an operator reads them. */
    static String diagnostics(BaseServerResponseException e) {
        IBaseOperationOutcome outcome = e.getOperationOutcome();
        if (outcome instanceof OperationOutcome r4) {
            String text = r4.getIssue().stream()
                    .map(issue -> issue.hasDiagnostics()
                            ? issue.getDiagnostics()
                            : issue.getDetails().getText())
                    .filter(message -> message != null && !message.isBlank())
                    .collect(Collectors.joining("; "));
            if (!text.isEmpty()) {
                return text;
            }
        }
        return e.getMessage() == null ? "HTTP " + e.getStatusCode() : e.getMessage();
    }
}
