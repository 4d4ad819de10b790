package io.stowage.provider.minio;

import io.stowage.tck.StoreFactory;
import java.util.Map;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobStore;
import io.stowage.testbackends.S3ProxyServer;

/**
 * The blob-store TCK on the MinIO client against a versioned s3proxy bucket, so that the
 * versioning tests run; everything else as in {@link MinioBlobStoreTckTest}, which runs the
 * kit on an unversioned one.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioVersionedBlobStoreTckTest
 * }</pre>
 */
class MinioVersionedBlobStoreTckTest extends MinioBlobStoreTckTest {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyMinioVersioning.factory();
    }

    @Override
    protected void bucketCreated(String bucket) {
        S3ProxyMinioVersioning.enable(S3ProxyServer.shared(), bucket);
    }

    @Override
    protected Map<BlobCapability, String> missingCapabilityReasons() {
        return Map.of();
    }
}
