package fr.vigie.server.forecast;

/**
 * A forecast or training request that cannot be answered, with what the caller must fix: {@code badRequest} for a
 * malformed or out-of-range parameter (HTTP 400), otherwise missing data or model (HTTP 422).
 */
public class ForecastException extends RuntimeException {

    private final boolean badRequest;

    private ForecastException(String message, boolean badRequest) {
        super(message);
        this.badRequest = badRequest;
    }

    /** A parameter is malformed or out of range (400). */
    public static ForecastException badRequest(String message) {
        return new ForecastException(message, true);
    }

    /** The data or model the request needs is missing (422). */
    public static ForecastException unprocessable(String message) {
        return new ForecastException(message, false);
    }

    public boolean isBadRequest() {
        return badRequest;
    }
}
