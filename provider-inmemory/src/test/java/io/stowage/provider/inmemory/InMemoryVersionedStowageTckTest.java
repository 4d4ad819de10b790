package io.stowage.provider.inmemory;

import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.StowageTck;

/**
 * The framework TCK over a versioned in-memory bucket: version ids are recorded in the
 * item and reads stay on the recorded version.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest='InMemoryVersionedStowageTck*'
 * }</pre>
 */
class InMemoryVersionedStowageTckTest extends StowageTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return InMemoryStores.of(() -> InMemoryBlobStore.builder().versioning(true).build());
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return InMemoryStores.of(() -> InMemoryItemStore.create());
    }
}
