package io.stowage.provider.s3;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobStore;
import io.stowage.tck.StoreFactory;
import io.stowage.testbackends.S3ProxyServer;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * The blob-store TCK on the S3 provider against a versioned s3proxy bucket, so that the
 * versioning tests run (reads, If-Match and deletes by version id, concurrent puts each
 * keeping their version); everything else as in {@link S3BlobStoreTckTest}, which runs the
 * kit on an unversioned bucket, where version ids must be refused.
 *
 * <p>A versioned bucket keeps every deleted object as an old version, in the heap of
 * the in-process s3proxy (its on-disk store has no versioning), so this class runs in a
 * JVM of its own with a larger heap (the {@code versioned-buckets} execution of the pom).
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 -am test -Dtest=S3VersionedBlobStoreTckTest
 * }</pre>
 */
@Tag("versioned-bucket")
class S3VersionedBlobStoreTckTest extends S3BlobStoreTckTest {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyVersioning.factory();
    }

    @Override
    protected void bucketCreated(String bucket) {
        S3ProxyVersioning.enable(S3ProxyServer.shared(), bucket);
    }

    @Override
    protected Map<BlobCapability, String> missingCapabilityReasons() {
        return Map.of();
    }
}
