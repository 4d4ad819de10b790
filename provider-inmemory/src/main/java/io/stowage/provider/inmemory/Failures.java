package io.stowage.provider.inmemory;

import io.stowage.spi.BlobId;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

/**
 * Builds the {@link StoreException}s of this provider, so that every message names the
 * resource involved in the same way.
 *
 * <pre>{@code
 * throw Failures.invalid("Bucket name 'A' must be lowercase").withBucket("A");
 * }</pre>
 */
final class Failures {

    private Failures() {
    }

    static StoreException invalid(String message) {
        return new StoreException(StoreErrorCode.INVALID_INPUT, message);
    }

    static StoreException bucketNotFound(String bucket) {
        return new StoreException(StoreErrorCode.BUCKET_NOT_FOUND,
                "Bucket '" + bucket + "' does not exist; create it with createBucket first").withBucket(bucket);
    }

    static StoreException objectNotFound(String bucket, String key, String versionId) {
        String what = versionId == null
                ? "Object '" + key + "' does not exist in bucket '" + bucket + "'"
                : "Version '" + versionId + "' of object '" + key + "' does not exist in bucket '" + bucket + "'";
        return new StoreException(StoreErrorCode.OBJECT_NOT_FOUND, what + "; check the key (and version id)")
                .withBucket(bucket).withKey(key);
    }

    static StoreException keyTaken(BlobId id) {
        return StoreException.builder(StoreErrorCode.PRECONDITION_FAILED, "Object '" + id.key() + "' already exists in "
                + "bucket '" + id.bucket() + "'; a create-only upload does not replace it").bucket(id.bucket())
                .key(id.key()).build();
    }

    static StoreException closed(String what) {
        return new StoreException(StoreErrorCode.OTHER, "The in-memory " + what + " store is closed; create a new store");
    }

    /** Wraps anything unexpected so that callers always see a {@link StoreException}. */
    static StoreException wrap(Throwable t) {
        if (t instanceof StoreException) {
            return (StoreException) t;
        }
        return new StoreException(StoreErrorCode.OTHER, "Unexpected failure in the in-memory store: " + t, t);
    }
}
