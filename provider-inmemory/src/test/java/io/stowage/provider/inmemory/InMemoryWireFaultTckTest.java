package io.stowage.provider.inmemory;

import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.WireFaultTck;

/**
 * The wire-fault kit on the in-memory stores: they use no network, so every test is
 * reported skipped with that reason (the kit's promise that it says so rather than passes).
 *
 * <pre>{@code
 * mvn -pl provider-inmemory test -Dtest=InMemoryWireFaultTckTest
 * }</pre>
 */
class InMemoryWireFaultTckTest extends WireFaultTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return InMemoryStores.of(() -> InMemoryBlobStore.builder().build());
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return InMemoryStores.of(() -> InMemoryItemStore.create());
    }
}
