package io.stowage.provider.minio;

import io.stowage.spi.StoreSettings;
import io.stowage.spi.BlobStore;
import io.stowage.tck.StoreFactory;
import java.util.EnumSet;
import java.util.Set;

import io.minio.MinioClient;
import io.minio.SetBucketVersioningArgs;
import io.minio.messages.VersioningConfiguration;
import io.stowage.spi.BlobCapability;
import io.stowage.testbackends.S3ProxyServer;

/**
 * Versioned buckets on the tests' s3proxy for the MinIO provider. Turning versioning on is
 * an administrative act outside the {@code BlobStore} contract, so it goes through a plain
 * MinIO client here.
 *
 * <pre>{@code
 * S3ProxyMinioVersioning.enable(S3ProxyServer.shared(), bucket);
 * MinioBlobStore store = S3ProxyMinioVersioning.store(S3ProxyServer.shared());
 * }</pre>
 */
final class S3ProxyMinioVersioning {

    private S3ProxyMinioVersioning() {
    }

    /** A store that declares {@code VERSIONING}, for buckets turned versioned with {@link #enable}. */
    static MinioBlobStore store(StoreSettings settings) {
        Set<BlobCapability> capabilities = EnumSet.copyOf(S3ProxyMinio.S3PROXY_CAPABILITIES);
        capabilities.add(BlobCapability.VERSIONING);
        return MinioBlobStore.builder()
                .settings(settings.toBuilder().property(MinioBlobStore.VERSIONING_PROPERTY, "true").build())
                .capabilities(capabilities)
                .environment(name -> null)
                .systemProperties(name -> null)
                .build();
    }

    /** The TCK's factory of versioned stores on the shared s3proxy. */
    static StoreFactory<BlobStore> factory() {
        return StoreFactory.<BlobStore>of(S3ProxyMinioVersioning::store)
                .connectionSettings(S3ProxyServer.shared().settings())
                .threadNamePrefixes("stowage-minio-", "OkHttp Dispatcher")
                .build();
    }

    static void enable(S3ProxyServer s3, String bucket) {
        MinioClient admin = MinioClient.builder()
                .endpoint(s3.endpoint().toString())
                .region(s3.region())
                .credentials(s3.accessKey(), s3.secretKey())
                .build();
        try {
            admin.setBucketVersioning(SetBucketVersioningArgs.builder().bucket(bucket)
                    .config(new VersioningConfiguration(VersioningConfiguration.Status.ENABLED, null)).build());
        } catch (Exception e) {
            throw new IllegalStateException("could not turn versioning on for bucket " + bucket, e);
        }
    }
}
