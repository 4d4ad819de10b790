package io.stowage.provider.s3;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobStore;
import io.stowage.tck.BlobStoreTck;
import io.stowage.tck.StoreFactory;
import io.stowage.testbackends.S3ProxyServer;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The blob-store TCK on the S3 provider against s3proxy (SigV4 checked), with the
 * wrong-credentials and unresponsive-backend hooks, on an unversioned bucket: the
 * versioning tests skip (they run in {@link S3VersionedBlobStoreTckTest}) and, by the
 * canary, version ids are refused. One check that s3proxy fails for every client is
 * skipped as a backend limit, with the reason.
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 -am test -Dtest=S3BlobStoreTckTest
 * }</pre>
 */
class S3BlobStoreTckTest extends BlobStoreTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyStores.factory();
    }

    @Override
    protected Map<BlobCapability, String> missingCapabilityReasons() {
        return Map.of(BlobCapability.VERSIONING, "this run's bucket is unversioned; S3VersionedBlobStoreTckTest runs it");
    }

    @Override
    protected Map<String, String> backendLimits() {
        return Map.of("required_emptyKeySegmentsAreKept", S3ProxyServer.EMPTY_KEY_SEGMENT_LIMIT);
    }

    @Override
    protected OptionalLong partSize() {
        return OptionalLong.of(io.stowage.spi.StoreSettings.DEFAULT_PART_SIZE);
    }
}
