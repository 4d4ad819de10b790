package io.stowage;

import java.util.List;

/**
 * What a sweep found: every listed object is counted once as referenced (an item points at
 * it), orphaned (its back-link names an item that does not point at it; deleted unless dry
 * run), skipped (younger than the grace period, without a back-link, owned by another
 * table, or changed between the sweep's look and its delete) or failed (a read or delete
 * that failed; it is kept), so {@code listed == referenced + orphaned + skipped + failed}.
 * Immutable.
 *
 * <pre>{@code
 * SweepReport r = documents.syncSweepOrphans(SweepOptions.defaults());
 * log.info("swept {}: {} orphans, {} deleted", r.listed(), r.orphaned(), r.deleted());
 * }</pre>
 */
public final class SweepReport {

    private final long listed;
    private final long referenced;
    private final long orphaned;
    private final long deleted;
    private final long skipped;
    private final long failed;
    private final List<OrphanedObject> orphans;
    private final List<OrphanedObject> unlinked;

    public SweepReport(long listed, long referenced, long orphaned, long deleted, long skipped, long failed,
                       List<OrphanedObject> orphans, List<OrphanedObject> unlinked) {
        this.listed = listed;
        this.referenced = referenced;
        this.orphaned = orphaned;
        this.deleted = deleted;
        this.skipped = skipped;
        this.failed = failed;
        this.orphans = List.copyOf(orphans);
        this.unlinked = List.copyOf(unlinked);
    }

    /** Objects listed under the attributes' prefixes. */
    public long listed() {
        return listed;
    }

    /** Objects an item points at. */
    public long referenced() {
        return referenced;
    }

    /** Objects older than the grace period whose item does not point at them. */
    public long orphaned() {
        return orphaned;
    }

    /** Orphans deleted (0 in a dry run). */
    public long deleted() {
        return deleted;
    }

    /** Objects left alone: younger than the grace period, without a back-link, or another table's. */
    public long skipped() {
        return skipped;
    }

    /** Objects whose check or delete failed; they are kept, and a later sweep decides. */
    public long failed() {
        return failed;
    }

    /**
     * The orphans found, up to {@link SweepOptions#maxListed()}, as
     * {@link OrphanedObject.Kind#UNREFERENCED}: those counted as orphaned, and those whose
     * delete failed (counted as failed). An object that changed before its delete is not one.
     */
    public List<OrphanedObject> orphans() {
        return orphans;
    }

    /**
     * Objects under the prefixes without a back-link (not uploaded by Stowage), up to
     * {@link SweepOptions#maxListed()}: never deleted, listed for a person to decide.
     */
    public List<OrphanedObject> unlinked() {
        return unlinked;
    }

    @Override
    public String toString() {
        return "SweepReport(listed=" + listed + ", referenced=" + referenced + ", orphaned=" + orphaned + ", deleted="
                + deleted + ", skipped=" + skipped + ", failed=" + failed + ")";
    }
}
