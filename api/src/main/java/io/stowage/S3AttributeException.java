package io.stowage;

import java.util.Optional;

/**
 * A blob-side failure: upload, download, presign or delete of an attribute's file.
 * {@link #reason()} says what kind; {@link #bucket()}, {@link #key()} and
 * {@link #attribute()} say where.
 *
 * <pre>{@code
 * try {
 *     byte[] data = doc.content.syncGetBytes();
 * } catch (S3AttributeException e) {
 *     if (e.reason() == S3AttributeException.Reason.CONTENT_CHANGED) { reload(); }
 * }
 * }</pre>
 */
public class S3AttributeException extends StowageException {

    private static final long serialVersionUID = 1L;

    /**
     * What went wrong, as a closed set so that callers branch on it rather than on the
     * provider's message text, which differs from one blob store to another.
     *
     * <pre>{@code
     * boolean retryable = switch (e.reason()) {
     *     case TIMEOUT, CONNECTION -> true;
     *     default -> false;
     * };
     * }</pre>
     */
    public enum Reason {
        /** The bucket does not exist. */
        BUCKET_NOT_FOUND,
        /** Credentials were refused or lack a permission. */
        ACCESS_DENIED,
        /** The call did not finish in time. */
        TIMEOUT,
        /** The blob store could not be reached. */
        CONNECTION,
        /** The object does not exist. */
        OBJECT_NOT_FOUND,
        /** The object no longer matches the etag or version the item recorded. */
        CONTENT_CHANGED,
        /** The request was refused as invalid (name, metadata, range, expiry...). */
        INVALID_INPUT,
        /**
         * The bytes did not match their CRC32C: a read whose bytes differ from the checksum the
         * item recorded at save (corruption at rest or on the wire; nothing is kept of the read),
         * or an upload the store refused because its bytes differed from the checksum sent.
         */
        CHECKSUM_MISMATCH,
        /** Anything else. */
        OTHER
    }

    private final Reason reason;
    private final String bucket;
    private final String key;
    private final String attribute;

    public S3AttributeException(Reason reason, String message, String bucket, String key, String attribute, Throwable cause) {
        super(message, cause);
        this.reason = reason == null ? Reason.OTHER : reason;
        this.bucket = bucket;
        this.key = key;
        this.attribute = attribute;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<String> bucket() {
        return Optional.ofNullable(bucket);
    }

    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** The model attribute involved, when known. */
    public Optional<String> attribute() {
        return Optional.ofNullable(attribute);
    }
}
