package io.stowage.provider.minio;

import java.util.Map;
import java.util.OptionalLong;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobStore;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.BlobStoreTck;
import io.stowage.tck.StoreFactory;
import io.stowage.testbackends.S3ProxyServer;

/**
 * The blob-store TCK on the MinIO client against s3proxy, on an unversioned bucket: the
 * versioning tests skip (they run in {@link MinioVersionedBlobStoreTckTest}) and, by the
 * canary, version ids are refused. One check that s3proxy fails for every client is
 * skipped as a backend limit, with the reason.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioBlobStoreTckTest
 * }</pre>
 */
class MinioBlobStoreTckTest extends BlobStoreTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyMinio.factory();
    }

    @Override
    protected Map<BlobCapability, String> missingCapabilityReasons() {
        return Map.of(BlobCapability.VERSIONING, "this run's bucket is unversioned; MinioVersionedBlobStoreTckTest runs it");
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
