package io.stowage.spi;

/**
 * Why a provider operation failed. Providers map their native errors onto these codes
 * so that the API can report the same failure the same way whatever the backend.
 *
 * <pre>{@code
 * throw new StoreException(StoreErrorCode.OBJECT_NOT_FOUND, "No such object", e)
 *         .bucket(bucket).key(key);
 * }</pre>
 */
public enum StoreErrorCode {
    /** The bucket does not exist. */
    BUCKET_NOT_FOUND,
    /** The object (or that version of it) does not exist. */
    OBJECT_NOT_FOUND,
    /** The table does not exist. */
    TABLE_NOT_FOUND,
    /** Credentials were refused, or the principal lacks the permission. */
    ACCESS_DENIED,
    /** The call did not finish in time. */
    TIMEOUT,
    /** The backend could not be reached. */
    CONNECTION,
    /** An If-Match (etag or version) precondition did not hold. */
    PRECONDITION_FAILED,
    /** An item-store condition expression did not hold. */
    CONDITION_FAILED,
    /** The item exceeds the store's item size limit. */
    ITEM_TOO_LARGE,
    /** The backend refused the request as malformed. */
    INVALID_INPUT,
    /** The backend throttled the request and retries did not get through. */
    THROTTLED,
    /** The provider does not support the operation; see its capabilities. */
    UNSUPPORTED,
    /** Anything else. */
    OTHER
}
