package io.stowage.provider.inmemory;

import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.ItemStoreTck;

/**
 * The item-store TCK on the in-memory store.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest=InMemoryItemStoreTckTest
 * }</pre>
 */
class InMemoryItemStoreTckTest extends ItemStoreTck {

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return InMemoryStores.of(() -> InMemoryItemStore.create());
    }
}
