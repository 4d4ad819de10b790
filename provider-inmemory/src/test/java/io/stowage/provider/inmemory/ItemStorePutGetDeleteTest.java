package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.TableDefinition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ItemStorePutGetDeleteTest {

    private final InMemoryItemStore store = InMemoryItemStore.create();

    @BeforeEach
    void table() {
        store.createTable(TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.N)).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String name) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromN(sk));
        item.put("name", AttributeValue.fromS(name));
        return item;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(sk));
    }

    private Optional<Map<String, AttributeValue>> put(Map<String, AttributeValue> item) {
        return store.put(PutItemRequest.builder().table("documents").item(item).build()).join();
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        return store.get(ItemKeyRequest.builder().table("documents").key(key).consistentRead(true).build()).join();
    }

    @Test
    void storedItemsAreUnaffectedByLaterChangesToTheCallersMap() {
        Map<String, AttributeValue> item = item("A", "1", "x");
        put(item);
        item.put("name", AttributeValue.fromS("changed"));
        assertThat(get(key("A", "1")).orElseThrow().get("name")).isEqualTo(AttributeValue.fromS("x"));
    }
}
