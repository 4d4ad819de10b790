package io.stowage.provider.dynamodb;

import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemStore;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.StoreFactory;
import io.stowage.testbackends.DynaliteServer;
import java.util.Map;

/**
 * DynamoDB item stores against dynalite for the tests, and what dynalite does not do.
 * Shared with the S3 and MinIO providers' tests through this module's test-jar.
 *
 * <pre>{@code
 * DynamoDbItemStore store = DynaliteStores.store(DynaliteStores.settings().build());
 * }</pre>
 */
public final class DynaliteStores {

    /** What dynalite lacks of DynamoDB, and why. */
    public static final Map<ItemCapability, String> MISSING = Map.of(ItemCapability.CREDENTIALS_CHECKED,
            "dynalite does not verify request signatures");

    private DynaliteStores() {
    }

    /** Settings that reach the shared dynalite server. */
    public static StoreSettings.Builder settings() {
        return DynaliteServer.shared().settings().toBuilder();
    }

    public static DynamoDbItemStore store(StoreSettings settings) {
        DynamoDbItemStore.Builder b = DynamoDbItemStore.builder().settings(settings);
        MISSING.forEach(b::withoutCapability);
        return b.build();
    }

    /** The TCK's factory of stores on dynalite. */
    public static StoreFactory<ItemStore> factory() {
        return StoreFactory.<ItemStore>of(DynaliteStores::store)
                .connectionSettings(settings().build())
                .threadNamePrefixes("stowage-dynamodb-")
                .build();
    }
}
