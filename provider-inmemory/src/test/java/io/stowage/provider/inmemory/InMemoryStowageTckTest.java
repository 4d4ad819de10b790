package io.stowage.provider.inmemory;

import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.StowageTck;

/**
 * The framework TCK on the in-memory stores (unversioned blob store, as S3 buckets are
 * by default), so every rule of the save/load/delete contract holds on the reference
 * provider.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest='InMemoryStowageTck*'
 * }</pre>
 */
class InMemoryStowageTckTest extends StowageTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return InMemoryStores.of(() -> InMemoryBlobStore.builder().build());
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return InMemoryStores.of(() -> InMemoryItemStore.create());
    }
}
