package io.stowage.provider.inmemory;

import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.StoreSettings;

/**
 * The {@code "inmemory"} blob store provider, found by {@link java.util.ServiceLoader}.
 * Each {@link #create} gives a new, empty store; set {@code stowage.inmemory.versioning=true}
 * in the settings' properties for a versioned one.
 *
 * <pre>{@code
 * BlobStore store = new InMemoryBlobStoreProvider().create(StoreSettings.builder()
 *         .property(InMemoryBlobStore.VERSIONING_PROPERTY, "true")
 *         .build());
 * }</pre>
 */
public final class InMemoryBlobStoreProvider implements BlobStoreProvider {

    /** The name users select this provider by. */
    public static final String NAME = "inmemory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BlobStore create(StoreSettings settings) {
        return InMemoryBlobStore.builder().settings(settings == null ? StoreSettings.defaults() : settings).build();
    }
}
