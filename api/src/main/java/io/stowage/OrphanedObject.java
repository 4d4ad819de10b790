package io.stowage;

import java.util.Objects;
import java.util.Optional;

/**
 * An object Stowage could not account for, reported to the {@link OrphanListener} of
 * {@link StowageConfig} so that it is never silently lost track of: one it meant to delete
 * but could not, one it uploaded but cannot tell whether the stored item points at, one it
 * left alone because another item owns it. None of these is safe to delete by hand on
 * sight: {@link Table#sweepOrphans} decides from the object's back-link and the stored item,
 * after a grace period.
 *
 * <pre>{@code
 * StowageConfig.builder().orphanListener(o -> metrics.counter("orphans", o.kind().name()).increment()).build();
 * }</pre>
 */
public final class OrphanedObject {

    /**
     * Why the object is reported.
     *
     * <pre>{@code
     * if (orphan.kind() == OrphanedObject.Kind.DELETE_FAILED) { alert(orphan); }
     * }</pre>
     */
    public enum Kind {
        /** Stowage meant to delete the object (replaced, cascaded, or a failed save's upload) and the delete failed. */
        DELETE_FAILED,
        /**
         * A save uploaded the object, its item write failed ambiguously, and the stored item
         * could not be read back: it may be the object the item now points at. The sweeper decides.
         */
        UNVERIFIED,
        /**
         * A save's item write landed, or an item delete may have, but its answer was lost, so
         * the objects the item held before could not be identified; {@link #key()} is the
         * folder they live under. The sweeper reclaims them.
         */
        PREVIOUS_UNKNOWN,
        /** Stowage was to delete the object but its back-link names another item, so it was kept. */
        NOT_OWNED,
        /** Found by a sweep: older than the grace period, and the item its back-link names does not point at it. */
        UNREFERENCED,
        /** Found by a sweep: no back-link, so not uploaded by Stowage; never deleted, listed for a person to decide. */
        NO_BACK_LINK
    }

    private final Kind kind;
    private final String table;
    private final String attribute;
    private final String bucket;
    private final String key;
    private final Throwable cause;

    public OrphanedObject(Kind kind, String table, String attribute, String bucket, String key, Throwable cause) {
        if (kind == null || bucket == null || key == null) {
            throw new StowageException("An OrphanedObject names its kind, bucket and key; got " + kind + ", bucket "
                    + bucket + ", key " + key);
        }
        this.kind = kind;
        this.table = table;
        this.attribute = attribute;
        this.bucket = bucket;
        this.key = key;
        this.cause = cause;
    }

    public Kind kind() {
        return kind;
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

    /**
     * The object's key; for {@link Kind#PREVIOUS_UNKNOWN}, and for an {@link Kind#UNVERIFIED}
     * upload whose own answer was lost, the folder (ending with {@code /}) the item's objects
     * live under.
     */
    public String key() {
        return key;
    }

    /** What failed, when something did. */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OrphanedObject)) {
            return false;
        }
        OrphanedObject other = (OrphanedObject) o;
        return kind == other.kind && bucket.equals(other.bucket) && key.equals(other.key)
                && Objects.equals(table, other.table) && Objects.equals(attribute, other.attribute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, bucket, key);
    }

    @Override
    public String toString() {
        return "OrphanedObject(" + kind + ", s3://" + bucket + "/" + key + ", table=" + table + ", attribute=" + attribute
                + (cause == null ? "" : ", cause=" + cause.getMessage()) + ")";
    }
}
