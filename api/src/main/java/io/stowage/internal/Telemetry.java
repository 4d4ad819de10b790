package io.stowage.internal;

import io.stowage.ItemStoreException;
import io.stowage.ModelException;
import io.stowage.OperationEvent;
import io.stowage.S3AttributeException;
import io.stowage.StoreCall;
import io.stowage.StowageListener;
import io.stowage.StowageStats;
import io.stowage.spi.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every store call and operation is reported once: counted for {@link StowageStats},
 * logged at DEBUG (one line each, never a secret or a presigned URL), and passed to the
 * application's {@link StowageListener}s, whose failures are logged and never raised.
 *
 * <pre>{@code
 * return telemetry.time(OperationEvent.Kind.SAVE, table, () -> new SaveOperation<>(...).run());
 * }</pre>
 */
public final class Telemetry {

    private static final Logger LOG = LoggerFactory.getLogger("io.stowage");

    private final List<StowageListener> listeners;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    /**
     * Ids of operations and calls, unique in the JVM rather than per Stowage: one listener
     * (a tracer keeping spans by id) may serve several Stowage instances.
     */
    private static final AtomicLong IDS = new AtomicLong();

    public Telemetry(List<StowageListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Reports one store call. */
    public void storeCall(StoreCall call) {
        tally((call.store() == StoreCall.Store.BLOB ? "blob." : "item.") + call.operation(), call.succeeded(), call.bytes(),
                call.duration());
        LOG.debug("{}", call);
        tell(listener -> listener.onStoreCall(call), call);
    }

    /**
     * Makes one store call and reports it once it completes: its duration, the bytes
     * {@code bytes} reads off the result (-1 when unknown or failed) and its outcome.
     */
    <R> CompletableFuture<R> observe(long operationId, StoreCall.Store store, String operation, String provider, String container,
                                     String key, Supplier<CompletableFuture<R>> call, ToLongFunction<? super R> bytes) {
        StoreCall.Started started = new StoreCall.Started(IDS.incrementAndGet(), operationId, store, operation, provider, container,
                key);
        if (!listeners.isEmpty()) {
            tell(listener -> listener.onStoreCallStarted(started), started);
        }
        long start = System.nanoTime();
        CompletableFuture<R> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        // Reported before the caller hears of the outcome, and never able to change it.
        return future.whenComplete((result, failure) -> safely(() -> {
            long moved = failure == null && result != null ? bytes.applyAsLong(result) : -1;
            storeCall(new StoreCall(started, moved, Duration.ofNanos(System.nanoTime() - start), outcome(failure)));
        }));
    }

    /**
     * Runs an operation, given its id, and reports its start (on this thread, so that a tracer
     * sees the application's current span as its parent) and its end.
     */
    <T> CompletableFuture<T> time(OperationEvent.Kind kind, String table, LongFunction<CompletableFuture<T>> operation) {
        OperationEvent.Started started = new OperationEvent.Started(IDS.incrementAndGet(), kind, table);
        if (!listeners.isEmpty()) {
            tell(listener -> listener.onOperationStarted(started), started);
        }
        long start = System.nanoTime();
        return Futures.call(() -> operation.apply(started.id())).whenComplete((result, failure) -> safely(() -> {
            OperationEvent event = new OperationEvent(started, Duration.ofNanos(System.nanoTime() - start), outcome(failure));
            tally("op." + kind.name().toLowerCase(java.util.Locale.ROOT), event.succeeded(), -1, event.duration());
            LOG.debug("{}", event);
            tell(listener -> listener.onOperation(event), event);
        }));
    }

    private void tell(Consumer<StowageListener> report, Object event) {
        for (StowageListener listener : listeners) {
            try {
                report.accept(listener);
            } catch (Throwable e) {
                // Anything, even an Error from a listener built against another library version.
                LOG.warn("Stowage listener {} failed on {}; the call itself is not affected", listener, event, e);
            }
        }
    }

    /** Runs a report; whatever it throws is logged, so that it can never change the outcome it reports. */
    private static void safely(Runnable report) {
        try {
            report.run();
        } catch (Throwable e) {
            LOG.warn("Reporting a Stowage call failed; the call itself is not affected", e);
        }
    }

    /** The counters so far. */
    public StowageStats snapshot() {
        Map<String, StowageStats.Counter> counters = new java.util.HashMap<>();
        tallies.forEach((name, t) -> counters.put(name, new StowageStats.Counter(t.calls.sum(), t.failures.sum(), t.bytes.sum(),
                Duration.ofNanos(t.nanos.sum()))));
        return new StowageStats(counters);
    }

    /** {@code "ok"}, or the failure's code or reason, as a short word fit for a metric tag. */
    static String outcome(Throwable failure) {
        if (failure == null) {
            return StoreCall.OK;
        }
        Throwable t = Futures.unwrap(failure);
        if (t instanceof StoreException) {
            return ((StoreException) t).code().name();
        }
        if (t instanceof S3AttributeException) {
            return ((S3AttributeException) t).reason().name();
        }
        if (t instanceof ItemStoreException) {
            return ((ItemStoreException) t).reason().name();
        }
        if (t instanceof ModelException) {
            return "INVALID_INPUT";
        }
        return "OTHER";
    }

    private void tally(String name, boolean succeeded, long bytes, Duration duration) {
        Tally t = tallies.computeIfAbsent(name, k -> new Tally());
        t.calls.increment();
        if (!succeeded) {
            t.failures.increment();
        }
        if (bytes > 0) {
            t.bytes.add(bytes);
        }
        t.nanos.add(duration.toNanos());
    }

    private static final class Tally {
        final LongAdder calls = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
