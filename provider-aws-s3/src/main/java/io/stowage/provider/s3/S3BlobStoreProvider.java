package io.stowage.provider.s3;

import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.SharedResources;
import io.stowage.spi.StoreSettings;

/**
 * The {@code "s3"} blob store provider, found by {@link java.util.ServiceLoader}: stores
 * objects in Amazon S3 or any S3-compatible server through the AWS SDK v2.
 *
 * <pre>{@code
 * BlobStore store = ServiceLoader.load(BlobStoreProvider.class).stream()
 *         .map(ServiceLoader.Provider::get)
 *         .filter(p -> p.name().equals("s3"))
 *         .findFirst().orElseThrow()
 *         .create(StoreSettings.defaults());
 * }</pre>
 */
public final class S3BlobStoreProvider implements BlobStoreProvider {

    /** The name users select this provider by ({@code stowage.blobstore=s3}). */
    public static final String NAME = "s3";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BlobStore create(StoreSettings settings) {
        return S3BlobStore.create(settings);
    }

    /** A store whose event loops are shared with the other AWS store of the same {@code Stowage}. */
    @Override
    public BlobStore create(StoreSettings settings, SharedResources shared) {
        return S3BlobStore.builder().settings(settings).sharedResources(shared).build();
    }
}
