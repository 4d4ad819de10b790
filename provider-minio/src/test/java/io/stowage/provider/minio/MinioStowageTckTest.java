package io.stowage.provider.minio;

import io.stowage.tck.StoreFactory;
import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StowageTck;

/**
 * The framework TCK with the MinIO blob store (on s3proxy) and the in-memory item store.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioStowageTckTest
 * }</pre>
 */
class MinioStowageTckTest extends StowageTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyMinio.factory();
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return StoreFactory.<ItemStore>of(settings -> InMemoryItemStore.create()).networked(false).build();
    }
}
