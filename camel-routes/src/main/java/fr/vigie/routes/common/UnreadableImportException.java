package fr.vigie.routes.common;

/**
 * The file cannot be read at all (not JSON, corrupt workbook, missing sheet, wrong header...), so no row can be
 * imported (HTTP 400; inbox files move to {@code failed/}). A single bad row is a rejection, not this exception.
 */
public class UnreadableImportException extends ImportException {

    public UnreadableImportException(String message) {
        super(message, null, null);
    }

    public UnreadableImportException(String message, Throwable cause) {
        super(message, cause, null);
    }

    /** Same failure, with the failed report the service produced for it. */
    UnreadableImportException(UnreadableImportException original, ImportReport report) {
        super(original.getMessage(), original, report);
    }
}
