package io.stowage.provider.dynamodb;

import java.util.Objects;

import io.stowage.spi.ItemStore;
import io.stowage.spi.ItemStoreProvider;
import io.stowage.spi.SharedResources;
import io.stowage.spi.StoreSettings;

/**
 * The {@code dynamodb} item store provider, found by {@link java.util.ServiceLoader}: it
 * creates a {@link DynamoDbItemStore} from the settings.
 *
 * <pre>{@code
 * // -Dstowage.itemstore=dynamodb, or the only item store provider on the class path
 * ItemStore store = new DynamoDbItemStoreProvider().create(StoreSettings.defaults());
 * }</pre>
 */
public final class DynamoDbItemStoreProvider implements ItemStoreProvider {

    /** The name users select this provider by. */
    public static final String NAME = "dynamodb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ItemStore create(StoreSettings settings) {
        return DynamoDbItemStore.create(settings);
    }

    /** A store whose event loops are shared with the other AWS store of the same {@code Stowage}. */
    @Override
    public ItemStore create(StoreSettings settings, SharedResources shared) {
        return DynamoDbItemStore.builder().settings(Objects.requireNonNull(settings, "settings")).sharedResources(shared).build();
    }
}
