package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Stowage;
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

    /** On this module's classpath the in-memory providers are the only ones, so {@code create()} takes them. */
    @Test
    void stowageCreateTakesTheOnlyProvidersOnTheClasspath() {
        assertThat(System.getProperty("stowage.blobstore")).as("no provider chosen by property").isNull();
        assertThat(System.getenv("STOWAGE_BLOBSTORE")).as("no provider chosen by environment").isNull();
        try (Stowage stowage = Stowage.create()) {
            assertThat(stowage.syncCreateBucketIfMissing("discovered")).as("bucket created").isTrue();
            assertThat(stowage.syncCreateBucketIfMissing("discovered")).as("second call").isFalse();
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
