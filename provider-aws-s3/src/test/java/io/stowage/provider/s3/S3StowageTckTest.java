package io.stowage.provider.s3;

import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.StowageTck;

/**
 * The framework TCK with the S3 provider (on s3proxy) and the in-memory item store.
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 -am test -Dtest=S3StowageTckTest
 * }</pre>
 */
class S3StowageTckTest extends StowageTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyStores.factory();
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return StoreFactory.<ItemStore>of(settings -> InMemoryItemStore.create()).networked(false).build();
    }

    /** Every save is a real HTTP upload: 8 x 50 still races the engine. */
    @Override
    protected int concurrentSavesPerThread() {
        return 50;
    }
}
