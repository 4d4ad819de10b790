package io.stowage.provider.dynamodb;

import io.stowage.spi.ItemStore;
import io.stowage.spi.ItemStoreProvider;
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
}
