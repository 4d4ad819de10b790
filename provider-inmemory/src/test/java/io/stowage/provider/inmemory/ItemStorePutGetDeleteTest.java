package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemSize;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    void putReturnsTheReplacedItemAndGetReadsTheLatest() {
        assertThat(put(item("A", "1", "first"))).isEmpty();
        assertThat(put(item("A", "1", "second"))).hasValue(item("A", "1", "first"));
        assertThat(get(key("A", "1"))).hasValue(item("A", "1", "second"));
        assertThat(get(key("A", "2"))).isEmpty();
    }

    @Test
    void numericKeysEqualByValueNotByText() {
        put(item("A", "1.50", "x"));
        assertThat(get(key("A", "1.5"))).isPresent();
    }

    @Test
    void itemWithoutAKeyAttributeIsInvalidInputNamingIt() {
        Map<String, AttributeValue> noSortKey = new HashMap<>(item("A", "1", "x"));
        noSortKey.remove("sk");
        StoreException e = failure(store.put(PutItemRequest.builder().table("documents").item(noSortKey).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("'sk'");
        assertThat(e.table()).isEqualTo("documents");
    }

    @Test
    void keyAttributeOfTheWrongTypeIsInvalidInputNamingIt() {
        Map<String, AttributeValue> wrong = new HashMap<>(item("A", "1", "x"));
        wrong.put("sk", AttributeValue.fromS("1"));
        StoreException e = failure(store.put(PutItemRequest.builder().table("documents").item(wrong).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("'sk'").contains("N");
    }

    @Test
    void emptyStringKeyIsInvalidInputLikeDynamoDb() {
        StoreException e = failure(store.put(PutItemRequest.builder().table("documents").item(item("", "1", "x")).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("'pk'").contains("empty");
    }

    @Test
    void emptySetAttributeIsInvalidInputLikeDynamoDb() {
        Map<String, AttributeValue> withEmptySet = new HashMap<>(item("A", "1", "x"));
        withEmptySet.put("tags", AttributeValue.fromSs(Set.of()));
        assertThat(failure(store.put(PutItemRequest.builder().table("documents").item(withEmptySet).build())).code())
                .isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    @Test
    void getKeyMustBeExactlyTheKeyAttributes() {
        Map<String, AttributeValue> extra = new HashMap<>(key("A", "1"));
        extra.put("name", AttributeValue.fromS("x"));
        assertThat(failure(store.get(ItemKeyRequest.builder().table("documents").key(extra).build())).code())
                .isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(failure(store.get(ItemKeyRequest.builder().table("documents")
                .key(Map.of("pk", AttributeValue.fromS("A"))).build())).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    @Test
    void itemOfExactly400KbIsStoredAndOneByteMoreIsItemTooLarge() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key("A", "1"));
        long overhead = ItemSize.of(item) + "data".length();
        item.put("data", AttributeValue.fromB(new byte[(int) (ItemSize.MAX_ITEM_BYTES - overhead)]));
        assertThat(ItemSize.of(item)).isEqualTo(409_600);
        put(item);
        assertThat(get(key("A", "1"))).hasValue(item);

        Map<String, AttributeValue> tooBig = new LinkedHashMap<>(key("A", "2"));
        tooBig.put("data", AttributeValue.fromB(new byte[(int) (ItemSize.MAX_ITEM_BYTES - overhead + 1)]));
        StoreException e = failure(store.put(PutItemRequest.builder().table("documents").item(tooBig).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.ITEM_TOO_LARGE);
        assertThat(e.getMessage()).contains("409601").contains("409600");
        assertThat(e.table()).isEqualTo("documents");
        assertThat(get(key("A", "2"))).isEmpty();
    }

    @Test
    void failedConditionIsConditionFailedAndLeavesTheItem() {
        put(item("A", "1", "first"));
        StoreException e = failure(store.put(PutItemRequest.builder().table("documents").item(item("A", "1", "second"))
                .condition(ItemCondition.attributeNotExists("pk")).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.CONDITION_FAILED);
        assertThat(e.table()).isEqualTo("documents");
        assertThat(get(key("A", "1"))).hasValue(item("A", "1", "first"));
    }

    @Test
    void conditionHoldingOnTheStoredItemLetsThePutThrough() {
        put(item("A", "1", "first"));
        store.put(PutItemRequest.builder().table("documents").item(item("A", "1", "second"))
                .condition(ItemCondition.and(ItemCondition.attributeExists("pk"),
                        ItemCondition.equalTo("name", AttributeValue.fromS("first")))).build()).join();
        assertThat(get(key("A", "1"))).hasValue(item("A", "1", "second"));
    }

    @Test
    void deleteReturnsTheOldItemAndMissingItemsGiveEmpty() {
        put(item("A", "1", "x"));
        assertThat(store.delete(ItemKeyRequest.builder().table("documents").key(key("A", "1")).build()).join())
                .hasValue(item("A", "1", "x"));
        assertThat(store.delete(ItemKeyRequest.builder().table("documents").key(key("A", "1")).build()).join()).isEmpty();
        assertThat(get(key("A", "1"))).isEmpty();
    }

    @Test
    void conditionalDeleteFailsWhenTheConditionDoesNotHold() {
        put(item("A", "1", "x"));
        StoreException e = failure(store.delete(ItemKeyRequest.builder().table("documents").key(key("A", "1"))
                .condition(ItemCondition.equalTo("name", AttributeValue.fromS("other"))).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.CONDITION_FAILED);
        assertThat(get(key("A", "1"))).isPresent();
        assertThat(failure(store.delete(ItemKeyRequest.builder().table("documents").key(key("B", "1"))
                .condition(ItemCondition.attributeExists("pk")).build())).code()).isEqualTo(StoreErrorCode.CONDITION_FAILED);
    }

    @Test
    void storedItemsAreUnaffectedByLaterChangesToTheCallersMap() {
        Map<String, AttributeValue> item = item("A", "1", "x");
        put(item);
        item.put("name", AttributeValue.fromS("changed"));
        assertThat(get(key("A", "1")).orElseThrow().get("name")).isEqualTo(AttributeValue.fromS("x"));
    }

    @Test
    void allAttributeTypesRoundTrip() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key("A", "1"));
        item.put("s", AttributeValue.fromS("s"));
        item.put("b", AttributeValue.fromB(new byte[] {1, 2}));
        item.put("bool", AttributeValue.fromBool(true));
        item.put("null", AttributeValue.nul());
        item.put("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromN("2"))));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"))));
        item.put("ss", AttributeValue.fromSs(Set.of("a", "b")));
        item.put("ns", AttributeValue.fromNs(Set.of("1", "2")));
        item.put("bs", AttributeValue.fromBs(List.of(new byte[] {3})));
        put(item);
        assertThat(get(key("A", "1"))).hasValue(item);
    }

    @Test
    void tableWithoutSortKeyStoresOneItemPerPartitionKey() {
        store.createTable(TableDefinition.of("simple", "id", KeyType.B)).join();
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromB(new byte[] {1}), "v", AttributeValue.fromN("1"));
        store.put(PutItemRequest.builder().table("simple").item(item).build()).join();
        assertThat(store.get(ItemKeyRequest.builder().table("simple").key(Map.of("id", AttributeValue.fromB(new byte[] {1})))
                .build()).join()).hasValue(item);
        assertThat(failure(store.put(PutItemRequest.builder().table("simple")
                .item(Map.of("id", AttributeValue.fromB(new byte[0]))).build())).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }
}
