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
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.util.List;
import java.util.Map;
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
    void scanWithASortKeyConditionIsInvalidInputNamingTheTable() {
        StoreException e = failure(store.query(QueryRequest.builder().table("strings")
                .sortKey("sk", SortKeyCondition.beginsWith("a")).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.table()).isEqualTo("strings");
    }
}
