package io.stowage.internal;

import io.stowage.ConditionFailedException;
import io.stowage.ItemStoreException;
import io.stowage.ModelException;
import io.stowage.S3AttributeException;
import io.stowage.S3AttributeException.Reason;
import io.stowage.StowageException;
import io.stowage.spi.StoreException;

/**
 * Turns provider failures into Stowage exceptions whose messages say where and what to do.
 * Internal, not API: public only because {@code Stowage} in {@code io.stowage} maps its
 * bucket failures with it.
 *
 * <pre>{@code
 * throw ErrorMapper.item(failure, "query", "documents");
 * }</pre>
 */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    /** Whether {@code failure}, unwrapped, is a provider's {@link StoreException} with {@code code}. */
    static boolean hasCode(Throwable failure, io.stowage.spi.StoreErrorCode code) {
        Throwable t = Futures.unwrap(failure);
        return t instanceof StoreException && ((StoreException) t).code() == code;
    }

    /**
     * A blob-side failure of {@code action} ("upload", "download", ...) on one object of
     * one attribute; Stowage exceptions pass through unchanged.
     */
    public static StowageException blob(Throwable failure, String action, String table, String attribute,
                                        String bucket, String key) {
        Throwable t = Futures.unwrap(failure);
        if (t instanceof StowageException) {
            return (StowageException) t;
        }
        Reason reason = Reason.OTHER;
        if (t instanceof StoreException) {
            reason = blobReason((StoreException) t);
        } else if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("not saved")) {
            return new StowageException(t.getMessage(), t);
        }
        String where = "s3://" + bucket + "/" + key + (attribute == null ? "" : " (attribute '" + attribute + "'")
                + (table == null ? (attribute == null ? "" : ")") : (attribute == null ? " (" : ", ") + "table '" + table + "')");
        String message = "Could not " + action + " " + where + ": " + hint(reason) + " [" + describe(t) + "]";
        return new S3AttributeException(reason, message, bucket, key, attribute, t);
    }

    private static Reason blobReason(StoreException e) {
        switch (e.code()) {
            case BUCKET_NOT_FOUND:
                return Reason.BUCKET_NOT_FOUND;
            case OBJECT_NOT_FOUND:
                return Reason.OBJECT_NOT_FOUND;
            case ACCESS_DENIED:
                return Reason.ACCESS_DENIED;
            case TIMEOUT:
                return Reason.TIMEOUT;
            case CONNECTION:
            case CONNECTION_LOST:
                return Reason.CONNECTION;
            case PRECONDITION_FAILED:
                return Reason.CONTENT_CHANGED;
            case INVALID_INPUT:
            case UNSUPPORTED:
                return Reason.INVALID_INPUT;
            case CHECKSUM_MISMATCH:
                return Reason.CHECKSUM_MISMATCH;
            default:
                return Reason.OTHER;
        }
    }

    private static String hint(Reason reason) {
        switch (reason) {
            case BUCKET_NOT_FOUND:
                return "the bucket does not exist; create it (stowage.createBucketIfMissing) or fix @S3Attribute(bucket)";
            case OBJECT_NOT_FOUND:
                return "the object does not exist; it was deleted outside Stowage or never uploaded";
            case ACCESS_DENIED:
                return "access denied; check the credentials and the IAM permissions (s3:PutObject, s3:GetObject, s3:DeleteObject)";
            case TIMEOUT:
                return "the blob store did not answer in time; retry, or raise apiCallTimeout in StowageConfig";
            case CONNECTION:
                return "the blob store could not be reached; check the endpoint and the network";
            case CONTENT_CHANGED:
                return "the object no longer has the etag/version the item recorded: a concurrent writer or another "
                        + "tool changed it since the item was read; reload the item";
            case INVALID_INPUT:
                return "the request was refused as invalid";
            case CHECKSUM_MISMATCH:
                return "the bytes did not match their CRC32C (corrupted on the way or at rest); retry, and if it persists "
                        + "restore the object";
            default:
                return "the blob store failed";
        }
    }

    /** An item-side failure of {@code action} on {@code table}; Stowage exceptions pass through. */
    public static StowageException item(Throwable failure, String action, String table) {
        Throwable t = Futures.unwrap(failure);
        if (t instanceof StowageException) {
            return (StowageException) t;
        }
        if (!(t instanceof StoreException)) {
            return new ItemStoreException(ItemStoreException.Reason.OTHER,
                    "Could not " + action + " in table '" + table + "': " + describe(t), table, t);
        }
        StoreException e = (StoreException) t;
        String prefix = "Could not " + action + " in table '" + table + "': ";
        switch (e.code()) {
            case CONDITION_FAILED:
                return new ConditionFailedException(prefix + "the condition did not hold on the stored item [" + describe(t) + "]", table, t);
            case ITEM_TOO_LARGE:
                return new ModelException(prefix + "the item is over DynamoDB's 400 KB limit; move large values into an "
                        + "@S3Attribute [" + describe(t) + "]", t);
            case TABLE_NOT_FOUND:
                return new ItemStoreException(ItemStoreException.Reason.TABLE_NOT_FOUND, prefix
                        + "the table does not exist; create it (table.createTableIfMissing()) or fix @ModelConfig(table)", table, t);
            case ACCESS_DENIED:
                return new ItemStoreException(ItemStoreException.Reason.ACCESS_DENIED, prefix
                        + "access denied; check the credentials and the IAM permissions [" + describe(t) + "]", table, t);
            case TIMEOUT:
                return new ItemStoreException(ItemStoreException.Reason.TIMEOUT, prefix
                        + "the item store did not answer in time; retry, or raise apiCallTimeout [" + describe(t) + "]", table, t);
            case CONNECTION:
                return new ItemStoreException(ItemStoreException.Reason.CONNECTION, prefix
                        + "the item store could not be reached; check the endpoint and the network [" + describe(t) + "]", table, t);
            case CONNECTION_LOST:
                return new ItemStoreException(ItemStoreException.Reason.CONNECTION, prefix
                        + "the connection broke after the request was sent, so it may have been applied; read the item "
                        + "before retrying [" + describe(t) + "]", table, t);
            case THROTTLED:
                return new ItemStoreException(ItemStoreException.Reason.THROTTLED, prefix
                        + "throttled after retries; slow down or raise capacity [" + describe(t) + "]", table, t);
            case INVALID_INPUT:
                return new ItemStoreException(ItemStoreException.Reason.INVALID_INPUT, prefix
                        + "the request was refused as invalid [" + describe(t) + "]", table, t);
            default:
                return new ItemStoreException(ItemStoreException.Reason.OTHER, prefix + describe(t), table, t);
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
