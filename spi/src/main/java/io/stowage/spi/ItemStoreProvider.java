package io.stowage.spi;

/**
 * Creates item stores; found with {@link java.util.ServiceLoader}. Register the
 * implementation in {@code META-INF/services/io.stowage.spi.ItemStoreProvider}.
 *
 * <pre>{@code
 * public final class MyItemStoreProvider implements ItemStoreProvider {
 *     public String name() { return "my-db"; }
 *     public ItemStore create(StoreSettings settings) { return new MyItemStore(settings); }
 * }
 * }</pre>
 */
public interface ItemStoreProvider {

    /** The name users select the provider by ({@code stowage.itemstore=NAME}). */
    String name();

    /** Creates a store from the resolved settings. */
    ItemStore create(StoreSettings settings);

    /**
     * Creates a store that {@code Stowage} opens beside its other store: the two may share
     * resources (event loops, say) through {@code shared}, and the store closes its leases
     * when it is closed. By default the store shares nothing: {@link #create(StoreSettings)}.
     */
    default ItemStore create(StoreSettings settings, SharedResources shared) {
        return create(settings);
    }
}
