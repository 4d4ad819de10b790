package io.stowage.provider.dynamodb;

import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemStore;
import io.stowage.tck.ItemStoreTck;
import io.stowage.tck.StoreFactory;
import java.util.Map;

/**
 * The item-store TCK on the DynamoDB provider against dynalite, including the kit's checks
 * of proxies, retries, session tokens, timeouts and {@code close()}.
 *
 * <pre>{@code
 * mvn -pl provider-aws-dynamodb -am test -Dtest=DynamoDbItemStoreTckTest
 * }</pre>
 */
class DynamoDbItemStoreTckTest extends ItemStoreTck {

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return DynaliteStores.factory();
    }

    /** The store's own record of what it lacks here and why, in the skip messages. */
    @Override
    protected Map<ItemCapability, String> missingCapabilityReasons() {
        return DynaliteStores.MISSING;
    }
}
