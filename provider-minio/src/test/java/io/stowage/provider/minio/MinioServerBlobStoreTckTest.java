package io.stowage.provider.minio;

import io.stowage.tck.StoreFactory;
import java.util.OptionalLong;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.junit.jupiter.Testcontainers;

import io.stowage.spi.BlobStore;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.BlobStoreTck;

/**
 * The blob-store TCK on the MinIO client against a real MinIO server in Docker. Where no
 * Docker engine runs, or without {@code -Dstowage.minio.docker=true}, the whole class is
 * skipped with the reason, and the s3proxy run ({@link MinioBlobStoreTckTest}) is the one
 * that counts.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioServerBlobStoreTckTest -Dstowage.minio.docker=true
 * }</pre>
 */
@EnabledIfSystemProperty(named = MinioServer.ENABLE_PROPERTY, matches = "true",
        disabledReason = MinioServer.DISABLED_REASON)
@Testcontainers(disabledWithoutDocker = true)
class MinioServerBlobStoreTckTest extends BlobStoreTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return MinioServer.factory();
    }

    @Override
    protected OptionalLong partSize() {
        return OptionalLong.of(StoreSettings.DEFAULT_PART_SIZE);
    }
}
