package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemSize;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The wording of the in-memory stores' errors: what went wrong, with the numbers and the
 * fix. The codes are the TCK's business; the messages are this provider's own.
 */
class InMemoryErrorMessagesTest {

    @Test
    void missingBucketMessageNamesTheBucketAndSuggestsCreateBucket() {
        try (InMemoryBlobStore store = InMemoryBlobStore.create()) {
            StoreException e = failure(store.put(PutBlobRequest.builder().id(BlobId.of("nope", "k")).build(),
                    BlobContent.fromBytes(new byte[1])));
            assertThat(e.code()).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
            assertThat(e.getMessage()).contains("nope").contains("createBucket");
        }
    }

    @Test
    void keyTooLongMessageGivesItsLengthAndTheLimit() {
        try (InMemoryBlobStore store = InMemoryBlobStore.create()) {
            store.createBucket("docs", null).join();
            StoreException e = failure(store.put(PutBlobRequest.builder().id(BlobId.of("docs", "é".repeat(512) + "a")).build(),
                    BlobContent.fromBytes(new byte[1])));
            assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("1025").contains("1024");
        }
    }

    @Test
    void streamShorterThanDeclaredMessageGivesTheDeclaredLengthAndTheKey() {
        try (InMemoryBlobStore store = InMemoryBlobStore.create()) {
            store.createBucket("docs", null).join();
            StoreException e = failure(store.put(PutBlobRequest.builder().id(BlobId.of("docs", "a/b.txt")).build(),
                    BlobContent.fromStream(new ByteArrayInputStream(new byte[3]), 5)));
            assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("5").contains("a/b.txt");
        }
    }

    @Test
    void missingTableMessageSuggestsCreateTable() {
        try (InMemoryItemStore store = InMemoryItemStore.create()) {
            StoreException e = failure(store.get(ItemKeyRequest.builder().table("missing")
                    .key(Map.of("pk", AttributeValue.fromS("a"))).build()));
            assertThat(e.code()).isEqualTo(StoreErrorCode.TABLE_NOT_FOUND);
            assertThat(e.getMessage()).contains("createTable");
        }
    }

    @Test
    void keyAttributeMessagesNameTheAttributeAndTheExpectedType() {
        try (InMemoryItemStore store = InMemoryItemStore.create()) {
            store.createTable(TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.N)).join();
            StoreException missing = failure(store.put(PutItemRequest.builder().table("documents")
                    .item(Map.of("pk", AttributeValue.fromS("A"))).build()));
            assertThat(missing.getMessage()).contains("'sk'");
            assertThat(missing.table()).isEqualTo("documents");
            StoreException wrongType = failure(store.put(PutItemRequest.builder().table("documents")
                    .item(Map.of("pk", AttributeValue.fromS("A"), "sk", AttributeValue.fromS("1"))).build()));
            assertThat(wrongType.getMessage()).contains("'sk'").contains("N");
            StoreException empty = failure(store.put(PutItemRequest.builder().table("documents")
                    .item(Map.of("pk", AttributeValue.fromS(""), "sk", AttributeValue.fromN("1"))).build()));
            assertThat(empty.getMessage()).contains("'pk'").contains("empty");
        }
    }

    @Test
    void itemTooLargeMessageGivesTheSizeAndTheLimitAndNamesTheTable() {
        try (InMemoryItemStore store = InMemoryItemStore.create()) {
            store.createTable(TableDefinition.of("documents", "pk", KeyType.S)).join();
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", AttributeValue.fromS("A"));
            long overhead = ItemSize.of(item) + "data".length();
            item.put("data", AttributeValue.fromB(new byte[(int) (ItemSize.MAX_ITEM_BYTES - overhead + 1)]));
            StoreException e = failure(store.put(PutItemRequest.builder().table("documents").item(item).build()));
            assertThat(e.code()).isEqualTo(StoreErrorCode.ITEM_TOO_LARGE);
            assertThat(e.getMessage()).contains("409601").contains("409600");
            assertThat(e.table()).isEqualTo("documents");
        }
    }

    @Test
    void invalidNamesAreQuotedInTheMessage() {
        try (InMemoryBlobStore blobs = InMemoryBlobStore.create(); InMemoryItemStore items = InMemoryItemStore.create()) {
            assertThat(failure(blobs.createBucket("do..cs", null)).getMessage()).contains("do..cs");
            assertThat(failure(items.createTable(TableDefinition.of("slash/table", "pk", KeyType.S))).getMessage())
                    .contains("slash/table");
        }
    }
}
