package io.stowage.spi;

import java.util.Objects;

/**
 * A failure raised by a provider, with a {@link StoreErrorCode} and the resource involved.
 * Immutable: {@link #withBucket}, {@link #withKey} and {@link #withTable} return copies.
 * The API maps it onto its own exceptions; messages must never contain a secret.
 *
 * <pre>{@code
 * throw new StoreException(StoreErrorCode.BUCKET_NOT_FOUND, "Bucket does not exist").withBucket("company-docs");
 * StoreException taken = StoreException.builder(StoreErrorCode.PRECONDITION_FAILED, "The key is taken")
 *         .bucket("company-docs").key("docs/a.pdf").cause(sdkFailure).build();
 * }</pre>
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StoreErrorCode code;
    private final String bucket;
    private final String key;
    private final String table;
    private final boolean afterAnAmbiguousAttempt;

    public StoreException(StoreErrorCode code, String message) {
        this(code, message, null);
    }

    public StoreException(StoreErrorCode code, String message, Throwable cause) {
        this(code, message, cause, null, null, null, false);
    }

    private StoreException(StoreErrorCode code, String message, Throwable cause, String bucket, String key, String table,
                           boolean afterAnAmbiguousAttempt) {
        super(message, cause);
        this.code = code == null ? StoreErrorCode.OTHER : code;
        this.bucket = bucket;
        this.key = key;
        this.table = table;
        this.afterAnAmbiguousAttempt = afterAnAmbiguousAttempt;
    }

    /** A builder, for failures that name their resource as they are made. */
    public static Builder builder(StoreErrorCode code, String message) {
        return new Builder(code, message);
    }

    public StoreErrorCode code() {
        return code;
    }

    /** Whether the failed request certainly did not take effect; see {@link StoreErrorCode#isDefinite()}. */
    public boolean isDefinite() {
        return code.isDefinite() && !afterAnAmbiguousAttempt;
    }

    /** The bucket involved, or {@code null}. */
    public String bucket() {
        return bucket;
    }

    /** The object key involved, or {@code null}. */
    public String key() {
        return key;
    }

    /** The table involved, or {@code null}. */
    public String table() {
        return table;
    }

    /** A copy that names the bucket. */
    public StoreException withBucket(String newBucket) {
        return copy(newBucket, key, table);
    }

    /** A copy that names the object key. */
    public StoreException withKey(String newKey) {
        return copy(bucket, newKey, table);
    }

    /** A copy that names the table. */
    public StoreException withTable(String newTable) {
        return copy(bucket, key, newTable);
    }

    /**
     * This failure if it names a bucket and key already, else a copy that names the given
     * ones where it names none: for failures raised before the resource was known.
     */
    public StoreException orWhere(String defaultBucket, String defaultKey) {
        if ((bucket != null || defaultBucket == null) && (key != null || defaultKey == null)) {
            return this;
        }
        return copy(bucket != null ? bucket : defaultBucket, key != null ? key : defaultKey, table);
    }

    private StoreException copy(String newBucket, String newKey, String newTable) {
        if (Objects.equals(newBucket, bucket) && Objects.equals(newKey, key) && Objects.equals(newTable, table)) {
            return this;
        }
        StoreException copy = new StoreException(code, super.getMessage(), getCause(), newBucket, newKey, newTable,
                afterAnAmbiguousAttempt);
        copy.setStackTrace(getStackTrace());
        for (Throwable s : getSuppressed()) {
            copy.addSuppressed(s);
        }
        return copy;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(String.valueOf(super.getMessage()));
        sb.append(" [").append(code);
        if (table != null) {
            sb.append(", table=").append(table);
        }
        if (bucket != null) {
            sb.append(", bucket=").append(bucket);
        }
        if (key != null) {
            sb.append(", key=").append(key);
        }
        return sb.append(']').toString();
    }

    /**
     * Builder of {@link StoreException}.
     *
     * <pre>{@code
     * throw StoreException.builder(StoreErrorCode.OBJECT_NOT_FOUND, "No such object")
     *         .bucket(bucket).key(key).build();
     * }</pre>
     */
    public static final class Builder {
        private final StoreErrorCode code;
        private final String message;
        private Throwable cause;
        private String bucket;
        private String key;
        private String table;
        private boolean afterAnAmbiguousAttempt;

        private Builder(StoreErrorCode code, String message) {
            this.code = code;
            this.message = message;
        }

        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * The client retried, and an earlier attempt failed in a way that may have applied the
         * request (a timeout, a broken connection, a server error): then even a refusal of the
         * last attempt is not {@linkplain StoreException#isDefinite() definite}.
         */
        public Builder afterAnAmbiguousAttempt(boolean ambiguousEarlier) {
            this.afterAnAmbiguousAttempt = ambiguousEarlier;
            return this;
        }

        public StoreException build() {
            return new StoreException(code, message, cause, bucket, key, table, afterAnAmbiguousAttempt);
        }
    }
}
