package io.stowage.provider.inmemory;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs store operations so that they never throw: every failure, validation included,
 * completes the returned future with a {@link io.stowage.spi.StoreException} (never a
 * {@code CompletionException}, so handlers see the same cause whichever way it ran).
 *
 * <pre>{@code
 * return Futures.now(() -> repository.head(request));
 * }</pre>
 */
final class Futures {

    private Futures() {
    }

    /** Runs {@code work} in the caller's thread. */
    static <T> CompletableFuture<T> now(Callable<T> work) {
        try {
            return CompletableFuture.completedFuture(work.call());
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(Failures.wrap(t));
        }
    }

    /** Runs {@code work} on {@code executor}; for operations that do blocking I/O. */
    static <T> CompletableFuture<T> async(Executor executor, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable t) {
                    result.completeExceptionally(Failures.wrap(t));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(Failures.closed("blob"));
        }
        return result;
    }
}
