package io.stowage;

/**
 * Told of every object Stowage could not account for ({@link OrphanedObject}): the hook
 * for alerts, metrics or a clean-up queue. Called on the thread that found the orphan;
 * it must not block, and what it throws is logged, never lost and never raised to the
 * caller of the operation.
 *
 * <pre>{@code
 * StowageConfig.builder().orphanListener(o -> queue.offer(o)).build();
 * }</pre>
 */
@FunctionalInterface
public interface OrphanListener {

    /** One object Stowage could not account for. */
    void onOrphan(OrphanedObject orphan);

    /** The default: a warning per orphan, which says that the sweeper reclaims it. */
    static OrphanListener logging() {
        return orphan -> org.slf4j.LoggerFactory.getLogger("io.stowage").warn("Object not accounted for "
                + "(Table.sweepOrphans reclaims it once its grace period has passed; do not delete it by hand): {}", orphan);
    }
}
