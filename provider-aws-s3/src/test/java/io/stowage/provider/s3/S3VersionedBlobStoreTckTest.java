package io.stowage.provider.s3;

import io.stowage.spi.BlobStore;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.BlobStoreTck;
import io.stowage.testbackends.S3ProxyServer;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The blob-store TCK on the S3 provider against a versioned s3proxy bucket, so that the
 * versioning tests run (reads, If-Match and deletes by version id, concurrent puts each
 * keeping their version). {@link S3BlobStoreTckTest} runs the same kit on an unversioned
 * bucket, where version ids must be refused.
 *
 * <p>A versioned bucket keeps every deleted object as an old version, in the heap of
 * the in-process s3proxy (its on-disk store has no versioning), so this class runs in a
 * JVM of its own with a larger heap (the {@code versioned-buckets} execution of the pom).
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 -am test -Dtest=S3VersionedBlobStoreTckTest
 * }</pre>
 */
class S3VersionedBlobStoreTckTest extends BlobStoreTck {

    @Override
    protected BlobStore createBlobStore() {
        return S3ProxyVersioning.store(S3ProxyServer.shared());
    }

    @Override
    protected void bucketCreated(String bucket) {
        S3ProxyVersioning.enable(S3ProxyServer.shared(), bucket);
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
