package io.stowage.provider.minio;

import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StowageTck;
import io.stowage.testbackends.S3ProxyServer;

/**
 * The framework TCK with the MinIO blob store (on s3proxy) and the in-memory item store.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioStowageTckTest
 * }</pre>
 */
class MinioStowageTckTest extends StowageTck {

    @Override
    protected BlobStore createBlobStore() {
        return S3ProxyMinio.store(S3ProxyServer.shared());
    }

    @Override
    protected ItemStore createItemStore() {
        return InMemoryItemStore.create();
    }
}
