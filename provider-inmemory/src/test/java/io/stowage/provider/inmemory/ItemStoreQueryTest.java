package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemPage;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.SortKeyCondition;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.TableDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ItemStoreQueryTest {

    private final InMemoryItemStore store = InMemoryItemStore.create();

    @BeforeEach
    void tables() {
        store.createTable(TableDefinition.of("strings", "pk", KeyType.S, "sk", KeyType.S)).join();
        store.createTable(TableDefinition.of("numbers", "pk", KeyType.S, "sk", KeyType.N)).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void put(String table, String pk, AttributeValue sk) {
        store.put(PutItemRequest.builder().table(table)
                .item(Map.of("pk", AttributeValue.fromS(pk), "sk", sk)).build()).join();
    }

    private QueryRequest.Builder query(String table, String pk) {
        return QueryRequest.builder().table(table).partitionKey("pk", AttributeValue.fromS(pk));
    }

    private static List<String> sortKeys(ItemPage page) {
        return page.items().stream().map(i -> i.get("sk").type() == AttributeValue.Type.S ? i.get("sk").s() : i.get("sk").n())
                .collect(Collectors.toList());
    }

    @Test
    void stringSortKeysComeInUtf8ByteOrder() {
        for (String sk : List.of("b", "a", "B", "\uFF5E", "\uD83D\uDE00", "aa")) {
            put("strings", "P", AttributeValue.fromS(sk));
        }
        put("strings", "other", AttributeValue.fromS("a"));
        assertThat(sortKeys(store.query(query("strings", "P").build()).join()))
                .containsExactly("B", "a", "aa", "b", "\uFF5E", "\uD83D\uDE00");
    }

    @Test
    void numberSortKeysComeInNumericOrderAndBackwardsOnRequest() {
        for (String n : List.of("10", "9", "-1", "2.5", "100")) {
            put("numbers", "P", AttributeValue.fromN(n));
        }
        assertThat(sortKeys(store.query(query("numbers", "P").build()).join())).containsExactly("-1", "2.5", "9", "10", "100");
        assertThat(sortKeys(store.query(query("numbers", "P").scanIndexForward(false).build()).join()))
                .containsExactly("100", "10", "9", "2.5", "-1");
    }

    @Test
    void sortKeyConditionsNarrowTheResult() {
        for (String sk : List.of("v1", "v2", "v3", "w1")) {
            put("strings", "P", AttributeValue.fromS(sk));
        }
        assertThat(sortKeys(store.query(query("strings", "P").sortKey("sk", SortKeyCondition.beginsWith("v")).build()).join()))
                .containsExactly("v1", "v2", "v3");
        assertThat(sortKeys(store.query(query("strings", "P").sortKey("sk", SortKeyCondition.between(
                AttributeValue.fromS("v2"), AttributeValue.fromS("w1"))).build()).join())).containsExactly("v2", "v3", "w1");
        assertThat(sortKeys(store.query(query("strings", "P").sortKey("sk", SortKeyCondition.lessThan(
                AttributeValue.fromS("v2"))).build()).join())).containsExactly("v1");
        assertThat(sortKeys(store.query(query("strings", "P").sortKey("sk", SortKeyCondition.equalTo(
                AttributeValue.fromS("v3"))).build()).join())).containsExactly("v3");
    }

    @Test
    void limitPaginatesWithLastEvaluatedKeyAndTheLastPageHasNone() {
        for (int i = 0; i < 7; i++) {
            put("numbers", "P", AttributeValue.fromN(Integer.toString(i)));
        }
        List<String> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            ItemPage page = store.query(query("numbers", "P").limit(3).exclusiveStartKey(start).build()).join();
            all.addAll(sortKeys(page));
            start = page.lastEvaluatedKey().orElse(null);
            if (start != null) {
                assertThat(start).containsOnlyKeys("pk", "sk");
            }
            pages++;
        } while (start != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).containsExactly("0", "1", "2", "3", "4", "5", "6");
    }

    @Test
    void limitReachedExactlyAtTheEndLeavesNoLastEvaluatedKey() {
        for (int i = 0; i < 4; i++) {
            put("numbers", "P", AttributeValue.fromN(Integer.toString(i)));
        }
        ItemPage first = store.query(query("numbers", "P").limit(2).build()).join();
        ItemPage second = store.query(query("numbers", "P").limit(2).exclusiveStartKey(first.lastEvaluatedKey().get()).build())
                .join();
        assertThat(sortKeys(second)).containsExactly("2", "3");
        assertThat(second.lastEvaluatedKey()).isEmpty();
    }

    @Test
    void paginationWorksBackwardsAndWithAConditionToo() {
        for (int i = 0; i < 6; i++) {
            put("numbers", "P", AttributeValue.fromN(Integer.toString(i)));
        }
        QueryRequest.Builder q = query("numbers", "P").scanIndexForward(false).limit(2)
                .sortKey("sk", SortKeyCondition.greaterThanOrEqual(AttributeValue.fromN("1")));
        ItemPage first = store.query(q.build()).join();
        ItemPage second = store.query(q.exclusiveStartKey(first.lastEvaluatedKey().get()).build()).join();
        ItemPage third = store.query(q.exclusiveStartKey(second.lastEvaluatedKey().get()).build()).join();
        assertThat(sortKeys(first)).containsExactly("5", "4");
        assertThat(sortKeys(second)).containsExactly("3", "2");
        assertThat(sortKeys(third)).containsExactly("1");
        assertThat(third.lastEvaluatedKey()).isEmpty();
    }

    @Test
    void pageStopsOnceItHoldsOneMegabyte() {
        byte[] blob = new byte[300_000];
        for (int i = 0; i < 5; i++) {
            store.put(PutItemRequest.builder().table("numbers").item(Map.of("pk", AttributeValue.fromS("P"),
                    "sk", AttributeValue.fromN(Integer.toString(i)), "data", AttributeValue.fromB(blob))).build()).join();
        }
        ItemPage first = store.query(query("numbers", "P").build()).join();
        assertThat(first.items()).hasSize(4);
        assertThat(first.lastEvaluatedKey()).isPresent();
        ItemPage second = store.query(query("numbers", "P").exclusiveStartKey(first.lastEvaluatedKey().get()).build()).join();
        assertThat(sortKeys(second)).containsExactly("4");
        assertThat(second.lastEvaluatedKey()).isEmpty();
    }

    @Test
    void queryOfEmptyPartitionIsAnEmptyLastPage() {
        ItemPage page = store.query(query("strings", "nobody").build()).join();
        assertThat(page.items()).isEmpty();
        assertThat(page.lastEvaluatedKey()).isEmpty();
    }

    @Test
    void scanReturnsEveryItemOnceAcrossPages() {
        Set<String> expected = new HashSet<>();
        for (int p = 0; p < 5; p++) {
            for (int s = 0; s < 5; s++) {
                put("strings", "P" + p, AttributeValue.fromS("S" + s));
                expected.add("P" + p + "/S" + s);
            }
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ItemPage page = store.query(QueryRequest.builder().table("strings").limit(4).exclusiveStartKey(start).build()).join();
            page.items().forEach(i -> seen.add(i.get("pk").s() + "/" + i.get("sk").s()));
            start = page.lastEvaluatedKey().orElse(null);
        } while (start != null);
        assertThat(seen).hasSize(25);
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
    }

    @Test
    void badQueriesAreInvalidInput() {
        put("strings", "P", AttributeValue.fromS("a"));
        assertThat(failure(store.query(QueryRequest.builder().table("strings")
                .partitionKey("id", AttributeValue.fromS("P")).build())).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(failure(store.query(QueryRequest.builder().table("strings")
                .partitionKey("pk", AttributeValue.fromN("1")).build())).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(failure(store.query(query("strings", "P").sortKey("other", SortKeyCondition.beginsWith("a")).build())).code())
                .isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(failure(store.query(query("numbers", "P").sortKey("sk", SortKeyCondition.beginsWith("1")).build())).code())
                .isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(failure(store.query(query("strings", "P").exclusiveStartKey(Map.of("pk", AttributeValue.fromS("Q"),
                "sk", AttributeValue.fromS("a"))).build())).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(failure(store.query(query("strings", "P").exclusiveStartKey(Map.of("pk", AttributeValue.fromS("P")))
                .build())).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(failure(store.query(QueryRequest.builder().table("strings").sortKey("sk", SortKeyCondition.beginsWith("a"))
                .build())).table()).isEqualTo("strings");
    }
}
