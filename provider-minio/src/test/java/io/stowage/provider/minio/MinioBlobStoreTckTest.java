package io.stowage.provider.minio;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobStore;
import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.BlobStoreTck;
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
    protected BlobStore createBlobStore() {
        return S3ProxyMinio.store(S3ProxyServer.shared());
    }

    @Override
    protected Optional<BlobStore> createBlobStoreWithWrongCredentials() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        return Optional.of(S3ProxyMinio.store(S3ProxyMinio.settings(s3)
                .credentials(Credentials.basic(s3.accessKey(), "not-the-secret-key"))
                .build()));
    }

    @Override
    protected Optional<BlobStore> createBlobStoreThatTimesOut() {
        return Optional.of(S3ProxyMinio.store(S3ProxyMinio.settings(S3ProxyServer.shared())
                .endpoint(blackHole().uri())
                .connectTimeout(Duration.ofSeconds(1))
                .apiCallTimeout(Duration.ofSeconds(1))
                .maxRetries(0)
                .build()));
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
