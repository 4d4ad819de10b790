package io.stowage;

/**
 * Sees every call Stowage makes to its blob and item stores, and every operation it runs
 * (save, get, query, delete, sweep), with the bytes, the duration and the outcome: the hook
 * for metrics and traces (the {@code stowage-micrometer} module turns these into meters).
 * Listeners are called on the thread that completed the call; they must not block, and what
 * they throw is logged and ignored, never raised to the caller.
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

    /** One call to a blob or item store, once it completed (or failed). */
    default void onStoreCall(StoreCall call) {
    }

    /** One Stowage operation, once it completed (or failed). */
    default void onOperation(OperationEvent operation) {
    }
}
