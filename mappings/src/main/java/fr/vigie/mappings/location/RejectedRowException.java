package fr.vigie.mappings.location;

/** Thrown inside a mapper to abandon a row; turned into {@link MappingResult.Rejected} before leaving the mapper. */
final class RejectedRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RejectedRowException(String reason) {
        super(reason, null, false, false);
    }
}
