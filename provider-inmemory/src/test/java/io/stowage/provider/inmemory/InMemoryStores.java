package io.stowage.provider.inmemory;

import io.stowage.tck.StoreFactory;
import java.util.function.Supplier;

/**
 * The in-memory stores as the TCK makes them: they use no network, so the kit's checks of
 * endpoints, proxies, retries and timeouts are skipped with that reason.
 *
 * <pre>{@code
 * protected StoreFactory<BlobStore> blobStores() { return InMemoryStores.of(InMemoryBlobStore::create); }
 * }</pre>
 */
final class InMemoryStores {

    private InMemoryStores() {
    }

    static <S extends AutoCloseable> StoreFactory<S> of(Supplier<S> store) {
        return StoreFactory.<S>of(settings -> store.get()).networked(false).build();
    }
}
