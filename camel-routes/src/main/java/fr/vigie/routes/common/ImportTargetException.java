package fr.vigie.routes.common;

/**
 * The FHIR server to write to cannot be reached or is unavailable (connection refused, timeout, HTTP 502/503/504),
 * so the import stopped (HTTP 502; inbox files move to {@code failed/}). Rows written before the failure stay
 * written; imports are idempotent, so running the same file again later completes it.
 */
public class ImportTargetException extends ImportException {

    public ImportTargetException(String message, Throwable cause) {
        super(message, cause, null);
    }

    /** Same failure, with the failed report the service produced for it. */
    ImportTargetException(ImportTargetException original, ImportReport report) {
        super(original.getMessage(), original, report);
    }
}
