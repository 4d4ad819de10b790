package io.stowage.spi;

/**
 * Why a provider operation failed. Providers map their native errors onto these codes
 * so that the API can report the same failure the same way whatever the backend.
 *
 * <p>Each code also says whether the failed request <em>certainly did not take effect</em>
 * ({@link #isDefinite()}): a refusal (missing table, access denied, a failed condition, a
 * throttling answer after the last retry, a connection that was never made) leaves the
 * store as it was, so a caller may undo its own earlier steps at once. An ambiguous
 * failure (a timeout, a connection lost after the request was sent, a server error) may
 * have been applied; a caller must read the store back before it undoes anything.
 *
 * <pre>{@code
 * StoreException e = ...;
 * if (e.code().isDefinite()) {
 *     deleteWhatThisSaveUploaded();
 * } else {
 *     readTheItemBackFirst();
 * }
 * }</pre>
 */
public enum StoreErrorCode {
    /** The bucket does not exist. */
    BUCKET_NOT_FOUND(true),
    /** The object (or that version of it) does not exist. */
    OBJECT_NOT_FOUND(true),
    /** The table does not exist. */
    TABLE_NOT_FOUND(true),
    /** Credentials were refused, or the principal lacks the permission. */
    ACCESS_DENIED(true),
    /** The call did not finish in time; it may have been applied. */
    TIMEOUT(false),
    /** The backend could not be reached: no connection was made, so nothing was sent. */
    CONNECTION(true),
    /** The connection broke after the request was sent (reset, closed); it may have been applied. */
    CONNECTION_LOST(false),
    /**
     * A precondition on an object did not hold: If-Match (etag or version) on a read or a
     * delete, or If-None-Match on a create-only upload whose key is taken.
     */
    PRECONDITION_FAILED(true),
    /** An item-store condition expression did not hold. */
    CONDITION_FAILED(true),
    /** The item exceeds the store's item size limit. */
    ITEM_TOO_LARGE(true),
    /** The backend refused the request as malformed, or a caller passed an invalid argument. */
    INVALID_INPUT(true),
    /** The backend throttled the request and retries did not get through. */
    THROTTLED(true),
    /** The provider does not support the operation; see its capabilities. */
    UNSUPPORTED(true),
    /** The store refused an upload whose bytes did not match the checksum sent with them; nothing was stored. */
    CHECKSUM_MISMATCH(true),
    /** Anything else (a server error, a provider bug); it may have been applied. */
    OTHER(false);

    private final boolean definite;

    StoreErrorCode(boolean definite) {
        this.definite = definite;
    }

    /**
     * Whether a request that failed with this code certainly did not take effect; {@code false}
     * when it may have (timeouts, lost connections, server errors).
     */
    public boolean isDefinite() {
        return definite;
    }
}
