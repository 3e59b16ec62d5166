package fr.vigie.routes.common;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The live, thread-safe counterpart of {@link ImportReport}: the import thread records row outcomes while status
 * requests take {@link #snapshot() snapshots} from other threads.
 *
 * <p>Every row must end in exactly one of {@link #record}, {@link #reject}; {@link #warn} adds information only.
 */
public final class ImportProgress {

    private final String id;
    private final String feed;
    private final String format;
    private final String source;
    private final Clock clock;
    private final Instant startedAt;
    private final List<ImportReport.Rejection> rejected = new ArrayList<>();
    private final List<ImportReport.Warning> warnings = new ArrayList<>();
    private String target;
    private long created;
    private long updated;
    private long unchanged;
    private Instant finishedAt;
    private ImportStatus finalStatus;
    private String error;

    public ImportProgress(String id, String feed, String format, String source, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.feed = feed;
        this.format = format;
        this.source = source;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public String id() {
        return id;
    }

    public synchronized void target(String target) {
        this.target = target;
    }

    public synchronized void record(RowRef row, RowOutcome outcome) {
        Objects.requireNonNull(row, "row");
        switch (outcome) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
        }
    }

    public synchronized void reject(RowRef row, String reason) {
        rejected.add(new ImportReport.Rejection(Objects.requireNonNull(row, "row"), reason));
    }

    public synchronized void warn(RowRef row, String message) {
        warnings.add(new ImportReport.Warning(Objects.requireNonNull(row, "row"), message));
    }

    /** Ends the import normally; the status follows from the rejections. Ending twice keeps the first end. */
    public synchronized ImportReport complete() {
        finish(rejected.isEmpty() ? ImportStatus.COMPLETED : ImportStatus.COMPLETED_WITH_REJECTIONS, null);
        return snapshot();
    }

    /** Ends the import as {@code failed}; counts so far are kept (rows already written stay written). */
    public synchronized ImportReport fail(String reason) {
        finish(ImportStatus.FAILED, reason);
        return snapshot();
    }

    public synchronized boolean isFinished() {
        return finalStatus != null;
    }

    /** The report as of now: status {@code running} with the counts so far until the import ends. */
    public synchronized ImportReport snapshot() {
        return new ImportReport(
                id,
                feed,
                format,
                source,
                target,
                startedAt,
                finishedAt,
                finalStatus == null ? ImportStatus.RUNNING : finalStatus,
                error,
                created + updated + unchanged + rejected.size(),
                created,
                updated,
                unchanged,
                rejected,
                warnings);
    }

    /** Keeps the first end: an import stopped at shutdown stays failed even if its thread completes later. */
    private void finish(ImportStatus status, String reason) {
        if (finalStatus != null) {
            return;
        }
        finalStatus = status;
        error = reason;
        finishedAt = clock.instant();
    }
}
