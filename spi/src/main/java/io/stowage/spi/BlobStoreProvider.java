package io.stowage.spi;

/**
 * Creates blob stores; found with {@link java.util.ServiceLoader}. Register the
 * implementation in {@code META-INF/services/io.stowage.spi.BlobStoreProvider}.
 *
 * <pre>{@code
 * public final class MyBlobStoreProvider implements BlobStoreProvider {
 *     public String name() { return "my-store"; }
 *     public BlobStore create(StoreSettings settings) { return new MyBlobStore(settings); }
 * }
 * }</pre>
 */
public interface BlobStoreProvider {

    /** The name users select the provider by ({@code stowage.blobstore=NAME}). */
    String name();

    /** Creates a store from the resolved settings. */
    BlobStore create(StoreSettings settings);

    /**
     * Creates a store that {@code Stowage} opens beside its other store: the two may share
     * resources (event loops, say) through {@code shared}, and the store closes its leases
     * when it is closed. By default the store shares nothing: {@link #create(StoreSettings)}.
     */
    default BlobStore create(StoreSettings settings, SharedResources shared) {
        return create(settings);
    }
}
