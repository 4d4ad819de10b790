package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ItemStoreTableTest {

    private final InMemoryItemStore store = InMemoryItemStore.create();
    private final Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createTableIsTrueWhenCreatedAndFalseWhenItExistsWithTheSameSchema() {
        TableDefinition docs = TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.S);
        assertThat(store.createTable(docs).join()).isTrue();
        assertThat(store.createTable(TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.S)).join()).isFalse();
    }

    @Test
    void existingTableWithAnotherKeySchemaIsInvalidInput() {
        store.createTable(TableDefinition.of("documents", "pk", KeyType.S)).join();
        StoreException e = failure(store.createTable(TableDefinition.of("documents", "pk", KeyType.N)));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.table()).isEqualTo("documents");
        assertThat(failure(store.createTable(TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.S))).code())
                .isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "slash/table", "ünicode"})
    void tableNamesBreakingDynamoDbRulesAreInvalidInput(String name) {
        StoreException e = failure(store.createTable(TableDefinition.of(name, "pk", KeyType.S)));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains(name);
    }

    @Test
    void sameAttributeForPartitionAndSortKeyIsInvalidInput() {
        assertThat(failure(store.createTable(TableDefinition.of("documents", "pk", KeyType.S, "pk", KeyType.S))).code())
                .isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    @Test
    void everyOperationOnAMissingTableFailsWithTableNotFoundNamingTheTable() {
        Stream.of(store.put(PutItemRequest.builder().table("missing").item(key).build()),
                store.get(ItemKeyRequest.builder().table("missing").key(key).build()),
                store.delete(ItemKeyRequest.builder().table("missing").key(key).build()),
                store.query(QueryRequest.builder().table("missing").partitionKey("pk", AttributeValue.fromS("a")).build()),
                store.query(QueryRequest.builder().table("missing").build()))
                .forEach(f -> {
                    StoreException e = failure(f);
                    assertThat(e.code()).isEqualTo(StoreErrorCode.TABLE_NOT_FOUND);
                    assertThat(e.table()).isEqualTo("missing");
                    assertThat(e.getMessage()).contains("createTable");
                });
    }

    @Test
    void capabilitiesAreConsistentReadOnly() {
        assertThat(store.capabilities()).containsExactly(ItemCapability.CONSISTENT_READ);
    }

    @Test
    void closeIsIdempotentAndLaterOperationsFailWithStoreIsClosed() {
        store.createTable(TableDefinition.of("documents", "pk", KeyType.S)).join();
        store.close();
        assertThatCode(store::close).doesNotThrowAnyException();
        StoreException e = failure(store.get(ItemKeyRequest.builder().table("documents").key(key).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.OTHER);
        assertThat(e.getMessage()).contains("store is closed");
        assertThat(failure(store.createTable(TableDefinition.of("other", "pk", KeyType.S))).getMessage())
                .contains("store is closed");
    }

    @Test
    void nullRequestsFailTheFutureInsteadOfThrowing() {
        assertThatCode(() -> {
            assertThat(failure(store.put(null)).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
            assertThat(failure(store.get(null)).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
            assertThat(failure(store.delete(null)).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
            assertThat(failure(store.query(null)).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
            assertThat(failure(store.createTable(null)).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        }).doesNotThrowAnyException();
    }
}
