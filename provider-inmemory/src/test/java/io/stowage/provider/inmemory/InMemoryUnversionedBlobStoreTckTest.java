package io.stowage.provider.inmemory;

import io.stowage.spi.BlobStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.BlobStoreTck;

/**
 * The blob-store TCK on the in-memory store without versioning: the versioning tests are
 * skipped, and the canary checks that version ids are refused rather than ignored.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest=InMemoryUnversionedBlobStoreTckTest
 * }</pre>
 */
class InMemoryUnversionedBlobStoreTckTest extends BlobStoreTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return InMemoryStores.of(() -> InMemoryBlobStore.builder().versioning(false).build());
    }
}
