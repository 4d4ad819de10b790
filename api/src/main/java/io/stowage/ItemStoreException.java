package io.stowage;

import java.util.Optional;

/**
 * An item-side failure: a put, get, delete or query that the item store refused or
 * could not complete. {@link #reason()} says what kind, {@link #table()} where.
 *
 * <pre>{@code
 * try {
 *     documents.syncGet("DOC#1");
 * } catch (ItemStoreException e) {
 *     if (e.reason() == ItemStoreException.Reason.TABLE_NOT_FOUND) { documents.syncCreateTableIfMissing(); }
 * }
 * }</pre>
 */
public class ItemStoreException extends StowageException {

    private static final long serialVersionUID = 1L;

    /**
     * What went wrong, as a closed set so that callers branch on it rather than on the
     * provider's message text, which differs from one item store to another.
     *
     * <pre>{@code
     * boolean retryable = switch (e.reason()) {
     *     case THROTTLED, TIMEOUT, CONNECTION -> true;
     *     default -> false;
     * };
     * }</pre>
     */
    public enum Reason {
        TABLE_NOT_FOUND,
        CONDITION_FAILED,
        ACCESS_DENIED,
        TIMEOUT,
        CONNECTION,
        THROTTLED,
        INVALID_INPUT,
        OTHER
    }

    private final Reason reason;
    private final String table;

    public ItemStoreException(Reason reason, String message, String table, Throwable cause) {
        super(message, cause);
        this.reason = reason == null ? Reason.OTHER : reason;
        this.table = table;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<String> table() {
        return Optional.ofNullable(table);
    }
}
