package fr.vigie.server.security.hardening;

import java.io.IOException;

/**
 * Thrown while reading a request body that turns out larger than the endpoint accepts (a chunked upload, whose size
 * is not announced). {@link RequestSizeLimitFilter} turns it into HTTP 413, whatever the code reading the body did
 * with it. The message names the limit only, never the content.
 */
public class RequestBodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    public RequestBodyTooLargeException(long limitBytes) {
        super("Request body larger than the " + FhirErrorResponse.size(limitBytes) + " accepted");
        this.limitBytes = limitBytes;
    }

    /** The limit that was exceeded, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
