package fr.vigie.routes.common;

import java.util.Optional;

/**
 * Base of the import failures a caller must tell apart; the HTTP layer maps each subclass to a status code:
 * {@link UnknownFeedException} 404, {@link UnsupportedImportFormatException} 415, {@link UnreadableImportException}
 * 400, {@link ImportTargetException} 502. Rejected rows are not exceptions: they are listed in the report.
 *
 * <p>When the import had started, the exception carries its final (failed) report, already persisted.
 */
public abstract class ImportException extends RuntimeException {

    private final transient ImportReport report;

    protected ImportException(String message, Throwable cause, ImportReport report) {
        super(message, cause);
        this.report = report;
    }

    /** The failed import's report, when the import had started (not for unknown feeds or formats). */
    public Optional<ImportReport> report() {
        return Optional.ofNullable(report);
    }
}
