package io.stowage.provider.dynamodb;

import io.stowage.provider.inmemory.InMemoryBlobStore;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.StowageTck;

/**
 * The framework TCK with DynamoDB (on dynalite) as the item store and the in-memory blob
 * store, so the save/load/delete contract is proven on the real DynamoDB client. The
 * bucket is versioned, so that the version id recorded in the item (a string in the
 * {@code M} map) goes through DynamoDB too.
 *
 * <pre>{@code
 * mvn -pl provider-aws-dynamodb -am test -Dtest=DynamoDbStowageTckTest
 * }</pre>
 */
class DynamoDbStowageTckTest extends StowageTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return StoreFactory.<BlobStore>of(settings -> InMemoryBlobStore.builder().versioning(true).build())
                .networked(false).build();
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return DynaliteStores.factory();
    }

    /** 8 x 50 saves over HTTP keep the build quick and still race conditional writes. */
    @Override
    protected int concurrentSavesPerThread() {
        return 50;
    }
}
