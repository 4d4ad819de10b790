package io.stowage;

/**
 * The root of every exception Stowage raises. Unchecked; messages name the table,
 * bucket, key and attribute involved and never contain a secret.
 *
 * <pre>{@code
 * try {
 *     documents.syncSave(doc);
 * } catch (StowageException e) {
 *     log.warn("Could not save {}: {}", doc.pk, e.getMessage());
 * }
 * }</pre>
 */
public class StowageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StowageException(String message) {
        super(message);
    }

    public StowageException(String message, Throwable cause) {
        super(message, cause);
    }
}
