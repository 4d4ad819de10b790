package io.stowage.provider.minio;

import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.StoreSettings;

/**
 * The {@code "minio"} blob store provider, found by {@link java.util.ServiceLoader}: stores
 * objects in MinIO or any S3-compatible server through the MinIO Java client.
 *
 * <pre>{@code
 * // with stowage.blobstore=minio and AWS_ENDPOINT_URL_S3=http://127.0.0.1:9000
 * try (Stowage stowage = Stowage.create()) { ... }
 * }</pre>
 */
public final class MinioBlobStoreProvider implements BlobStoreProvider {

    /** The name users select this provider by ({@code stowage.blobstore=minio}). */
    public static final String NAME = "minio";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BlobStore create(StoreSettings settings) {
        return MinioBlobStore.create(settings);
    }
}
