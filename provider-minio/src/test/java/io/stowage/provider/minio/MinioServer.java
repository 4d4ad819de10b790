package io.stowage.provider.minio;

import io.stowage.spi.BlobStore;
import io.stowage.tck.StoreFactory;
import java.net.URI;

import org.testcontainers.containers.MinIOContainer;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;

/**
 * A real MinIO server in Docker, started once per JVM on first use and removed by
 * Testcontainers' reaper when the JVM ends. Opt-in: the classes that use it run only with
 * {@code -Dstowage.minio.docker=true} and a Docker engine, since a machine may have an
 * engine but no way to pull {@value #IMAGE} (CI machines reach Maven Central, npm and
 * Debian only); elsewhere they show as skipped with the reason.
 *
 * <pre>{@code
 * MinioBlobStore store = MinioServer.store();
 * }</pre>
 */
final class MinioServer {

    /** The system property that turns the real-MinIO runs on. */
    static final String ENABLE_PROPERTY = "stowage.minio.docker";
    /** Why those runs skip when it is not set. */
    static final String DISABLED_REASON = "runs against a real MinIO in Docker only with -Dstowage.minio.docker=true "
            + "(it pulls the image from Docker Hub); the s3proxy runs cover the provider here";

    /** A pinned release, so a MinIO change cannot turn the run red on its own. */
    static final String IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";

    private static MinIOContainer container;

    private MinioServer() {
    }

    static synchronized MinIOContainer shared() {
        if (container == null) {
            MinIOContainer started = new MinIOContainer(IMAGE);
            started.start();
            container = started;
        }
        return container;
    }

    static StoreSettings.Builder settings() {
        MinIOContainer minio = shared();
        return StoreSettings.builder()
                .endpoint(URI.create(minio.getS3URL()))
                .region("us-east-1")
                .credentials(Credentials.basic(minio.getUserName(), minio.getPassword()));
    }

    static MinioBlobStore store(StoreSettings settings) {
        return MinioBlobStore.builder()
                .settings(settings)
                // The developer's own AWS_ENDPOINT_URL, keys and profiles must not leak into tests.
                .environment(name -> null)
                .systemProperties(name -> null)
                .build();
    }

    static MinioBlobStore store() {
        return store(settings().build());
    }

    /** The TCK's factory of stores on the real MinIO server. */
    static StoreFactory<BlobStore> factory() {
        return StoreFactory.<BlobStore>of(MinioServer::store)
                .connectionSettings(settings().build())
                .threadNamePrefixes("stowage-minio-", "OkHttp Dispatcher")
                .build();
    }
}
