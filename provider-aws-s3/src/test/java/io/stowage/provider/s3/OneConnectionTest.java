package io.stowage.provider.s3;

import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.OneConnectionTck;
import io.stowage.testbackends.S3ProxyServer;

/** The S3 provider limited to one request at a time, on s3proxy. */
class OneConnectionTest extends OneConnectionTck {

    @Override
    protected BlobStore storeWithOneConnection() {
        return S3ProxyStores.store(S3ProxyStores.settings(S3ProxyServer.shared()).maxConcurrency(1).build());
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
