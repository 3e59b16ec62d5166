package fr.vigie.routes.documents;

/**
 * A document that cannot be imported (corrupt PDF, empty scan, unsupported type, too large, missing metadata...);
 * the message says what is wrong and what to send instead, and becomes the rejection reason of the import report
 * (and the {@code .error.txt} of an inbox file).
 */
public class DocumentRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DocumentRejectedException(String reason) {
        super(reason);
    }

    public DocumentRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
