package io.stowage;


/**
 * An object Stowage meant to delete but could not: after a delete, a replacement, or
 * the compensation of a failed save. Reported to the {@code orphanListener} of
 * {@link StowageConfig} (by default, logged as a warning) so it is never silently lost.
 *
 * <pre>{@code
 * StowageConfig.builder().orphanListener(o -> cleanupQueue.add(o.bucket() + "/" + o.key())).build();
 * }</pre>
 */
public final class OrphanedObject {

    private final String table;
    private final String attribute;
    private final String bucket;
    private final String key;
    private final Throwable cause;

    public OrphanedObject(String table, String attribute, String bucket, String key, Throwable cause) {
        this.table = table;
        this.attribute = attribute;
        if (bucket == null || key == null) {
            throw new StowageException("An OrphanedObject names its bucket and key; got bucket " + bucket + ", key " + key);
        }
        this.bucket = bucket;
        this.key = key;
        this.cause = cause;
    }

    public String table() {
        return table;
    }

    public String attribute() {
        return attribute;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    /** Why the delete failed. */
    public Throwable cause() {
        return cause;
    }

    @Override
    public String toString() {
        return "OrphanedObject(s3://" + bucket + "/" + key + ", table=" + table + ", attribute=" + attribute
                + ", cause=" + (cause == null ? null : cause.getMessage()) + ")";
    }
}
