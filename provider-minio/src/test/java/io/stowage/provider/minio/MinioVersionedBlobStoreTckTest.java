package io.stowage.provider.minio;

import java.util.Map;
import java.util.OptionalLong;

import io.stowage.spi.BlobStore;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.BlobStoreTck;
import io.stowage.testbackends.S3ProxyServer;

/**
 * The blob-store TCK on the MinIO client against a versioned s3proxy bucket, so that the
 * versioning tests run; {@link MinioBlobStoreTckTest} runs the kit on an unversioned one.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioVersionedBlobStoreTckTest
 * }</pre>
 */
class MinioVersionedBlobStoreTckTest extends BlobStoreTck {

    @Override
    protected BlobStore createBlobStore() {
        return S3ProxyMinioVersioning.store(S3ProxyServer.shared());
    }

    @Override
    protected void bucketCreated(String bucket) {
        S3ProxyMinioVersioning.enable(S3ProxyServer.shared(), bucket);
    }

    @Override
    protected Map<String, String> backendLimits() {
        return Map.of("required_emptyKeySegmentsAreKept", S3ProxyServer.EMPTY_KEY_SEGMENT_LIMIT);
    }

    @Override
    protected OptionalLong partSize() {
        return OptionalLong.of(StoreSettings.DEFAULT_PART_SIZE);
    }
}
