package io.stowage.provider.dynamodb;

import java.time.Duration;
import java.util.Optional;

import io.stowage.spi.ItemStore;
import io.stowage.tck.ItemStoreTck;

/**
 * The item-store TCK against dynalite. Wrong credentials cannot be refused there (dynalite
 * does not verify signatures), so the store declares that capability missing and the
 * TCK skips that test with the reason.
 */
class DynamoDbItemStoreTckTest extends ItemStoreTck {

    @Override
    protected ItemStore createItemStore() {
        return DynamoDbItemStoreTest.dynaliteStore(DynamoDbItemStoreTest.dynaliteSettings().build());
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
