package io.stowage.provider.inmemory;

import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.BadInputTck;
import io.stowage.tck.StoreFactory;

/**
 * The bad-input catalogue on the in-memory stores: every input refused the same way as on
 * S3 and DynamoDB, with nothing written.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory test -Dtest=InMemoryBadInputTckTest
 * }</pre>
 */
class InMemoryBadInputTckTest extends BadInputTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return InMemoryStores.of(() -> InMemoryBlobStore.builder().build());
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return InMemoryStores.of(() -> InMemoryItemStore.create());
    }
}
