package io.stowage.provider.inmemory;

import io.stowage.spi.ItemStore;
import io.stowage.spi.ItemStoreProvider;
import io.stowage.spi.StoreSettings;

/**
 * The {@code "inmemory"} item store provider, found by {@link java.util.ServiceLoader}.
 * Each {@link #create} gives a new, empty store; the settings are not needed.
 *
 * <pre>{@code
 * ItemStore store = new InMemoryItemStoreProvider().create(StoreSettings.defaults());
 * }</pre>
 */
public final class InMemoryItemStoreProvider implements ItemStoreProvider {

    /** The name users select this provider by. */
    public static final String NAME = "inmemory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ItemStore create(StoreSettings settings) {
        return InMemoryItemStore.create();
    }
}
