package io.stowage.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The deletions of replaced objects that run on after their saves completed
 * ({@code cleanupInBackground}): at most {@link #MAX_RUNNING} at once, so that they cannot
 * crowd the saves out of the connection pool (past that, a save waits for its own, which
 * slows a burst of saves down to what the store can delete); and every one started before
 * {@link #close} is waited for there, so that the stores are not closed under them.
 *
 * <pre>{@code
 * BackgroundCleanups cleanups = new BackgroundCleanups();
 * if (!cleanups.tryStart(() -> deleteReplaced())) {
 *     deleteReplaced().join();  // closing, or at the bound: the caller runs it itself
 * }
 * }</pre>
 */
final class BackgroundCleanups {

    /** Deletions in flight at most; each is a HEAD and a DELETE per replaced object. */
    static final int MAX_RUNNING = 64;

    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private final Semaphore permits = new Semaphore(MAX_RUNNING);
    private boolean closed;

    /**
     * Starts {@code cleanup} and returns {@code true}; or returns {@code false} without
     * starting it when closing or at the bound, and the caller runs it itself. A cleanup that
     * throws instead of returning a future counts as one that failed (it reports its own
     * failures as orphans).
     */
    boolean tryStart(Supplier<CompletableFuture<?>> cleanup) {
        CompletableFuture<?> started;
        // Started under the lock: close() then sees either this cleanup in its snapshot, or closed set first.
        synchronized (this) {
            if (closed || !permits.tryAcquire()) {
                return false;
            }
            try {
                started = cleanup.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            running.add(started);
        }
        CompletableFuture<?> tracked = started;
        tracked.whenComplete((done, failure) -> {
            running.remove(tracked);
            permits.release();
        });
        return true;
    }

    /** How many run now (for tests). */
    int running() {
        return running.size();
    }

    /**
     * Refuses later starts and waits, up to {@code limit}, for those running; any still
     * running then are left to finish or fail on their own (the sweeper reclaims their objects).
     */
    void close(Duration limit) {
        CompletableFuture<?>[] snapshot;
        synchronized (this) {
            closed = true;
            snapshot = running.toArray(new CompletableFuture<?>[0]);
        }
        if (snapshot.length == 0) {
            return;
        }
        try {
            CompletableFuture.allOf(snapshot).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Cleanups report their own failures as orphans; one still running is the sweeper's.
        }
    }
}
