package io.stowage.provider.dynamodb;

import java.util.Map;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.Credentials;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.TableDefinition;

/**
 * Run in a child JVM by {@link EnvironmentConfigurationTest}: the environment of a JVM
 * cannot be changed from inside it. Args: table name, then an optional profile name.
 */
final class EnvironmentProbe {

    private EnvironmentProbe() {
    }

    public static void main(String[] args) {
        StoreSettings.Builder settings = StoreSettings.builder();
        if (args.length > 1) {
            settings.credentials(Credentials.profile(args[1]));
        }
        try (DynamoDbItemStore store = DynamoDbItemStore.create(settings.build())) {
            String table = args[0];
            store.createTable(TableDefinition.of(table, "pk", KeyType.S)).join();
            store.put(PutItemRequest.builder().table(table).item(Map.of("pk", AttributeValue.fromS("env"))).build()).join();
            boolean found = store.get(ItemKeyRequest.builder().table(table).key(Map.of("pk", AttributeValue.fromS("env")))
                    .build()).join().isPresent();
            System.out.println("PROBE " + store + " found=" + found);
        }
    }
}
