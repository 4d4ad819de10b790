package io.stowage.provider.s3;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobStore;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.StoreFactory;
import io.stowage.testbackends.S3ProxyServer;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * Versioned buckets and other administration of the tests' s3proxy. Turning versioning on
 * and listing pending multipart uploads lie outside the {@code BlobStore} contract, so they
 * go through a raw SDK client here.
 *
 * <pre>{@code
 * S3ProxyVersioning.enable(S3ProxyServer.shared(), bucket);
 * S3BlobStore store = S3ProxyVersioning.store(S3ProxyServer.shared().settings());
 * }</pre>
 */
final class S3ProxyVersioning {

    private S3ProxyVersioning() {
    }

    /** A store that declares {@code VERSIONING}, for buckets turned versioned with {@link #enable}. */
    static S3BlobStore store(StoreSettings settings) {
        Set<BlobCapability> capabilities = EnumSet.copyOf(S3ProxyStores.S3PROXY_CAPABILITIES);
        capabilities.add(BlobCapability.VERSIONING);
        return S3BlobStore.builder()
                .settings(settings.toBuilder().property(S3BlobStore.VERSIONING_PROPERTY, "true").build())
                .capabilities(capabilities)
                .environment(name -> null)
                .systemProperties(name -> null)
                .build();
    }

    /** The TCK's factory of versioned stores on the shared s3proxy. */
    static StoreFactory<BlobStore> factory() {
        return StoreFactory.<BlobStore>of(S3ProxyVersioning::store)
                .connectionSettings(S3ProxyServer.shared().settings())
                .threadNamePrefixes("stowage-s3-")
                .build();
    }

    static void enable(S3ProxyServer s3, String bucket) {
        try (S3AsyncClient admin = admin(s3)) {
            admin.putBucketVersioning(b -> b.bucket(bucket)
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))).join();
        }
    }

    /** Multipart uploads under {@code prefix} that were started and neither completed nor aborted. */
    static int pendingMultipartUploads(S3ProxyServer s3, String bucket, String prefix) {
        try (S3AsyncClient admin = admin(s3)) {
            return admin.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).join().uploads().size();
        }
    }

    /** Starts a multipart upload and leaves it pending; returns its upload id. */
    static String startMultipartUpload(S3ProxyServer s3, String bucket, String key) {
        try (S3AsyncClient admin = admin(s3)) {
            admin.createBucket(b -> b.bucket(bucket)).exceptionally(e -> null).join();
            return admin.createMultipartUpload(b -> b.bucket(bucket).key(key)).join().uploadId();
        }
    }

    static void abortMultipartUpload(S3ProxyServer s3, String bucket, String key, String uploadId) {
        try (S3AsyncClient admin = admin(s3)) {
            admin.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)).join();
        }
    }

    /** A raw SDK client for what lies outside the {@code BlobStore} contract. */
    private static S3AsyncClient admin(S3ProxyServer s3) {
        return S3AsyncClient.builder()
                .endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }
}
