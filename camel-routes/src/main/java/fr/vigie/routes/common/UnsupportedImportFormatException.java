package fr.vigie.routes.common;

/**
 * The feed cannot read the requested format, content type or file extension (HTTP 415). The message names the
 * formats the feed supports so the caller can pass {@code ?format=}.
 */
public class UnsupportedImportFormatException extends ImportException {

    public UnsupportedImportFormatException(String message) {
        super(message, null, null);
    }
}
