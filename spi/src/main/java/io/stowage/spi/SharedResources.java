package io.stowage.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Resources that the stores of one {@code Stowage} may share (the AWS providers share their
 * Netty event loops, as an application using the SDK directly would give its S3 and
 * DynamoDB clients one group): a store leases a resource by key, the first lease creates it,
 * and closing the last lease closes it. A store opened on its own gets none of this and keeps
 * its resources to itself.
 *
 * <pre>{@code
 * SharedResources shared = SharedResources.create();
 * SharedResources.Lease<ExecutorService> pool = shared.lease("com.example.pool", ExecutorService.class,
 *         () -> Executors.newFixedThreadPool(2), ExecutorService::shutdown);
 * pool.get().submit(task);
 * pool.close();   // the last lease: the pool shuts down
 * }</pre>
 */
public final class SharedResources {

    private final Map<String, Entry<?>> entries = new HashMap<>();

    private SharedResources() {
    }

    /** An empty set of resources, for the stores of one {@code Stowage}. */
    public static SharedResources create() {
        return new SharedResources();
    }

    /**
     * A lease on the resource under {@code key}, created with {@code create} if no lease holds
     * it; {@code close} closes it when the last lease on it is closed. A resource of another
     * type under the key (a provider loaded by another class loader, say) is not shared: the
     * lease then holds a resource of its own. {@code create} runs under the set's lock: it
     * should be quick (build a thread pool, not connect to a server).
     */
    public <T> Lease<T> lease(String key, Class<T> type, Supplier<? extends T> create, Consumer<? super T> close) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(close, "close");
        synchronized (entries) {
            Entry<?> existing = entries.get(key);
            if (existing != null && type.isInstance(existing.resource)) {
                existing.leases++;
                return new Lease<>(this, key, type.cast(existing.resource));
            }
            T resource = Objects.requireNonNull(create.get(), "create() returned null");
            Entry<T> entry = new Entry<>(resource, close);
            if (existing != null) {
                return new Lease<>(null, key, resource, entry);
            }
            entries.put(key, entry);
            return new Lease<>(this, key, resource);
        }
    }

    private void release(String key) {
        Entry<?> last = null;
        synchronized (entries) {
            Entry<?> entry = entries.get(key);
            if (entry != null && --entry.leases == 0) {
                entries.remove(key);
                last = entry;
            }
        }
        if (last != null) {
            last.close();
        }
    }

    @Override
    public String toString() {
        synchronized (entries) {
            return "SharedResources" + entries.keySet();
        }
    }

    private static final class Entry<T> {
        private final T resource;
        private final Consumer<? super T> close;
        private int leases = 1;

        Entry(T resource, Consumer<? super T> close) {
            this.resource = resource;
            this.close = close;
        }

        void close() {
            close.accept(resource);
        }
    }

    /**
     * One store's hold on a shared resource; closing it more than once has no further effect.
     *
     * <pre>{@code
     * try (SharedResources.Lease<Pool> lease = shared.lease("pool", Pool.class, Pool::new, Pool::close)) {
     *     lease.get().use();
     * }
     * }</pre>
     *
     * @param <T> the resource's type
     */
    public static final class Lease<T> implements AutoCloseable {
        private final SharedResources owner;
        private final String key;
        private final T resource;
        /** Set when the resource is this lease's alone (not shared). */
        private final Entry<T> own;
        private boolean closed;

        private Lease(SharedResources owner, String key, T resource) {
            this(owner, key, resource, null);
        }

        private Lease(SharedResources owner, String key, T resource, Entry<T> own) {
            this.owner = owner;
            this.key = key;
            this.resource = resource;
            this.own = own;
        }

        /** The resource; valid until the lease is closed. */
        public T get() {
            return resource;
        }

        /** Ends this hold; the resource is closed if it was the last. */
        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (own != null) {
                own.close();
            } else {
                owner.release(key);
            }
        }

        @Override
        public String toString() {
            return "SharedResources.Lease[" + key + (own != null ? ", not shared" : "") + "]";
        }
    }
}
