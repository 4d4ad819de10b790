package io.stowage.provider.s3;

import io.stowage.spi.BlobStore;
import io.stowage.tck.EncryptionOnTheWireTck;
import io.stowage.tck.net.FaultProxy;
import io.stowage.testbackends.S3ProxyServer;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;

/** The S3 provider's encryption headers, read on the wire in front of s3proxy. */
class S3EncryptionOnTheWireTest extends EncryptionOnTheWireTck {

    private static final String BUCKET = S3ProxyServer.uniqueBucketName("wire-sse");

    @BeforeAll
    static void createBucket() {
        try (S3BlobStore store = S3ProxyStores.store(S3ProxyServer.shared())) {
            store.createBucket(BUCKET, null).join();
        }
    }

    @Override
    protected URI server() {
        return S3ProxyServer.shared().endpoint();
    }

    @Override
    protected BlobStore storeThrough(FaultProxy proxy) {
        return S3ProxyStores.store(proxy.settingsFor(S3ProxyServer.shared().settings()));
    }

    @Override
    protected String bucket() {
        return BUCKET;
    }
}
