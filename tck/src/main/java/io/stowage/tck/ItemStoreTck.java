package io.stowage.tck;

import static io.stowage.tck.TckSupport.await;
import static io.stowage.tck.TckSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCapability;
import io.stowage.tck.net.CannedResponseServer;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemSize;
import io.stowage.spi.ItemStore;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.SortKeyCondition;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The item-store compatibility kit: every {@link ItemStore} provider extends this class in
 * its test sources and supplies a store. Tests named {@code required_...} check the core
 * contract (DynamoDB's semantics: the ten attribute types, conditional writes, the 400 KB
 * limit, sort-key order, pagination); tests named {@code optional_...} check one
 * {@link ItemCapability} and are <em>skipped</em>, with the missing capability as the
 * reason, when the store does not declare it.
 *
 * <p>The store is created once per test class and closed after it; every test works in
 * tables of its own, with unique names.
 *
 * <pre>{@code
 * class MyItemStoreTckTest extends ItemStoreTck {
 *     protected StoreFactory<ItemStore> itemStores() {
 *         return StoreFactory.of(new MyItemStoreProvider()::create).connectionSettings(mySettings).build();
 *     }
 * }
 * }</pre>
 */
public abstract class ItemStoreTck extends StoreTck<ItemStore> {

    private static final String PK = "pk";
    private static final String SK = "sk";

    private ItemStore store;
    /** Tables filled once and only read by the sort-key condition cases. */
    private final Map<KeyType, String> conditionTables = new TreeMap<>();

    // ------------------------------------------------------------------ hooks

    /**
     * The provider's stores: the store under test is made from its connection settings,
     * once per test class; the network checks make stores of their own from settings
     * derived from them.
     */
    protected abstract StoreFactory<ItemStore> itemStores();

    /** A table name no one uses yet; override where the backend has its own naming rules. */
    protected String newTableName() {
        StringBuilder sb = new StringBuilder("stowage_tck_");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    /** The store under test. */
    protected final ItemStore itemStore() {
        return store;
    }

    // -------------------------------------------------------------- lifecycle

    @Override
    final StoreFactory<ItemStore> factory() {
        return itemStores();
    }

    @BeforeAll
    final void createStore() {
        store = itemStores().create();
    }

    @AfterAll
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    final CompletableFuture<?> read(ItemStore other) {
        return other.get(ItemKeyRequest.builder().table("throttled").key(Map.of(PK, s("a"))).build());
    }

    @Override
    final CompletableFuture<?> write(ItemStore other) {
        return other.put(PutItemRequest.builder().table("stowage_tck_any").item(Map.of(PK, s("a"))).build());
    }

    @Override
    final void exercise(ItemStore other) {
        String table = newTableName();
        await(() -> other.createTable(TableDefinition.of(table, PK, KeyType.S)), "createTable");
        await(() -> other.put(PutItemRequest.builder().table(table).item(Map.of(PK, s("a"))).build()), "put");
        assertThat(await(() -> other.get(ItemKeyRequest.builder().table(table).key(Map.of(PK, s("a"))).build()), "get"))
                .isPresent();
    }

    /** DynamoDB's answer to too many requests: 400 ThrottlingException. */
    @Override
    CannedResponseServer throttlingServer() {
        return CannedResponseServer.dynamoDbThrottling();
    }

    // ----------------------------------------------------------------- tables

    @Test
    final void required_createTableReturnsTrueThenFalse() {
        TableDefinition definition = TableDefinition.of(newTableName(), PK, KeyType.S, SK, KeyType.S);
        assertThat(await(() -> store.createTable(definition), "createTable")).as("first createTable").isTrue();
        assertThat(await(() -> store.createTable(definition), "createTable again")).as("second createTable").isFalse();

        Map<String, AttributeValue> item = item("p", "s");
        put(definition.tableName(), item);
        assertSameItem(item, get(definition.tableName(), key("p", "s")).orElse(null), "item in the new table");
    }

    @Test
    final void required_missingTableFailsWithTableNotFound() {
        String missing = newTableName();
        Map<String, AttributeValue> key = Map.of(PK, AttributeValue.fromS("p"));
        Map<String, Supplier<CompletableFuture<?>>> calls = new LinkedHashMap<>();
        calls.put("put", () -> store.put(PutItemRequest.builder().table(missing).item(key).build()));
        calls.put("get", () -> store.get(ItemKeyRequest.builder().table(missing).key(key).build()));
        calls.put("delete", () -> store.delete(ItemKeyRequest.builder().table(missing).key(key).build()));
        calls.put("query", () -> store.query(QueryRequest.builder().table(missing).partitionKey(PK, AttributeValue.fromS("p")).build()));
        calls.put("scan", () -> store.query(QueryRequest.builder().table(missing).build()));
        SoftAssertions soft = new SoftAssertions();
        calls.forEach((name, call) -> soft.check(() -> {
            StoreException e = failure(call, name + " on a missing table");
            assertThat(e.code()).as("%s: %s", name, e).isEqualTo(StoreErrorCode.TABLE_NOT_FOUND);
            assertThat(e.table()).as("%s: table named by the exception", name).isEqualTo(missing);
        }));
        soft.assertAll();
    }

    @Test
    final void required_createTableWithAnotherKeySchemaForAnExistingNameIsRefusedWithInvalidInput() {
        String name = newTableName();
        TableDefinition original = TableDefinition.of(name, PK, KeyType.S);
        assertThat(await(() -> store.createTable(original), "createTable")).as("first createTable").isTrue();

        Map<String, TableDefinition> others = new LinkedHashMap<>();
        others.put("another partition key type", TableDefinition.of(name, PK, KeyType.N));
        others.put("another partition key name", TableDefinition.of(name, "id", KeyType.S));
        others.put("an added sort key", TableDefinition.of(name, PK, KeyType.S, SK, KeyType.S));
        SoftAssertions soft = new SoftAssertions();
        others.forEach((what, definition) -> soft.check(() -> {
            StoreException e = failure(() -> store.createTable(definition), "createTable of " + name + " with " + what);
            assertThat(e.code()).as("%s: %s", what, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
            assertThat(e.table()).as("%s: table named by the exception", what).isEqualTo(name);
        }));
        soft.assertAll();
        assertThat(await(() -> store.createTable(original), "createTable with the same schema"))
                .as("createTable again").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "slash/table", "ünicode"})
    final void required_tableNamesBreakingDynamoDbRulesAreRefusedWithInvalidInput(String name) {
        StoreException e = failure(() -> store.createTable(TableDefinition.of(name, PK, KeyType.S)), "createTable(" + name + ")");
        assertThat(e.code()).as("code for table name %s: %s", name, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    @Test
    final void required_sameAttributeForPartitionAndSortKeyIsRefusedWithInvalidInput() {
        String name = newTableName();
        StoreException e = failure(() -> store.createTable(TableDefinition.of(name, PK, KeyType.S, PK, KeyType.S)),
                "createTable with pk as both partition and sort key");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    // ------------------------------------------------------------ round trips

    @Test
    final void required_allTenAttributeTypesRoundTrip() {
        String table = table(KeyType.S, null);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, AttributeValue.fromS("every-type"));
        item.put("s", AttributeValue.fromS("héllo wörld 😀 \"quoted\" \\ back"));
        item.put("n", AttributeValue.fromN("12345678901234567890.123456789"));
        item.put("nNegative", AttributeValue.fromN("-0.5"));
        item.put("nTrailingZeros", AttributeValue.fromN("1.50"));
        item.put("b", AttributeValue.fromB(new byte[] {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF}));
        item.put("boolTrue", AttributeValue.fromBool(true));
        item.put("boolFalse", AttributeValue.fromBool(false));
        item.put("nul", AttributeValue.nul());
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("name", AttributeValue.fromS("inner"));
        inner.put("size", AttributeValue.fromN("42"));
        inner.put("deep", AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(AttributeValue.fromN("1"))))));
        item.put("m", AttributeValue.fromM(inner));
        item.put("l", AttributeValue.fromL(List.of(
                AttributeValue.fromS("first"),
                AttributeValue.fromN("2"),
                AttributeValue.fromBool(true),
                AttributeValue.nul(),
                AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))),
                AttributeValue.fromL(List.of()),
                AttributeValue.fromS("first"))));
        item.put("ss", AttributeValue.fromSs(Set.of("b", "a", "c", "ü")));
        item.put("ns", AttributeValue.fromNs(Set.of("1", "2.5", "-3", "10")));
        item.put("bs", AttributeValue.fromBs(List.of(new byte[] {0}, new byte[] {1, 2}, new byte[] {(byte) 0xFF})));
        Map<String, AttributeValue> key = Map.of(PK, AttributeValue.fromS("every-type"));

        assertThat(put(table, item)).as("put of a new item returns no old item").isEmpty();
        assertSameItem(item, get(table, key).orElse(null), "item read back");
        assertSameItem(item, await(() -> store.delete(ItemKeyRequest.builder().table(table).key(key).build()), "delete")
                .orElse(null), "item returned by delete");
        assertThat(get(table, key)).as("item after delete").isEmpty();
    }

    @Test
    final void required_putReturnsTheReplacedItem() {
        String table = table(KeyType.S, KeyType.S);
        Map<String, AttributeValue> first = item("p", "s", "version", AttributeValue.fromN("1"));
        Map<String, AttributeValue> second = item("p", "s", "version", AttributeValue.fromN("2"));
        assertThat(put(table, first)).as("put of a new item").isEmpty();
        assertSameItem(first, put(table, second).orElse(null), "item returned by the replacing put");
        assertSameItem(second, get(table, key("p", "s")).orElse(null), "item after the replacing put");
    }

    @Test
    final void required_putReplacesTheWholeItem() {
        String table = table(KeyType.S, KeyType.S);
        put(table, item("p", "s", "gone", AttributeValue.fromS("old attribute")));
        Map<String, AttributeValue> replacement = item("p", "s", "kept", AttributeValue.fromS("new attribute"));
        put(table, replacement);
        assertSameItem(replacement, get(table, key("p", "s")).orElse(null), "a put replaces, it does not merge");
    }

    @Test
    final void required_deleteReturnsTheDeletedItemAndEmptyWhenMissing() {
        String table = table(KeyType.S, KeyType.S);
        Map<String, AttributeValue> item = item("p", "s", "payload", AttributeValue.fromS("x"));
        put(table, item);
        assertSameItem(item, delete(table, key("p", "s"), null).orElse(null), "item returned by delete");
        assertThat(delete(table, key("p", "s"), null)).as("delete of a missing item").isEmpty();
        assertThat(get(table, key("p", "s"))).as("get of a missing item").isEmpty();
    }

    @Test
    final void required_sortKeyIsPartOfTheKey() {
        String table = table(KeyType.S, KeyType.S);
        Map<String, AttributeValue> one = item("p", "1", "n", AttributeValue.fromN("1"));
        Map<String, AttributeValue> two = item("p", "2", "n", AttributeValue.fromN("2"));
        put(table, one);
        put(table, two);
        assertSameItem(one, get(table, key("p", "1")).orElse(null), "item p/1");
        assertSameItem(two, get(table, key("p", "2")).orElse(null), "item p/2");
        delete(table, key("p", "1"), null);
        assertThat(get(table, key("p", "1"))).as("p/1 after its delete").isEmpty();
        assertSameItem(two, get(table, key("p", "2")).orElse(null), "p/2 after deleting p/1");
    }

    @Test
    final void required_numericKeysAreEqualByValue() {
        String table = table(KeyType.S, KeyType.N);
        Map<String, AttributeValue> first = Map.of(PK, s("p"), SK, n("1.50"), "v", s("first"));
        put(table, first);
        assertSameItem(first, get(table, Map.of(PK, s("p"), SK, n("1.5"))).orElse(null), "item 1.50 read with key 1.5");

        Map<String, AttributeValue> second = Map.of(PK, s("p"), SK, n("1.5"), "v", s("second"));
        assertSameItem(first, put(table, second).orElse(null), "item replaced by a put at 1.5");
        List<Map<String, AttributeValue>> all = queryAll(QueryRequest.builder().table(table).partitionKey(PK, s("p")).build());
        assertThat(all).as("items in the partition after puts at 1.50 and 1.5").hasSize(1);
    }

    Stream<Arguments> malformedItems() {
        Map<String, AttributeValue> noSortKey = Map.of(PK, s("p"), "v", s("x"));
        Map<String, AttributeValue> noPartitionKey = Map.of(SK, n("1"), "v", s("x"));
        Map<String, AttributeValue> sortKeyAsString = Map.of(PK, s("p"), SK, s("1"));
        Map<String, AttributeValue> partitionKeyAsNumber = Map.of(PK, n("1"), SK, n("1"));
        Map<String, AttributeValue> emptyPartitionKey = Map.of(PK, s(""), SK, n("1"));
        Map<String, AttributeValue> emptyStringSet = Map.of(PK, s("p"), SK, n("1"), "tags", AttributeValue.fromSs(Set.of()));
        Map<String, AttributeValue> emptyNumberSet = Map.of(PK, s("p"), SK, n("1"), "ns", AttributeValue.fromNs(Set.of()));
        Map<String, AttributeValue> emptyBinarySet = Map.of(PK, s("p"), SK, n("1"), "bs", AttributeValue.fromBs(List.of()));
        return Stream.of(
                Arguments.of("without its sort key", noSortKey),
                Arguments.of("without its partition key", noPartitionKey),
                Arguments.of("with a string where the number sort key goes", sortKeyAsString),
                Arguments.of("with a number where the string partition key goes", partitionKeyAsNumber),
                Arguments.of("with an empty string partition key", emptyPartitionKey),
                Arguments.of("with an empty string set", emptyStringSet),
                Arguments.of("with an empty number set", emptyNumberSet),
                Arguments.of("with an empty binary set", emptyBinarySet));
    }

    @ParameterizedTest(name = "item {0}")
    @MethodSource("malformedItems")
    final void required_malformedItemIsRefusedWithInvalidInput(String what, Map<String, AttributeValue> item) {
        String table = table(KeyType.S, KeyType.N);
        StoreException e = failure(() -> store.put(PutItemRequest.builder().table(table).item(item).build()),
                "put of an item " + what);
        assertThat(e.code()).as("code for an item %s: %s", what, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(queryAll(QueryRequest.builder().table(table).build())).as("items after the refused put").isEmpty();
    }

    @Test
    final void required_emptyBinaryKeyIsRefusedWithInvalidInput() {
        String table = table(KeyType.B, null);
        StoreException e = failure(() -> store.put(PutItemRequest.builder().table(table)
                .item(Map.of(PK, AttributeValue.fromB(new byte[0]))).build()), "put with an empty binary partition key");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    @Test
    final void required_keyThatIsNotExactlyTheKeyAttributesIsRefusedWithInvalidInput() {
        String table = table(KeyType.S, KeyType.S);
        put(table, item("p", "s", "v", s("x")));
        Map<String, AttributeValue> withExtra = item("p", "s", "v", s("x"));
        Map<String, AttributeValue> withoutSortKey = Map.of(PK, s("p"));
        for (Map<String, AttributeValue> key : List.of(withExtra, withoutSortKey)) {
            StoreException e = failure(() -> store.get(ItemKeyRequest.builder().table(table).key(key).build()), "get by " + key);
            assertThat(e.code()).as("code for get by %s: %s", key, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
            StoreException d = failure(() -> store.delete(ItemKeyRequest.builder().table(table).key(key).build()),
                    "delete by " + key);
            assertThat(d.code()).as("code for delete by %s: %s", key, d).isEqualTo(StoreErrorCode.INVALID_INPUT);
        }
        assertThat(get(table, key("p", "s"))).as("item after the refused deletes").isPresent();
    }

    // ------------------------------------------------------------- conditions

    @Test
    final void required_attributeNotExistsRefusesAnExistingItem() {
        String table = table(KeyType.S, KeyType.S);
        Map<String, AttributeValue> original = item("p", "s", "version", AttributeValue.fromN("1"));
        assertThat(put(table, original, ItemCondition.attributeNotExists(PK)))
                .as("create-only put of a new item").isEmpty();

        Map<String, AttributeValue> intruder = item("p", "s", "version", AttributeValue.fromN("2"));
        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(intruder)
                .condition(ItemCondition.attributeNotExists(PK)).build()), "create-only put over an existing item");
        assertSameItem(original, get(table, key("p", "s")).orElse(null), "item after the refused put");
    }

    @Test
    final void required_attributeExistsRefusesAMissingItem() {
        String table = table(KeyType.S, KeyType.S);
        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("p", "s"))
                .condition(ItemCondition.attributeExists(PK)).build()), "update-only put of a missing item");
        assertThat(get(table, key("p", "s"))).as("item after the refused put").isEmpty();

        put(table, item("p", "s"));
        Map<String, AttributeValue> updated = item("p", "s", "flag", AttributeValue.fromBool(true));
        put(table, updated, ItemCondition.attributeExists(PK));
        assertSameItem(updated, get(table, key("p", "s")).orElse(null), "item after an update-only put");

        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("p", "s"))
                .condition(ItemCondition.attributeExists("no-such-attribute")).build()), "put if a missing attribute exists");
        assertSameItem(updated, get(table, key("p", "s")).orElse(null), "item after the refused put");
    }

    @Test
    final void required_equalToComparesTypedValues() {
        String table = table(KeyType.S, KeyType.S);
        Map<String, AttributeValue> v3 = item("p", "s", "version", AttributeValue.fromN("3"));
        put(table, v3);

        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("p", "s"))
                .condition(ItemCondition.equalTo("version", AttributeValue.fromN("4"))).build()), "put if version = 4");
        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("p", "s"))
                .condition(ItemCondition.equalTo("version", AttributeValue.fromS("3"))).build()),
                "put if version = \"3\" (a string, not the number 3)");
        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("p", "s"))
                .condition(ItemCondition.equalTo("missing", AttributeValue.fromN("3"))).build()), "put if missing = 3");
        assertSameItem(v3, get(table, key("p", "s")).orElse(null), "item after the refused puts");

        // Numbers compare by value, as in DynamoDB: 3.0 equals 3.
        Map<String, AttributeValue> v4 = item("p", "s", "version", AttributeValue.fromN("4"));
        put(table, v4, ItemCondition.equalTo("version", AttributeValue.fromN("3.0")));
        assertSameItem(v4, get(table, key("p", "s")).orElse(null), "item after put if version = 3.0");
    }

    @Test
    final void required_memberEqualToComparesOneEntryOfAMap() {
        String table = table(KeyType.S, KeyType.S);
        AttributeValue content = AttributeValue.fromM(Map.of("key", AttributeValue.fromS("docs/a.txt"),
                "size", AttributeValue.fromN("3")));
        Map<String, AttributeValue> original = item("p", "s", "content", content);
        put(table, original);

        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("p", "s"))
                .condition(ItemCondition.memberEqualTo("content", "key", AttributeValue.fromS("docs/b.txt"))).build()),
                "put if content.key = docs/b.txt");
        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("p", "s"))
                .condition(ItemCondition.memberEqualTo("attachment", "key", AttributeValue.fromS("docs/a.txt"))).build()),
                "put if attachment.key = docs/a.txt (no such attribute)");
        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("q", "s"))
                .condition(ItemCondition.memberEqualTo("content", "key", AttributeValue.fromS("docs/a.txt"))).build()),
                "put if content.key = docs/a.txt on a missing item");
        assertSameItem(original, get(table, key("p", "s")).orElse(null), "item after the refused puts");
        assertThat(get(table, key("q", "s"))).as("item of the refused put on a missing item").isEmpty();

        Map<String, AttributeValue> replaced = item("p", "s", "content", AttributeValue.fromM(
                Map.of("key", AttributeValue.fromS("docs/c.txt"))));
        put(table, replaced, ItemCondition.memberEqualTo("content", "key", AttributeValue.fromS("docs/a.txt")));
        assertSameItem(replaced, get(table, key("p", "s")).orElse(null), "item after put if content.key = docs/a.txt");
    }

    @Test
    final void required_andConditionNeedsEveryPart() {
        String table = table(KeyType.S, KeyType.S);
        Map<String, AttributeValue> v1 = item("p", "s", "version", AttributeValue.fromN("1"), "state", AttributeValue.fromS("draft"));
        put(table, v1);

        expectConditionFailed(() -> store.put(PutItemRequest.builder().table(table).item(item("p", "s"))
                .condition(ItemCondition.and(ItemCondition.attributeExists(PK),
                        ItemCondition.equalTo("version", AttributeValue.fromN("1")),
                        ItemCondition.equalTo("state", AttributeValue.fromS("final")))).build()),
                "put if exists AND version = 1 AND state = final");
        assertSameItem(v1, get(table, key("p", "s")).orElse(null), "item after the refused put");

        Map<String, AttributeValue> v2 = item("p", "s", "version", AttributeValue.fromN("2"), "state", AttributeValue.fromS("final"));
        put(table, v2, ItemCondition.and(ItemCondition.attributeExists(PK),
                ItemCondition.equalTo("version", AttributeValue.fromN("1")),
                ItemCondition.equalTo("state", AttributeValue.fromS("draft"))));
        assertSameItem(v2, get(table, key("p", "s")).orElse(null), "item after a put whose conditions all held");
    }

    @Test
    final void required_conditionalDeleteKeepsTheItemWhenTheConditionIsFalse() {
        String table = table(KeyType.S, KeyType.S);
        Map<String, AttributeValue> item = item("p", "s", "version", AttributeValue.fromN("7"));
        put(table, item);

        expectConditionFailed(() -> store.delete(ItemKeyRequest.builder().table(table).key(key("p", "s"))
                .condition(ItemCondition.equalTo("version", AttributeValue.fromN("8"))).build()), "delete if version = 8");
        expectConditionFailed(() -> store.delete(ItemKeyRequest.builder().table(table).key(key("p", "s"))
                .condition(ItemCondition.attributeNotExists(PK)).build()), "delete if the item does not exist");
        assertSameItem(item, get(table, key("p", "s")).orElse(null), "item after the refused deletes");

        expectConditionFailed(() -> store.delete(ItemKeyRequest.builder().table(table).key(key("p", "other"))
                .condition(ItemCondition.attributeExists(PK)).build()), "delete of a missing item if it exists");

        Optional<Map<String, AttributeValue>> deleted = delete(table, key("p", "s"),
                ItemCondition.equalTo("version", AttributeValue.fromN("7")));
        assertSameItem(item, deleted.orElse(null), "item returned by a delete whose condition held");
        assertThat(get(table, key("p", "s"))).as("item after the delete").isEmpty();
    }

    // ------------------------------------------------------------ item size

    /** DynamoDB keeps numbers by value: 1.50 and 15E-1 are one number, read back as 1.5. */
    @Test
    final void required_numbersReadBackInCanonicalForm() {
        String table = table(KeyType.S, KeyType.S);
        put(table, item("p", "s", "trailing", n("1.50"), "exponent", n("1E+2"), "negativeZero", n("-0.0"),
                "small", n("0.000123000"), "negative", n("-42.10"),
                "nested", AttributeValue.fromM(Map.of("deep", n("3.000"))),
                "listed", AttributeValue.fromL(List.of(n("7.70"))),
                "set", AttributeValue.fromNs(Set.of("1.0", "20"))));
        Map<String, AttributeValue> back = get(table, key("p", "s")).orElseThrow();
        assertThat(back.get("trailing").n()).isEqualTo("1.5");
        assertThat(back.get("exponent").n()).isEqualTo("100");
        assertThat(back.get("negativeZero").n()).isEqualTo("0");
        assertThat(back.get("small").n()).isEqualTo("0.000123");
        assertThat(back.get("negative").n()).isEqualTo("-42.1");
        assertThat(back.get("nested").m().get("deep").n()).isEqualTo("3");
        assertThat(back.get("listed").l().get(0).n()).isEqualTo("7.7");
        assertThat(back.get("set").ns()).containsExactlyInAnyOrder("1", "20");
    }

    @Test
    final void required_numbersDynamoDbCannotHoldAreRefused() {
        String table = table(KeyType.S, KeyType.S);
        for (String number : List.of("1E+126", "-1E+126", "1E-131", "1.23456789012345678901234567890123456789")) {
            StoreException e = failure(() -> store.put(PutItemRequest.builder().table(table)
                    .item(item("p", number, "value", n(number))).build()), "put of the number " + number);
            assertThat(e.code()).as("code for %s: %s", number, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        }
        put(table, item("p", "largest", "value", n("9.9999999999999999999999999999999999999E+125")));
        put(table, item("p", "smallest", "value", n("1E-130")));
        assertThat(get(table, key("p", "largest"))).isPresent();
    }

    @Test
    final void required_itemOfExactlyMaxSizeIsAccepted() {
        String table = table(KeyType.S, null);
        Map<String, AttributeValue> item = paddedItem("max", ItemSize.MAX_ITEM_BYTES);
        assertThat(ItemSize.of(item)).isEqualTo(ItemSize.MAX_ITEM_BYTES);
        put(table, item);
        Map<String, AttributeValue> back = get(table, Map.of(PK, AttributeValue.fromS("max"))).orElse(null);
        assertThat(back).as("item of exactly %s bytes read back", ItemSize.MAX_ITEM_BYTES).isNotNull();
        assertThat(back.get("pad").s()).as("padding read back").isEqualTo(item.get("pad").s());
    }

    @Test
    final void required_itemOneByteOverMaxSizeIsRefusedWithItemTooLarge() {
        String table = table(KeyType.S, null);
        Map<String, AttributeValue> small = Map.of(PK, AttributeValue.fromS("over"), "pad", AttributeValue.fromS("small"));
        put(table, small);
        Map<String, AttributeValue> item = paddedItem("over", ItemSize.MAX_ITEM_BYTES + 1);
        assertThat(ItemSize.of(item)).isEqualTo(ItemSize.MAX_ITEM_BYTES + 1);

        StoreException e = failure(() -> store.put(PutItemRequest.builder().table(table).item(item).build()),
                "put of an item of " + (ItemSize.MAX_ITEM_BYTES + 1) + " bytes");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.ITEM_TOO_LARGE);
        assertSameItem(small, get(table, Map.of(PK, AttributeValue.fromS("over"))).orElse(null), "item after the refused put");
    }

    // ----------------------------------------------------------------- query

    @Test
    final void required_queryOrdersStringSortKeysByUtf8Bytes() {
        String table = table(KeyType.S, KeyType.S);
        // Insertion order differs from key order; "～" (U+FF5E) sorts before "😀" in UTF-8 but after it in UTF-16.
        List<String> inserted = List.of("ä", "b", "😀", "a", "B", "～", "aa", "0", "a b");
        List<String> expected = List.of("0", "B", "a", "a b", "aa", "b", "ä", "～", "😀");
        for (String sk : inserted) {
            put(table, item("p", sk));
        }
        put(table, item("other-partition", "a"));

        QueryRequest query = QueryRequest.builder().table(table).partitionKey(PK, AttributeValue.fromS("p")).build();
        assertThat(sortKeys(queryAll(query))).as("sort keys in ascending UTF-8 byte order").containsExactlyElementsOf(expected);
        List<String> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertThat(sortKeys(queryAll(query.toBuilder().scanIndexForward(false).build())))
                .as("sort keys with scanIndexForward=false").containsExactlyElementsOf(reversed);
    }

    @Test
    final void required_queryOrdersNumberSortKeysNumerically() {
        String table = table(KeyType.S, KeyType.N);
        List<String> inserted = List.of("10", "2", "-1", "1.5", "100", "-10.5", "0");
        List<BigDecimal> expected = Stream.of("-10.5", "-1", "0", "1.5", "2", "10", "100").map(BigDecimal::new)
                .collect(Collectors.toList());
        for (String sk : inserted) {
            put(table, Map.of(PK, AttributeValue.fromS("p"), SK, AttributeValue.fromN(sk)));
        }
        QueryRequest query = QueryRequest.builder().table(table).partitionKey(PK, AttributeValue.fromS("p")).build();
        assertThat(numericSortKeys(queryAll(query))).as("sort keys in ascending numeric order")
                .usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(expected);
        List<BigDecimal> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertThat(numericSortKeys(queryAll(query.toBuilder().scanIndexForward(false).build())))
                .as("sort keys with scanIndexForward=false")
                .usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(reversed);
    }

    @Test
    final void required_queryOrdersBinarySortKeysAsUnsignedBytes() {
        String table = table(KeyType.B, KeyType.B);
        AttributeValue partition = AttributeValue.fromB(new byte[] {(byte) 0xFF, 0});
        List<byte[]> inserted = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80}, new byte[] {0x01},
                new byte[] {0x7F}, new byte[] {0x00, 0x01});
        for (byte[] sk : inserted) {
            put(table, Map.of(PK, partition, SK, AttributeValue.fromB(sk)));
        }
        put(table, Map.of(PK, AttributeValue.fromB(new byte[] {0}), SK, AttributeValue.fromB(new byte[] {0})));

        List<String> keys = queryAll(QueryRequest.builder().table(table).partitionKey(PK, partition).build()).stream()
                .map(i -> HexFormat.of().formatHex(i.get(SK).b())).collect(Collectors.toList());
        assertThat(keys).as("binary sort keys in unsigned byte order").containsExactly("0001", "01", "7f", "80", "ff");
        Map<String, AttributeValue> key = Map.of(PK, partition, SK, AttributeValue.fromB(new byte[] {(byte) 0x80}));
        assertThat(get(table, key)).as("get by binary key").isPresent();
    }

    Stream<Arguments> sortKeyConditions() {
        return Stream.of(
                Arguments.of("S EQ ab", KeyType.S, SortKeyCondition.equalTo(s("ab")), List.of("ab")),
                Arguments.of("S LT b", KeyType.S, SortKeyCondition.lessThan(s("b")), List.of("a", "aa", "ab")),
                Arguments.of("S LE b", KeyType.S, SortKeyCondition.lessThanOrEqual(s("b")), List.of("a", "aa", "ab", "b")),
                Arguments.of("S GT b", KeyType.S, SortKeyCondition.greaterThan(s("b")), List.of("ba", "c")),
                Arguments.of("S GE b", KeyType.S, SortKeyCondition.greaterThanOrEqual(s("b")), List.of("b", "ba", "c")),
                Arguments.of("S BETWEEN aa AND b", KeyType.S, SortKeyCondition.between(s("aa"), s("b")), List.of("aa", "ab", "b")),
                Arguments.of("S BEGINS_WITH a", KeyType.S, SortKeyCondition.beginsWith("a"), List.of("a", "aa", "ab")),
                Arguments.of("S BEGINS_WITH zz (none)", KeyType.S, SortKeyCondition.beginsWith("zz"), List.of()),
                Arguments.of("N EQ 10.0", KeyType.N, SortKeyCondition.equalTo(n("10.0")), List.of("10")),
                Arguments.of("N LT 10", KeyType.N, SortKeyCondition.lessThan(n("10")), List.of("1", "2", "3")),
                Arguments.of("N LE 3", KeyType.N, SortKeyCondition.lessThanOrEqual(n("3")), List.of("1", "2", "3")),
                Arguments.of("N GT 3", KeyType.N, SortKeyCondition.greaterThan(n("3")), List.of("10", "20")),
                Arguments.of("N GE 3", KeyType.N, SortKeyCondition.greaterThanOrEqual(n("3")), List.of("3", "10", "20")),
                Arguments.of("N BETWEEN 2 AND 10", KeyType.N, SortKeyCondition.between(n("2"), n("10")), List.of("2", "3", "10")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sortKeyConditions")
    final void required_sortKeyConditionSelectsTheRightItems(String name, KeyType type, SortKeyCondition condition,
                                                            List<String> expected) {
        String table = conditionTable(type);
        QueryRequest query = QueryRequest.builder().table(table).partitionKey(PK, s("p")).sortKey(SK, condition).build();
        List<String> found = queryAll(query).stream()
                .map(i -> type == KeyType.S ? i.get(SK).s() : new BigDecimal(i.get(SK).n()).stripTrailingZeros().toPlainString())
                .collect(Collectors.toList());
        assertThat(found).as("sort keys matching %s, in order", name).containsExactlyElementsOf(expected);
    }

    @Test
    final void required_queryPaginatesWithLimitAndExclusiveStartKey() {
        String table = table(KeyType.S, KeyType.S);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String sk = String.format(Locale.ROOT, "%03d", i);
            expected.add(sk);
            put(table, item("p", sk, "i", AttributeValue.fromN(Integer.toString(i))));
        }
        put(table, item("q", "000"));

        QueryRequest query = QueryRequest.builder().table(table).partitionKey(PK, s("p")).limit(4).build();
        List<ItemPage> pages = queryPages(query);
        assertThat(pages.size()).as("pages of 25 items with limit 4").isBetween(7, 8);
        assertThat(pages).allSatisfy(p -> p.lastEvaluatedKey().ifPresent(start -> assertThat(start)
                .as("start key of a table query (the key attributes only)").containsOnlyKeys(PK, SK)));
        assertThat(pages.subList(0, 6)).allSatisfy(p -> assertThat(p.items()).as("full page").hasSize(4));
        assertThat(sortKeys(pages.stream().flatMap(p -> p.items().stream()).collect(Collectors.toList())))
                .as("items over all pages, each once, in order").containsExactlyElementsOf(expected);

        List<String> backwards = new ArrayList<>(expected);
        Collections.reverse(backwards);
        assertThat(sortKeys(queryAll(query.toBuilder().scanIndexForward(false).limit(7).build())))
                .as("items over all pages backwards").containsExactlyElementsOf(backwards);
    }

    @Test
    final void required_queryPaginatesBackwardsWithASortKeyCondition() {
        String table = table(KeyType.S, KeyType.N);
        for (int i = 0; i < 6; i++) {
            put(table, Map.of(PK, s("p"), SK, n(Integer.toString(i))));
        }
        QueryRequest query = QueryRequest.builder().table(table).partitionKey(PK, s("p")).scanIndexForward(false).limit(2)
                .sortKey(SK, SortKeyCondition.greaterThanOrEqual(n("1"))).build();
        List<String> keys = queryAll(query).stream().map(i -> number(i.get(SK).n())).collect(Collectors.toList());
        assertThat(keys).as("sort keys >= 1, backwards, in pages of 2").containsExactly("5", "4", "3", "2", "1");
    }

    @Test
    final void required_queryOfAnEmptyPartitionIsAnEmptyLastPage() {
        String table = table(KeyType.S, KeyType.S);
        put(table, item("someone", "s"));
        ItemPage page = await(() -> store.query(QueryRequest.builder().table(table).partitionKey(PK, s("nobody")).build()),
                "query of an empty partition");
        assertThat(page.items()).as("items of an empty partition").isEmpty();
        assertThat(page.lastEvaluatedKey()).as("start key after an empty partition").isEmpty();
    }

    @Test
    final void required_queryPageStopsAtOneMegabyte() {
        String table = table(KeyType.S, KeyType.N);
        int items = 5;
        for (int i = 0; i < items; i++) {
            put(table, Map.of(PK, s("p"), SK, n(Integer.toString(i)), "data", AttributeValue.fromB(new byte[300_000])));
        }
        QueryRequest query = QueryRequest.builder().table(table).partitionKey(PK, s("p")).build();
        ItemPage first = await(() -> store.query(query), "query of 5 items of 300 KB without a limit");
        // DynamoDB reads at most 1 MB per page: three or four of these items, never all five.
        assertThat(first.items().size()).as("items on the first page of 1.5 MB").isBetween(1, items - 1);
        assertThat(first.lastEvaluatedKey()).as("start key after a page cut at 1 MB").isPresent();
        assertThat(numericSortKeys(queryAll(query))).as("items over all pages, each once, in order")
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal(0), new BigDecimal(1), new BigDecimal(2), new BigDecimal(3), new BigDecimal(4));
    }

    @Test
    final void required_malformedQueriesAreRefusedWithInvalidInput() {
        String strings = table(KeyType.S, KeyType.S);
        String numbers = table(KeyType.S, KeyType.N);
        put(strings, item("p", "a"));
        Map<String, Supplier<CompletableFuture<?>>> queries = new LinkedHashMap<>();
        queries.put("query by an attribute that is not the partition key", () -> store.query(QueryRequest.builder()
                .table(strings).partitionKey("id", s("p")).build()));
        queries.put("query with a number for the string partition key", () -> store.query(QueryRequest.builder()
                .table(strings).partitionKey(PK, n("1")).build()));
        queries.put("query with a condition on an attribute that is not the sort key", () -> store.query(QueryRequest.builder()
                .table(strings).partitionKey(PK, s("p")).sortKey("other", SortKeyCondition.beginsWith("a")).build()));
        queries.put("begins_with on a number sort key", () -> store.query(QueryRequest.builder()
                .table(numbers).partitionKey(PK, s("p")).sortKey(SK, SortKeyCondition.beginsWith("1")).build()));
        queries.put("start key without the sort key", () -> store.query(QueryRequest.builder()
                .table(strings).partitionKey(PK, s("p")).exclusiveStartKey(Map.of(PK, s("p"))).build()));
        queries.put("start key in another partition", () -> store.query(QueryRequest.builder()
                .table(strings).partitionKey(PK, s("p")).exclusiveStartKey(key("q", "a")).build()));
        SoftAssertions soft = new SoftAssertions();
        queries.forEach((what, query) -> soft.check(() -> {
            StoreException e = failure(query, what);
            assertThat(e.code()).as("%s: %s", what, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        }));
        soft.assertAll();
    }

    @Test
    final void required_scanCoversTheWholeTable() {
        String table = table(KeyType.S, KeyType.S);
        Set<String> expected = new HashSet<>();
        for (String pk : List.of("a", "b", "c")) {
            for (int i = 0; i < 10; i++) {
                String sk = Integer.toString(i);
                put(table, item(pk, sk));
                expected.add(pk + "/" + sk);
            }
        }
        List<Map<String, AttributeValue>> scanned = queryAll(QueryRequest.builder().table(table).limit(7).build());
        List<String> keys = scanned.stream().map(i -> i.get(PK).s() + "/" + i.get(SK).s()).collect(Collectors.toList());
        assertThat(keys).as("keys scanned in pages of 7, each once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(queryAll(QueryRequest.builder().table(table).build())).as("scan without a limit").hasSize(expected.size());

        List<String> viaScan = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int pages = 0; pages < 100; pages++) {
            Map<String, AttributeValue> from = start;
            ItemPage page = await(() -> store.scan(table, from, 7), "scan page " + pages);
            page.items().forEach(i -> viaScan.add(i.get(PK).s() + "/" + i.get(SK).s()));
            start = page.lastEvaluatedKey().orElse(null);
            if (start == null) {
                break;
            }
        }
        assertThat(viaScan).as("keys from ItemStore.scan in pages of 7").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    // ------------------------------------------------------------ concurrency

    @Test
    final void required_concurrentPutsAllLand() throws Exception {
        String table = table(KeyType.S, KeyType.S);
        int threads = 8;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String pk = "thread-" + t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String sk = String.format(Locale.ROOT, "%03d", i);
                        put(table, item(pk, sk, "value", AttributeValue.fromS(pk + ":" + sk)));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(TckSupport.WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Map<String, AttributeValue>> all = queryAll(QueryRequest.builder().table(table).build());
        assertThat(all).as("items after %s threads x %s puts", threads, perThread).hasSize(threads * perThread);
        assertThat(all).allSatisfy(i -> assertThat(i.get("value").s()).as("value of %s", i.get(PK))
                .isEqualTo(i.get(PK).s() + ":" + i.get(SK).s()));
        assertThat(all.stream().map(i -> i.get(PK).s() + "/" + i.get(SK).s()).collect(Collectors.toSet()))
                .as("distinct keys").hasSize(threads * perThread);
    }

    @Test
    final void required_createOnlyPutRaceHasExactlyOneWinner() throws Exception {
        String table = table(KeyType.S, KeyType.S);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StoreErrorCode>> racers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Map<String, AttributeValue> mine = item("race", "s", "winner", n(Integer.toString(t)));
                racers.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.put(PutItemRequest.builder().table(table).item(mine)
                                .condition(ItemCondition.attributeNotExists(PK)).build())
                                .get(TckSupport.WAIT.toSeconds(), TimeUnit.SECONDS);
                        return null;
                    } catch (ExecutionException e) {
                        Throwable cause = TckSupport.unwrap(e);
                        return cause instanceof StoreException ? ((StoreException) cause).code() : StoreErrorCode.OTHER;
                    }
                }));
            }
            start.countDown();
            List<StoreErrorCode> outcomes = new ArrayList<>();
            for (Future<StoreErrorCode> racer : racers) {
                outcomes.add(racer.get(TckSupport.WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            assertThat(outcomes.stream().filter(o -> o == null).count())
                    .as("create-only puts that won, of %s: %s", threads, outcomes).isEqualTo(1);
            assertThat(outcomes.stream().filter(o -> o != null)).as("codes of the puts that lost")
                    .containsOnly(StoreErrorCode.CONDITION_FAILED);
            int winner = outcomes.indexOf(null);
            Map<String, AttributeValue> stored = get(table, key("race", "s")).orElse(null);
            assertSameItem(item("race", "s", "winner", n(Integer.toString(winner))), stored, "item left by the race");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    final void required_optimisticUpdatesWithEqualToLoseNoIncrement() throws Exception {
        String table = table(KeyType.S, KeyType.S);
        put(table, item("counter", "s", "n", n("0")));
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    int refused = 0;
                    for (int done = 0; done < perThread; ) {
                        AttributeValue current = get(table, key("counter", "s")).orElseThrow().get("n");
                        String next = new BigDecimal(current.n()).add(BigDecimal.ONE).toPlainString();
                        try {
                            store.put(PutItemRequest.builder().table(table).item(item("counter", "s", "n", n(next)))
                                    .condition(ItemCondition.equalTo("n", current)).build())
                                    .get(TckSupport.WAIT.toSeconds(), TimeUnit.SECONDS);
                            done++;
                        } catch (ExecutionException e) {
                            Throwable cause = TckSupport.unwrap(e);
                            assertThat(cause).as("failure of a put whose condition went stale")
                                    .isInstanceOf(StoreException.class);
                            assertThat(((StoreException) cause).code()).as("code: %s", cause)
                                    .isEqualTo(StoreErrorCode.CONDITION_FAILED);
                            refused++;
                            assertThat(refused).as("refused updates of one thread (livelock?)").isLessThan(10_000);
                        }
                    }
                    return refused;
                }));
            }
            start.countDown();
            for (Future<Integer> worker : workers) {
                worker.get(TckSupport.WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, AttributeValue> counter = get(table, key("counter", "s")).orElseThrow();
        assertThat(new BigDecimal(counter.get("n").n()))
                .as("counter after %s threads x %s conditional increments", threads, perThread)
                .isEqualByComparingTo(new BigDecimal(threads * perThread));
    }

    @Test
    final void optional_aThrottledPutIsRetriedAsConfigured() {
        requireNetwork();
        // Refused unprocessed, so sent again (see ItemStore.put).
        try (CannedResponseServer server = throttlingServer()) {
            StoreException e = throttledWrite(server, 2);
            assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.THROTTLED);
            assertThat(e.isDefinite()).as("every attempt was refused unprocessed").isTrue();
            assertThat(server.requests()).as("attempts: the first and two retries").hasSize(3);
        }
    }

    @Test
    final void optional_consistentReadSeesTheLatestWrite() {
        requireCapability(ItemCapability.CONSISTENT_READ);
        String table = table(KeyType.S, KeyType.S);
        for (int i = 0; i < 20; i++) {
            String version = Integer.toString(i);
            put(table, item("p", "s", "version", AttributeValue.fromN(version)));
            Map<String, AttributeValue> read = await(() -> store.get(ItemKeyRequest.builder().table(table)
                    .key(key("p", "s")).consistentRead(true).build()), "consistent get").orElse(null);
            assertThat(read).as("consistent get right after put #%s", i).isNotNull();
            assertThat(read.get("version").n()).as("version seen by a consistent get").isEqualTo(version);
            List<Map<String, AttributeValue>> queried = queryAll(QueryRequest.builder().table(table)
                    .partitionKey(PK, s("p")).consistentRead(true).build());
            assertThat(queried).extracting(q -> q.get("version").n()).as("version seen by a consistent query")
                    .containsExactly(version);
        }
    }

    // ------------------------------------------------------------ credentials

    @Test
    final void optional_wrongCredentialsFailWithAccessDenied() {
        requireCapability(ItemCapability.CREDENTIALS_CHECKED);
        String table = table(KeyType.S, KeyType.S);
        try (ItemStore intruder = open(wrongCredentials())) {
            StoreException e = failure(() -> intruder.get(ItemKeyRequest.builder().table(table).key(key("p", "s")).build()),
                    "get with wrong credentials");
            assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.ACCESS_DENIED);
            StoreException write = failure(() -> intruder.put(PutItemRequest.builder().table(table).item(item("p", "s")).build()),
                    "put with wrong credentials");
            assertThat(write.code()).as("code: %s", write).isEqualTo(StoreErrorCode.ACCESS_DENIED);
        }
        assertThat(get(table, key("p", "s"))).as("item after the refused put").isEmpty();
    }

    // --------------------------------------------------------------- helpers

    /**
     * Skips the calling test, naming the capability and, where {@link #missingCapabilityReasons()}
     * gives one, why the provider lacks it, when the store does not declare it.
     */
    protected final void requireCapability(ItemCapability capability) {
        assumeTrue(store.capabilities().contains(capability), () -> "provider does not declare " + capability
                + Optional.ofNullable(missingCapabilityReasons().get(capability)).map(r -> ": " + r).orElse(""));
    }

    /**
     * Why the provider lacks some capabilities it does not declare, shown in the skip
     * message of the tests that need them; empty by default.
     *
     * <pre>{@code
     * protected Map<ItemCapability, String> missingCapabilityReasons() {
     *     return Map.of(ItemCapability.CREDENTIALS_CHECKED, "dynalite does not check signatures");
     * }
     * }</pre>
     */
    protected Map<ItemCapability, String> missingCapabilityReasons() {
        return Map.of();
    }

    /** Creates a fresh table keyed {@code pk} (and {@code sk} when {@code sortKeyType} is not null). */
    protected final String table(KeyType partitionKeyType, KeyType sortKeyType) {
        String name = newTableName();
        TableDefinition definition = sortKeyType == null ? TableDefinition.of(name, PK, partitionKeyType)
                : TableDefinition.of(name, PK, partitionKeyType, SK, sortKeyType);
        assertThat(await(() -> store.createTable(definition), "createTable " + definition))
                .as("createTable of a new table").isTrue();
        return name;
    }

    private synchronized String conditionTable(KeyType type) {
        return conditionTables.computeIfAbsent(type, t -> {
            String table = table(KeyType.S, t);
            List<String> sortKeys = t == KeyType.S ? List.of("c", "ab", "a", "ba", "b", "aa") : List.of("20", "3", "1", "10", "2");
            for (String sk : sortKeys) {
                put(table, Map.of(PK, s("p"), SK, t == KeyType.S ? s(sk) : n(sk)));
                put(table, Map.of(PK, s("other"), SK, t == KeyType.S ? s(sk) : n(sk)));
            }
            return table;
        });
    }

    private static Map<String, AttributeValue> paddedItem(String pk, long size) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, AttributeValue.fromS(pk));
        item.put("pad", AttributeValue.fromS(""));
        long missing = size - ItemSize.of(item);
        item.put("pad", AttributeValue.fromS("x".repeat((int) missing)));
        return item;
    }

    private static AttributeValue s(String s) {
        return AttributeValue.fromS(s);
    }

    private static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, Object... more) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(pk, sk));
        for (int i = 0; i < more.length; i += 2) {
            item.put((String) more[i], (AttributeValue) more[i + 1]);
        }
        return item;
    }

    private Optional<Map<String, AttributeValue>> put(String table, Map<String, AttributeValue> item) {
        return put(table, item, null);
    }

    private Optional<Map<String, AttributeValue>> put(String table, Map<String, AttributeValue> item, ItemCondition condition) {
        return await(() -> store.put(PutItemRequest.builder().table(table).item(item).condition(condition).build()),
                "put into " + table + (condition == null ? "" : " if " + condition));
    }

    private Optional<Map<String, AttributeValue>> get(String table, Map<String, AttributeValue> key) {
        return await(() -> store.get(ItemKeyRequest.builder().table(table).key(key).build()), "get " + key + " from " + table);
    }

    private Optional<Map<String, AttributeValue>> delete(String table, Map<String, AttributeValue> key, ItemCondition condition) {
        return await(() -> store.delete(ItemKeyRequest.builder().table(table).key(key).condition(condition).build()),
                "delete " + key + " from " + table);
    }

    private static void expectConditionFailed(Supplier<? extends CompletableFuture<?>> call, String what) {
        StoreException e = failure(call, what);
        assertThat(e.code()).as("%s: %s", what, e).isEqualTo(StoreErrorCode.CONDITION_FAILED);
    }

    private List<ItemPage> queryPages(QueryRequest request) {
        List<ItemPage> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest page = request.toBuilder().exclusiveStartKey(start).build();
            ItemPage result = await(() -> store.query(page), (request.isScan() ? "scan" : "query") + " page " + (pages.size() + 1));
            if (request.limit() > 0) {
                assertThat(result.items().size()).as("items on a page with limit %s", request.limit())
                        .isLessThanOrEqualTo(request.limit());
            }
            pages.add(result);
            start = result.lastEvaluatedKey().orElse(null);
            assertThat(pages.size()).as("pages read (a start key that never ends?)").isLessThan(10_000);
        } while (start != null);
        return pages;
    }

    private List<Map<String, AttributeValue>> queryAll(QueryRequest request) {
        return queryPages(request).stream().flatMap(p -> p.items().stream()).collect(Collectors.toList());
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get(SK).s()).collect(Collectors.toList());
    }

    private static List<BigDecimal> numericSortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> new BigDecimal(i.get(SK).n())).collect(Collectors.toList());
    }

    /**
     * Compares items as DynamoDB defines equality: numbers by value (a store may return
     * {@code 1.5} for {@code 1.50}), sets without order, lists and maps deeply.
     */
    static void assertSameItem(Map<String, AttributeValue> expected, Map<String, AttributeValue> actual, String what) {
        assertThat(actual).as(what).isNotNull();
        assertThat(comparable(actual)).as(what).isEqualTo(comparable(expected));
    }

    private static Map<String, Object> comparable(Map<String, AttributeValue> item) {
        Map<String, Object> out = new TreeMap<>();
        item.forEach((name, value) -> out.put(name, comparable(value)));
        return out;
    }

    /** A value whose {@code equals} is DynamoDB's, and whose {@code toString} reads well in a diff. */
    private static Object comparable(AttributeValue v) {
        switch (v.type()) {
            case S:
                return "S:" + v.s();
            case N:
                return "N:" + number(v.n());
            case B:
                return "B:" + HexFormat.of().formatHex(v.b());
            case BOOL:
                return "BOOL:" + v.bool();
            case NULL:
                return "NULL";
            case M:
                return comparable(v.m());
            case L:
                return v.l().stream().map(ItemStoreTck::comparable).collect(Collectors.toList());
            case SS:
                return v.ss().stream().map(x -> "SS:" + x).collect(Collectors.toCollection(TreeSet::new));
            case NS:
                return v.ns().stream().map(x -> "NS:" + number(x)).collect(Collectors.toCollection(TreeSet::new));
            case BS:
                return v.bs().stream().map(x -> "BS:" + HexFormat.of().formatHex(x))
                        .collect(Collectors.toCollection(TreeSet::new));
            default:
                throw new IllegalArgumentException("Unknown type " + v.type());
        }
    }

    private static String number(String n) {
        return new BigDecimal(n).stripTrailingZeros().toPlainString();
    }
}
