package io.stowage.spi;

/**
 * A failure raised by a provider, with a {@link StoreErrorCode} and the resource involved.
 * The API maps it onto its own exceptions; messages must never contain a secret.
 *
 * <pre>{@code
 * throw new StoreException(StoreErrorCode.BUCKET_NOT_FOUND, "Bucket does not exist")
 *         .bucket("company-docs");
 * }</pre>
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StoreErrorCode code;
    private String bucket;
    private String key;
    private String table;

    public StoreException(StoreErrorCode code, String message) {
        this(code, message, null);
    }

    public StoreException(StoreErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code == null ? StoreErrorCode.OTHER : code;
    }

    public StoreErrorCode code() {
        return code;
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

    /** Records the bucket involved; returns this exception. */
    public StoreException bucket(String bucket) {
        this.bucket = bucket;
        return this;
    }

    /** Records the object key involved; returns this exception. */
    public StoreException key(String key) {
        this.key = key;
        return this;
    }

    /** Records the table involved; returns this exception. */
    public StoreException table(String table) {
        this.table = table;
        return this;
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
}
