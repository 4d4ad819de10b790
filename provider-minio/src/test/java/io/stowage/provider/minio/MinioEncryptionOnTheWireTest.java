package io.stowage.provider.minio;

import io.stowage.spi.BlobStore;
import io.stowage.tck.EncryptionOnTheWireTck;
import io.stowage.tck.net.FaultProxy;
import io.stowage.testbackends.S3ProxyServer;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;

/** The MinIO provider's encryption headers, read on the wire in front of s3proxy. */
class MinioEncryptionOnTheWireTest extends EncryptionOnTheWireTck {

    private static final String BUCKET = S3ProxyServer.uniqueBucketName("wire-sse-minio");

    @BeforeAll
    static void createBucket() {
        try (MinioBlobStore store = S3ProxyMinio.store(S3ProxyServer.shared())) {
            store.createBucket(BUCKET, null).join();
        }
    }

    @Override
    protected URI server() {
        return S3ProxyServer.shared().endpoint();
    }

    @Override
    protected BlobStore storeThrough(FaultProxy proxy) {
        return S3ProxyMinio.store(proxy.settingsFor(S3ProxyServer.shared().settings()));
    }

    @Override
    protected String bucket() {
        return BUCKET;
    }
}
