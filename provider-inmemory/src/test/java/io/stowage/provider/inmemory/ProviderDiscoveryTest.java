package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.ItemStore;
import io.stowage.spi.ItemStoreProvider;
import io.stowage.spi.StoreSettings;

import java.util.Optional;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

class ProviderDiscoveryTest {

    @Test
    void serviceLoaderFindsTheBlobStoreProviderByName() {
        Optional<BlobStoreProvider> found = ServiceLoader.load(BlobStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> "inmemory".equals(p.name())).findFirst();
        assertThat(found).get().isInstanceOf(InMemoryBlobStoreProvider.class);
        try (BlobStore store = found.get().create(StoreSettings.defaults())) {
            assertThat(store).isInstanceOf(InMemoryBlobStore.class);
        }
    }

    @Test
    void serviceLoaderFindsTheItemStoreProviderByName() {
        Optional<ItemStoreProvider> found = ServiceLoader.load(ItemStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> "inmemory".equals(p.name())).findFirst();
        assertThat(found).get().isInstanceOf(InMemoryItemStoreProvider.class);
        try (ItemStore store = found.get().create(StoreSettings.defaults())) {
            assertThat(store).isInstanceOf(InMemoryItemStore.class);
        }
    }

    @Test
    void eachCreateGivesAnIndependentEmptyStore() {
        InMemoryBlobStoreProvider provider = new InMemoryBlobStoreProvider();
        try (BlobStore a = provider.create(StoreSettings.defaults()); BlobStore b = provider.create(StoreSettings.defaults())) {
            a.createBucket("docs", null).join();
            assertThat(b.bucketExists("docs", null).join()).isFalse();
        }
    }
}
