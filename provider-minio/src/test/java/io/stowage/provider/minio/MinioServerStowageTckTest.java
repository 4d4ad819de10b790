package io.stowage.provider.minio;

import io.stowage.tck.StoreFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.junit.jupiter.Testcontainers;

import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StowageTck;

/**
 * The framework TCK with the MinIO blob store on a real MinIO server in Docker and the
 * in-memory item store; skipped with the reason where no Docker engine runs or without
 * {@code -Dstowage.minio.docker=true}.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioServerStowageTckTest -Dstowage.minio.docker=true
 * }</pre>
 */
@EnabledIfSystemProperty(named = MinioServer.ENABLE_PROPERTY, matches = "true",
        disabledReason = MinioServer.DISABLED_REASON)
@Testcontainers(disabledWithoutDocker = true)
class MinioServerStowageTckTest extends StowageTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return MinioServer.factory();
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return StoreFactory.<ItemStore>of(settings -> InMemoryItemStore.create()).networked(false).build();
    }
}
