package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.KeyType;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ItemStoreTableTest {

    private final InMemoryItemStore store = InMemoryItemStore.create();
    private final Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"));

    @AfterEach
    void close() {
        store.close();
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
