package io.stowage.provider.minio;

import java.net.URI;

import org.testcontainers.containers.MinIOContainer;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;

/**
 * A real MinIO server in Docker, started once per JVM on first use and removed by
 * Testcontainers' reaper when the JVM ends. Only classes annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)} use it, so on machines without a
 * Docker engine (the CI machines) nothing here runs and those classes show as skipped.
 *
 * <pre>{@code
 * MinioBlobStore store = MinioServer.store();
 * }</pre>
 */
final class MinioServer {

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
}
