package io.stowage.internal;

import io.stowage.StowageException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Helpers that keep the async contract: async methods never throw (failures go through
 * the future), sync twins throw the unwrapped Stowage exception. Internal, not API:
 * public only because {@code Stowage} and {@code S3Value} in {@code io.stowage} use it.
 *
 * <pre>{@code
 * byte[] data = Futures.join(value.getBytes());   // throws the StowageException itself
 * }</pre>
 */
public final class Futures {

    private Futures() {
    }

    /** Runs {@code body}, turning anything it throws into a failed future. */
    public static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> body) {
        try {
            CompletableFuture<T> f = body.get();
            return f == null ? CompletableFuture.failedFuture(new StowageException("internal error: null future")) : f;
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /**
     * The stream {@code opening} gives, on a future of the caller's own: where the caller
     * gave up on it first (cancelled it, or it timed out), the stream is closed on arrival
     * rather than left holding a connection.
     */
    public static <S extends java.io.Closeable> CompletableFuture<S> closedIfAbandoned(CompletableFuture<S> opening) {
        CompletableFuture<S> result = new CompletableFuture<>();
        opening.whenComplete((stream, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (!result.complete(stream) && stream != null) {
                io.stowage.s3support.Quietly.close(stream);
            }
        });
        return result;
    }

    /** Waits for the future and throws the unwrapped cause. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StowageException("Interrupted while waiting for a Stowage operation", e);
        } catch (ExecutionException | CompletionException e) {
            throw rethrowable(e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            throw new StowageException("The Stowage operation was cancelled", e);
        }
    }

    /** Strips CompletionException/ExecutionException wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static RuntimeException rethrowable(Throwable cause) {
        Throwable t = unwrap(cause);
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new StowageException(t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }
}
