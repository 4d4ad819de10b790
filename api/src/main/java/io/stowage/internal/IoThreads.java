package io.stowage.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads the API does its own blocking reads on (a file's checksum before an
 * upload, skipping to a range on a store that cannot read ranges), so that neither a caller
 * nor a client library's completion thread waits on them. Threads end after a minute idle.
 *
 * <pre>{@code
 * CompletableFuture.supplyAsync(() -> read(file), IoThreads.POOL);
 * }</pre>
 */
public final class IoThreads {

    private static final AtomicInteger COUNT = new AtomicInteger();

    /** The shared pool. */
    public static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stowage-io-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private IoThreads() {
    }
}
