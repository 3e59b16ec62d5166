package fr.vigie.mappings.environment;

/**
 * Thrown inside an environment mapper to abandon a row (or a cell of a wide row); turned into a rejection with its
 * message before leaving the mapper.
 */
final class RejectedValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RejectedValueException(String reason) {
        super(reason, null, false, false);
    }
}
