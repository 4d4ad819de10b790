package io.stowage.s3support;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs a store operation so that nothing is thrown synchronously: a failure to start it
 * (validation included) and a failure of the future it started alike complete the
 * returned future with the mapped exception, as the SPI asks of async methods.
 *
 * <pre>{@code
 * return StoreCalls.call(() -> client.headBucket(bucket),
 *         e -> errors.map(e, "headBucket", bucket, null));
 * }</pre>
 */
public final class StoreCalls {

    private StoreCalls() {
    }

    /**
     * The operation's future, its failures mapped by {@code mapper}.
     *
     * @param mapper turns any failure (possibly wrapped in a {@code CompletionException}) into the one to report
     */
    public static <T> CompletableFuture<T> call(Operation<T> operation,
                                                Function<Throwable, ? extends Throwable> mapper) {
        CompletableFuture<T> started;
        try {
            started = operation.start();
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(mapped(mapper, e));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        started.whenComplete((value, e) -> {
            if (e == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(mapped(mapper, e));
            }
        });
        return result;
    }

    /** The mapped failure; should the mapper itself fail, the original, so that no future is left hanging. */
    private static Throwable mapped(Function<Throwable, ? extends Throwable> mapper, Throwable failure) {
        try {
            Throwable mapped = mapper.apply(failure);
            return mapped == null ? failure : mapped;
        } catch (RuntimeException | Error mapperFailure) {
            failure.addSuppressed(mapperFailure);
            return failure;
        }
    }

    /**
     * Starts an operation; may throw instead of returning a failed future.
     *
     * <pre>{@code
     * StoreCalls.Operation<Boolean> op = () -> client.bucketExists(args);
     * }</pre>
     */
    @FunctionalInterface
    public interface Operation<T> {
        CompletableFuture<T> start() throws Exception;
    }
}
