package io.stowage;

/**
 * Sees every call Stowage makes to its blob and item stores, and every operation it runs
 * (save, get, query, delete, sweep), with the bytes, the duration and the outcome: the hook
 * for metrics and traces (the {@code stowage-micrometer} module turns these into meters).
 * Ends are reported on the thread that completed the call; listeners must not block, and what
 * they throw is logged and ignored, never raised to the caller. Each event carries an id, and
 * each store call the id of the operation that made it, so that a tracer can build one span
 * per operation with its store calls (upload, item write, compensating delete) as children.
 *
 * <pre>{@code
 * StowageConfig.builder().listener(new StowageListener() {
 *     public void onStoreCall(StoreCall call) {
 *         log.info("{} {} took {} ms", call.store(), call.operation(), call.duration().toMillis());
 *     }
 * }).build();
 * }</pre>
 */
public interface StowageListener {

    /**
     * An operation is about to run (on the caller's thread): open a span here. Every
     * {@code onOperationStarted} is followed by exactly one {@link #onOperation} with the same id.
     */
    default void onOperationStarted(OperationEvent.Started started) {
    }

    /**
     * A store call is about to be made: open a child span of its operation here. Every
     * {@code onStoreCallStarted} is followed by exactly one {@link #onStoreCall} with the same id.
     */
    default void onStoreCallStarted(StoreCall.Started started) {
    }

    /** One call to a blob or item store, once it completed (or failed). */
    default void onStoreCall(StoreCall call) {
    }

    /** One Stowage operation, once it completed (or failed). */
    default void onOperation(OperationEvent operation) {
    }
}
