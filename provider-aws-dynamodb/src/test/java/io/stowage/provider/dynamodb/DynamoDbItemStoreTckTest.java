package io.stowage.provider.dynamodb;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemStore;
import io.stowage.tck.ItemStoreTck;

/**
 * The item-store TCK against dynalite. Wrong credentials cannot be refused there (dynalite
 * does not verify signatures), so the store declares that capability missing and the
 * TCK skips that test with the reason.
 */
class DynamoDbItemStoreTckTest extends ItemStoreTck {

    private DynamoDbItemStore store;

    @Override
    protected ItemStore createItemStore() {
        store = DynamoDbItemStoreTest.dynaliteStore(DynamoDbItemStoreTest.dynaliteSettings().build());
        return store;
    }

    /** The store's own record of what it lacks here and why, in the skip messages. */
    @Override
    protected Map<ItemCapability, String> missingCapabilityReasons() {
        return store.missingCapabilities();
    }

    @Override
    protected Optional<ItemStore> createItemStoreThatTimesOut() {
        return Optional.of(DynamoDbItemStoreTest.dynaliteStore(DynamoDbItemStoreTest.dynaliteSettings()
                .endpoint(blackHole().uri())
                .apiCallTimeout(Duration.ofSeconds(1))
                .maxRetries(0)
                .build()));
    }
}
