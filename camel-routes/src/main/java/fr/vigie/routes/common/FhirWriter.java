package fr.vigie.routes.common;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.util.FhirTerser;
import fr.vigie.mappings.common.ConditionalUrls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes imported rows to a FHIR server as transaction Bundles of updates by id ({@code PUT Type/id}),
 * {@code batchSize} entries at a time, keeping the resources of one row in the same transaction.
 *
 * <p>Identity comes from each resource's first identifier ({@link BusinessIdentifiers}). Before a batch is sent, one
 * {@code batch} Bundle asks which of its identifiers the server already holds, one search per entry,
 * {@code Type?identifier=s|v&_count=3&_offset=0&_elements=identifier} ({@code _offset} makes HAPI search synchronously:
 * no search result cached up to a minute is reused, none is stored). Each entry is then written to the id found when
 * exactly one resource has its identifier, or else to an id derived from the identifier ({@link #deterministicId}: a
 * hash of {@code system|value}), so the same row imported twice, even by two imports at once, writes the same
 * resource. Two or more resources with the identifier: the row is rejected (which one to update cannot be told), as
 * HAPI's conditional update would (412). Why not conditional updates ({@code PUT Type?identifier=s|v}), which give
 * the same results: HAPI checks every conditional URL of a transaction against every resource of its type in it
 * (quadratic in the batch size, 18 % of a registry import's CPU at 200 a transaction), and checks again after writing
 * that each created resource matches its URL. Why one search per identifier and not one OR list per type
 * ({@code identifier=s|v1,s|v2,...}): on PostgreSQL, HAPI's SQL for an OR list ({@code HASH_SYS_AND_VALUE IN (...)
 * GROUP BY RES_ID FETCH FIRST n}) gets a plan that walks the whole token index in {@code RES_ID} order when the
 * identifiers are new (0.7 to 3.7 s a search at 730,000 token rows, with or without statistics), where a single value
 * is one index range. A search the server refuses (no search permission, unknown type...) makes its entry fall back
 * to a conditional update, as before.
 *
 * <p>When imports write to the local server, its {@link IdentifierIndex} answers instead of those searches: the
 * server's search index read directly for the whole batch, the same answer without a FHIR search's per-request work
 * (20,000 missions on PostgreSQL: 13.3 s of FHIR searches, 1.9 s from the index, beside about 100 s of transactions).
 * It is not used for a remote server; when it cannot answer, the batch is searched over FHIR.
 *
 * <p>Look-ahead: a batch's lookup runs on another thread while the batch before it is written, so its round trip
 * overlaps the transaction (on 2 busy cores it gained little for FHIR searches, which then compete for the CPU: 81.8 %
 * of the raw rate without, 85.7 % with; toward a remote server it hides the network latency). A lookup that runs
 * before the previous batch is committed cannot see what that batch creates; it does not matter: a resource not
 * found is written at the id derived from its identifier, which is where the previous batch created it, and a
 * resource found before is found by both.
 *
 * <p>Conditional references between entries of one transaction ({@code Location.managingOrganization =
 * Organization?identifier=...}, a document's facts pointing at its DocumentReference) are rewritten, on a copy sent
 * in that transaction only, to the {@code fullUrl} of the entry they name: HAPI resolves a conditional reference
 * against the transaction's conditional URLs, which by-id entries no longer have, and a search would not see a
 * resource created earlier in the same transaction.
 *
 * <p>Classification of each entry of the transaction response: {@code 201} is created; an OperationOutcome coded
 * {@code ..._NO_CHANGE} (HAPI's storage response codes) is unchanged; otherwise the entry's
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
 * have no identifier element (Binary), written as {@code PUT Type/id} with no lookup (see
 * {@link BusinessIdentifiers#byClientId}).
 */
public class FhirWriter implements ImportWriter {

    /** Default number of entries per transaction. */
    public static final int DEFAULT_BATCH_SIZE = 200;

    /** Code system of HAPI FHIR's storage outcomes ({@code SUCCESSFUL_UPDATE_NO_CHANGE}...). */
    static final String HAPI_STORAGE_RESPONSE_CODES =
            "https://hapifhir.io/fhir/CodeSystem/hapi-fhir-storage-response-code";

    /** Prefix of the ids derived from identifiers: a letter, so the id is never numeric (HAPI refuses those). */
    static final String ID_PREFIX = "imp-";

    /**
     * {@code _count} of each lookup search: two matches already make the row ambiguous, a third tells a full page.
     */
    static final int LOOKUP_COUNT = 3;

    private static final Logger log = LoggerFactory.getLogger(FhirWriter.class);
    private static final Set<Integer> CONTENT_ERRORS = Set.of(400, 409, 412, 413, 422, 500);
    private static final String URN_UUID = "urn:uuid:";

    private final FhirTransactionClient client;
    private final IdentifierIndex index;
    private final int batchSize;
    private final Clock clock;
    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();
    /**
     * Runs each batch's identifier lookup while the batch before it is written (one lookup at a time per import):
     * the lookup's round trip then costs the import no time when the server has a core to spare. Daemon threads,
     * gone after a minute idle.
     */
    private final ExecutorService lookupExecutor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "import-identifier-lookup");
        thread.setDaemon(true);
        return thread;
    });

    public FhirWriter(FhirTransactionClient client, int batchSize, Clock clock) {
        this(client, null, batchSize, clock);
    }

    /**
     * @param index where identifiers are looked up instead of FHIR searches, or {@code null}: only for an index of
     *     the very server {@code client} writes to
     */
    public FhirWriter(FhirTransactionClient client, IdentifierIndex index, int batchSize, Clock clock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.index = index;
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

    /**
     * The id a resource whose first identifier is {@code system|value} gets when none exists yet: {@value #ID_PREFIX}
     * and the first 128 bits of the SHA-256 of {@code system|value} (FHIR search escaping, so distinct identifiers
     * never share the hashed text) in lower-case hex, 36 characters.
     */
    public static String deterministicId(String system, String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(ConditionalUrls.token(system, value).getBytes(StandardCharsets.UTF_8));
            return ID_PREFIX + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * One resource ready to be sent. {@code key} is its conditional URL ({@code Type?identifier=s|v}, or
     * {@code Binary/id} for resources written by client id), which names it within an import.
     */
    private record Entry(String fullUrl, String key, Identifier identifier, Resource resource) {

        boolean byClientId() {
            return identifier == null;
        }
    }

    /** One row ready to be sent: all its entries go in the same transaction. */
    private record PendingRow(RowRef row, List<Entry> entries) {}

    /** A batch and the lookup of the URL each of its entries is written to ({@code Entry.key} → target). */
    private record Lookup(List<PendingRow> batch, Future<Map<String, Target>> targets) {}

    /** The lookup's answer; its failure is thrown as it was thrown on the lookup thread. */
    private static Map<String, Target> await(Future<Map<String, Target>> targets) {
        try {
            return targets.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportTargetException("interrupted while waiting for an identifier lookup", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Where an entry is written ({@code Type/id}, or its conditional URL), or why its row is rejected. */
    private record Target(String url, String problem) {

        static Target at(String url) {
            return new Target(url, null);
        }

        static Target rejected(String problem) {
            return new Target(null, problem);
        }
    }

    private final class BatchSession implements Session {

        private final ImportProgress progress;
        private final List<PendingRow> pending = new ArrayList<>();
        private final Set<String> pendingKeys = new HashSet<>();
        private int pendingEntries;
        /** The batch cut last: its identifier lookup is running (or done), its transactions are not sent yet. */
        private Lookup ahead;

        private final AtomicBoolean warnedFallback = new AtomicBoolean();
        private final AtomicBoolean warnedIndex = new AtomicBoolean();
        /** Time waiting for the server, for the debug log: identifier lookups (another thread) and transactions. */
        private final AtomicLong lookupNanos = new AtomicLong();

        private final AtomicInteger lookupBatches = new AtomicInteger();
        private long transactionNanos;
        private int transactions;

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
            Set<String> keys = entries.stream().map(Entry::key).collect(Collectors.toSet());
            if (keys.size() < entries.size()) {
                progress.reject(row, "two resources of this row have the same identifier");
                return;
            }
            // A transaction writes a resource once: a file updating the same resource twice gets the second row in
            // the next transaction (which then finds the resource the first one created).
            boolean conflict = keys.stream().anyMatch(pendingKeys::contains);
            if (!pending.isEmpty() && (conflict || pendingEntries + entries.size() > batchSize)) {
                cut();
            }
            pending.add(new PendingRow(row, entries));
            pendingKeys.addAll(keys);
            pendingEntries += entries.size();
            if (pendingEntries >= batchSize) {
                cut();
            }
        }

        @Override
        public void flush() {
            cut();
            Lookup last = ahead;
            ahead = null;
            if (last != null) {
                write(last);
            }
            if (log.isDebugEnabled()) {
                log.debug(
                        "{} identifier lookup batch(es) {} ms, {} transaction(s) {} ms so far",
                        lookupBatches.get(),
                        lookupNanos.get() / 1_000_000,
                        transactions,
                        transactionNanos / 1_000_000);
            }
        }

        /**
         * Ends the pending batch: starts its identifier lookup on the lookup thread, then writes the batch cut before
         * it, whose lookup ran while that batch's own predecessor was being written.
         */
        private void cut() {
            if (pending.isEmpty()) {
                return;
            }
            List<PendingRow> batch = List.copyOf(pending);
            pending.clear();
            pendingKeys.clear();
            pendingEntries = 0;
            Lookup next = new Lookup(batch, lookupExecutor.submit(() -> resolve(batch)));
            Lookup previous = ahead;
            ahead = next;
            if (previous != null) {
                try {
                    write(previous);
                } catch (RuntimeException | Error e) {
                    ahead = null;
                    next.targets().cancel(true);
                    throw e;
                }
            }
        }

        /** Sends a batch whose lookup was started earlier, once that lookup has answered. */
        private void write(Lookup lookup) {
            List<PendingRow> batch = lookup.batch();
            Map<String, Target> targets = await(lookup.targets());
            // Two identifiers can name the same stored resource: its rows then go to separate transactions too.
            List<PendingRow> transaction = new ArrayList<>();
            Set<String> urls = new HashSet<>();
            for (PendingRow row : batch) {
                Optional<String> problem = row.entries().stream()
                        .map(entry -> targets.get(entry.key()).problem())
                        .filter(Objects::nonNull)
                        .findFirst();
                if (problem.isPresent()) {
                    progress.reject(row.row(), problem.get());
                    continue;
                }
                List<String> rowUrls = row.entries().stream()
                        .map(entry -> targets.get(entry.key()).url())
                        .toList();
                if (rowUrls.stream().anyMatch(urls::contains)) {
                    send(transaction, targets);
                    transaction = new ArrayList<>();
                    urls.clear();
                }
                transaction.add(row);
                urls.addAll(rowUrls);
            }
            if (!transaction.isEmpty()) {
                send(transaction, targets);
            }
        }

        /**
         * Finds, with one batch request, the stored resources that carry the identifiers of this batch, and so the URL
         * each entry is written to.
         */
        private Map<String, Target> resolve(List<PendingRow> batch) {
            Map<String, Target> targets = new HashMap<>();
            List<Entry> lookups = new ArrayList<>();
            for (PendingRow row : batch) {
                for (Entry entry : row.entries()) {
                    if (entry.byClientId()) {
                        targets.put(entry.key(), Target.at(entry.key()));
                    } else {
                        lookups.add(entry);
                    }
                }
            }
            if (lookups.isEmpty()) {
                return targets;
            }
            Map<String, Map<String, Set<String>>> indexed = fromIndex(lookups);
            if (indexed != null) {
                for (Entry entry : lookups) {
                    Set<String> ids = indexed.get(entry.resource().fhirType())
                            .getOrDefault(tokenKey(entry.identifier()), Set.of());
                    targets.put(entry.key(), target(entry, ids, true));
                }
                return targets;
            }
            Bundle response = search(lookups);
            for (int i = 0; i < lookups.size(); i++) {
                Entry entry = lookups.get(i);
                Bundle.BundleEntryComponent answer =
                        response == null ? null : response.getEntry().get(i);
                String status = answer == null || answer.getResponse().getStatus() == null
                        ? ""
                        : answer.getResponse().getStatus().trim();
                if (!status.startsWith("200") || !(answer.getResource() instanceof Bundle page)) {
                    fallBack(entry, answer == null ? "refused" : "answered " + status, targets);
                    continue;
                }
                targets.put(entry.key(), target(entry, ids(page, entry.identifier()), complete(page)));
            }
            return targets;
        }

        /**
         * The identifiers' holders from the application's {@link IdentifierIndex}, by resource type, then token;
         * {@code null} when there is none or it cannot answer (the batch is then looked up with FHIR searches).
         */
        private Map<String, Map<String, Set<String>>> fromIndex(List<Entry> lookups) {
            if (index == null) {
                return null;
            }
            Map<String, List<Identifier>> byType = new HashMap<>();
            for (Entry entry : lookups) {
                byType.computeIfAbsent(entry.resource().fhirType(), type -> new ArrayList<>())
                        .add(entry.identifier());
            }
            long started = System.nanoTime();
            try {
                Map<String, Map<String, Set<String>>> found = new HashMap<>();
                byType.forEach((type, identifiers) -> found.put(type, index.find(type, identifiers)));
                return found;
            } catch (IdentifierIndex.UnavailableException e) {
                if (warnedIndex.compareAndSet(false, true)) {
                    log.warn(
                            "Identifier index unavailable ({}): identifiers are looked up with FHIR searches",
                            e.getMessage());
                }
                return null;
            } finally {
                lookupNanos.addAndGet(System.nanoTime() - started);
                lookupBatches.incrementAndGet();
            }
        }

        /** Where an entry goes given the ids of the resources that carry its identifier. */
        private Target target(Entry entry, Set<String> ids, boolean complete) {
            String type = entry.resource().fhirType();
            if (!complete) {
                return ambiguous(entry, Math.max(ids.size(), LOOKUP_COUNT) + " or more");
            } else if (ids.size() > 1) {
                return ambiguous(entry, String.valueOf(ids.size()));
            } else if (ids.size() == 1) {
                return Target.at(type + "/" + ids.iterator().next());
            }
            Identifier identifier = entry.identifier();
            return Target.at(type + "/" + deterministicId(identifier.getSystem(), identifier.getValue()));
        }

        /** Sends one search per entry as a batch; {@code null} when the server refused the whole batch. */
        private Bundle search(List<Entry> lookups) {
            Bundle request = new Bundle().setType(Bundle.BundleType.BATCH);
            for (Entry entry : lookups) {
                request.addEntry()
                        .getRequest()
                        .setMethod(Bundle.HTTPVerb.GET)
                        // _offset makes HAPI search synchronously: no cached search reused (a result up to a minute
                        // old), none stored
                        .setUrl(entry.key() + "&_count=" + LOOKUP_COUNT + "&_offset=0&_elements=identifier");
            }
            Bundle response;
            long started = System.nanoTime();
            try {
                response = client.transaction(request);
            } catch (BaseServerResponseException e) {
                if (!isContentError(e) && e.getStatusCode() != 403) {
                    throw new ImportTargetException(
                            "FHIR server " + client.baseUrl() + " unavailable: " + e.getMessage(), e);
                }
                log.debug("Identifier lookup refused", e);
                return null;
            } finally {
                lookupNanos.addAndGet(System.nanoTime() - started);
                lookupBatches.incrementAndGet();
            }
            if (response == null || response.getEntry().size() != lookups.size()) {
                throw new ImportTargetException(
                        "FHIR server " + client.baseUrl() + " answered "
                                + (response == null ? 0 : response.getEntry().size()) + " entries to a batch of "
                                + lookups.size() + " searches: not a valid batch-response",
                        null);
            }
            return response;
        }

        /** An entry the server would not search for is written with a conditional update, as before. */
        private void fallBack(Entry entry, String why, Map<String, Target> targets) {
            if (warnedFallback.compareAndSet(false, true)) {
                log.warn(
                        "{} search by identifier {} at {}: such rows are written with conditional updates",
                        entry.resource().fhirType(),
                        why,
                        client.baseUrl());
            }
            targets.put(entry.key(), Target.at(entry.key()));
        }

        private void send(List<PendingRow> batch, Map<String, Target> targets) {
            Bundle request = transaction(batch, targets);
            Instant sentAt = clock.instant();
            Bundle response;
            long started = System.nanoTime();
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
                batch.forEach(row -> send(List.of(row), targets));
                return;
            } finally {
                transactionNanos += System.nanoTime() - started;
                transactions++;
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

        private Bundle transaction(List<PendingRow> batch, Map<String, Target> targets) {
            Map<String, String> fullUrls = new HashMap<>();
            for (PendingRow row : batch) {
                for (Entry entry : row.entries()) {
                    if (!entry.byClientId()) {
                        fullUrls.put(entry.key(), entry.fullUrl());
                    }
                }
            }
            Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (PendingRow row : batch) {
                for (Entry entry : row.entries()) {
                    bundle.addEntry()
                            .setFullUrl(entry.fullUrl())
                            .setResource(withLocalReferences(entry.resource(), fullUrls))
                            .getRequest()
                            .setMethod(Bundle.HTTPVerb.PUT)
                            .setUrl(targets.get(entry.key()).url());
                }
            }
            return bundle;
        }

        /** The resource, or a copy whose conditional references to entries of this transaction are fullUrls. */
        private Resource withLocalReferences(Resource resource, Map<String, String> fullUrls) {
            boolean local = terser.getAllPopulatedChildElementsOfType(resource, Reference.class).stream()
                    .anyMatch(reference -> fullUrls.containsKey(reference.getReference()));
            if (!local) {
                return resource;
            }
            Resource copy = resource.copy();
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(copy, Reference.class)) {
                String fullUrl = fullUrls.get(reference.getReference());
                if (fullUrl != null) {
                    reference.setReference(fullUrl);
                }
            }
            return copy;
        }
    }

    /** Whether a search answer holds every match: no next page, not a full page, no larger total. */
    private static boolean complete(Bundle page) {
        int count = page.getEntry().size();
        return page.getLink(Bundle.LINK_NEXT) == null
                && count < LOOKUP_COUNT
                && (!page.hasTotal() || page.getTotal() <= count);
    }

    /** Ids of the resources of a search answer that carry this identifier. */
    private static Set<String> ids(Bundle page, Identifier wanted) {
        String key = tokenKey(wanted);
        Set<String> ids = new LinkedHashSet<>();
        for (Bundle.BundleEntryComponent match : page.getEntry()) {
            Resource resource = match.getResource();
            if (resource == null || !resource.getIdElement().hasIdPart()) {
                continue;
            }
            Property property = resource.getNamedProperty("identifier");
            if (property == null) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof Identifier identifier
                        && identifier.hasSystem()
                        && identifier.hasValue()
                        && tokenKey(identifier).equals(key)) {
                    ids.add(resource.getIdElement().getIdPart());
                }
            }
        }
        return ids;
    }

    private static String tokenKey(Identifier identifier) {
        return ConditionalUrls.token(identifier.getSystem(), identifier.getValue());
    }

    private static Target ambiguous(Entry entry, String count) {
        Identifier identifier = entry.identifier();
        return Target.rejected(count + " " + entry.resource().fhirType() + " resources already have identifier "
                + identifier.getSystem() + "|" + identifier.getValue() + ": the import cannot tell which to update");
    }

    /** The outcome of one entry of a transaction-response, sent at {@code sentAt}. */
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
        String key = BusinessIdentifiers.conditionalUrl(r4);
        if (BusinessIdentifiers.byClientId(r4)) {
            return new Entry(URN_UUID + UUID.randomUUID(), key, null, r4);
        }
        String id = r4.getIdElement().getValue();
        String fullUrl = id != null && id.startsWith(URN_UUID) ? id : URN_UUID + UUID.randomUUID();
        if (id != null) {
            r4.setId((String) null);
        }
        return new Entry(fullUrl, key, BusinessIdentifiers.first(r4).orElseThrow(), r4);
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
