package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static io.stowage.provider.inmemory.TestSupport.put;
import static io.stowage.provider.inmemory.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.spi.BlobInfo;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.BlobPage;
import io.stowage.spi.StoreErrorCode;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobStoreListTest {

    private final InMemoryBlobStore store = InMemoryBlobStore.create();

    @BeforeEach
    void bucket() {
        store.createBucket("docs", null).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static List<String> keys(BlobPage page) {
        return page.blobs().stream().map(b -> b.id().key()).collect(Collectors.toList());
    }

    @Test
    void orderIsUtf8ByteOrderNotJavaStringOrder() {
        // U+FF5E sorts before U+1F600 in UTF-8 bytes, but after it in UTF-16 code units.
        String fullwidthTilde = "k\uFF5E";
        String emoji = "k\uD83D\uDE00";
        put(store, "docs", emoji, utf8("e"));
        put(store, "docs", fullwidthTilde, utf8("t"));
        put(store, "docs", "k~", utf8("a"));
        assertThat(keys(store.list(ListBlobsRequest.builder().bucket("docs").prefix("k").maxKeys(10).build()).join()))
                .containsExactly("k~", fullwidthTilde, emoji);
    }

    @Test
    void maxKeysIsCappedAt1000AndZeroMeansTheDefault() {
        for (int i = 0; i < 1001; i++) {
            put(store, "docs", String.format("k%04d", i), new byte[0]);
        }
        BlobPage capped = store.list(ListBlobsRequest.builder().bucket("docs").maxKeys(5000).build()).join();
        assertThat(capped.blobs()).hasSize(1000);
        assertThat(capped.nextToken()).isPresent();
        assertThat(store.list(ListBlobsRequest.builder().bucket("docs").maxKeys(0).build()).join().blobs()).hasSize(1000);
    }

    @Test
    void listedBlobsCarryTheirMetadata() {
        BlobInfo stored = put(store, "docs", "a.txt", utf8("hello"));
        BlobInfo listed = store.list(ListBlobsRequest.builder().bucket("docs").maxKeys(10).build()).join().blobs().get(0);
        assertThat(listed.etag()).isEqualTo(stored.etag());
        assertThat(listed.size()).isEqualTo(5);
        assertThat(listed.lastModified()).isEqualTo(stored.lastModified());
    }

    @Test
    void negativeMaxKeysAndForeignTokensAreInvalidInput() {
        assertThatThrownBy(() -> ListBlobsRequest.builder().bucket("docs").maxKeys(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKeys");
        assertThat(failure(store.list(ListBlobsRequest.builder().bucket("docs").continuationToken("not*base64!")
                .maxKeys(10).build())).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }
}
