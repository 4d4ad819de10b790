package io.stowage.provider.minio;

import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.OneConnectionTck;
import io.stowage.testbackends.S3ProxyServer;

/** The MinIO provider limited to one request at a time, on s3proxy. */
class MinioOneConnectionTest extends OneConnectionTck {

    @Override
    protected BlobStore storeWithOneConnection() {
        return S3ProxyMinio.store(S3ProxyMinio.settings(S3ProxyServer.shared()).maxConcurrency(1).build());
    }

    @Override
    protected String bucket() {
        return S3ProxyServer.uniqueBucketName("one-connection");
    }

    @Override
    protected ItemStore itemStore() {
        return InMemoryItemStore.create();
    }
}
