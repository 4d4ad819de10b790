package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.ModelException;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemSize;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.decorators.ForwardingBlobStore;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A save checks the item's size before it uploads anything, with generous stand-ins for what
 * the upload will add (key, size, etag, time, version, checksum), so that it never uploads a
 * file for an item DynamoDB would then refuse: around the limit, every save either succeeds or
 * is refused before its upload.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest=ItemSizeCheckTest
 * }</pre>
 */
class ItemSizeCheckTest {

    /** The model of this test: a long text beside a file. */
    @ModelConfig(table = "size-docs")
    public static class Doc {
        @PartitionKey
        public String id;

        public String notes;

        @S3Attribute(bucket = "size-bucket", prefix = "docs/")
        public S3Value content;
    }

    @Test
    void aroundTheLimitASaveEitherSucceedsOrIsRefusedBeforeItsUpload() {
        AtomicInteger puts = new AtomicInteger();
        BlobStoreProvider counting = new BlobStoreProvider() {
            @Override
            public String name() {
                return "inmemory-counting";
            }

            @Override
            public BlobStore create(StoreSettings settings) {
                return new ForwardingBlobStore(new InMemoryBlobStoreProvider().create(settings)) {
                    @Override
                    public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                        puts.incrementAndGet();
                        return super.put(request, content);
                    }
                };
            }
        };
        try (Stowage stowage = Stowage.builder().blobStoreProvider(counting).itemStoreProvider("inmemory").build()) {
            stowage.syncCreateBucketIfMissing("size-bucket");
            stowage.table(Doc.class).syncCreateTableIfMissing();
            int largestSaved = -1;
            int smallestRefused = Integer.MAX_VALUE;
            // The notes alone leave this much of the limit; the file's attribute needs a few hundred bytes.
            int fillsTheItem = (int) ItemSize.MAX_ITEM_BYTES - "notes".length() - "id".length() - 8;
            for (int length = fillsTheItem - 600; length <= fillsTheItem; length += 3) {
                Doc doc = new Doc();
                doc.id = "doc-" + length;
                doc.notes = "n".repeat(length);
                doc.content = S3File.of("some bytes".getBytes(StandardCharsets.UTF_8), "file.txt")
                        .withMetadata(Map.of("department", "finance"));
                int putsBefore = puts.get();
                Throwable failure = catchThrowable(() -> stowage.table(Doc.class).syncSave(doc));
                if (failure == null) {
                    largestSaved = Math.max(largestSaved, length);
                    continue;
                }
                assertThat(failure).as("the save of %d bytes of notes", length).isInstanceOf(ModelException.class)
                        .hasMessageContaining("would be about").hasMessageContaining("nothing was uploaded");
                assertThat(puts.get()).as("uploads of the refused save of %d bytes of notes", length).isEqualTo(putsBefore);
                smallestRefused = Math.min(smallestRefused, length);
            }
            assertThat(largestSaved).as("a save near the limit succeeded").isGreaterThan(fillsTheItem - 600);
            assertThat(smallestRefused).as("a save near the limit was refused").isLessThanOrEqualTo(fillsTheItem);
            assertThat(smallestRefused).as("every refused save is larger than every saved one").isGreaterThan(largestSaved);
            // Generous, not wasteful: the stand-ins cost an item at most a few hundred bytes it could have used.
            Map<String, AttributeValue> stored = stowage.itemStore().get(ItemKeyRequest.builder().table("size-docs")
                    .key(Map.of("id", AttributeValue.fromS("doc-" + largestSaved))).build()).join().orElseThrow();
            assertThat(ItemSize.of(stored)).as("the largest item saved").isBetween(ItemSize.MAX_ITEM_BYTES - 300,
                    ItemSize.MAX_ITEM_BYTES);
        }
    }
}
