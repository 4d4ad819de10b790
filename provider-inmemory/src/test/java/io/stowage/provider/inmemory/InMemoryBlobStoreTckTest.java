package io.stowage.provider.inmemory;

import io.stowage.spi.BlobStore;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.BlobStoreTck;

import java.util.OptionalLong;

/**
 * The blob-store TCK on the in-memory store with versioning on, so that every optional
 * capability the store has is exercised. It has no network backend and no credentials, so
 * the wrong-credentials and timeout tests are skipped.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest='InMemory*Tck*'
 * }</pre>
 */
class InMemoryBlobStoreTckTest extends BlobStoreTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return InMemoryStores.of(() -> InMemoryBlobStore.builder().versioning(true).build());
    }

    @Override
    protected OptionalLong partSize() {
        return OptionalLong.of(StoreSettings.DEFAULT_PART_SIZE);
    }
}
