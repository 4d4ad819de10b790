package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static io.stowage.provider.inmemory.TestSupport.md5Hex;
import static io.stowage.provider.inmemory.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import java.io.ByteArrayInputStream;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobStoreUploadContentTest {

    private final InMemoryBlobStore store = InMemoryBlobStore.create();
    private final BlobId id = BlobId.of("docs", "a/b.txt");

    @BeforeEach
    void bucket() {
        store.createBucket("docs", null).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private PutBlobRequest request() {
        return PutBlobRequest.builder().id(id).build();
    }

    @Test
    void streamOfUnknownLengthIsStoredWhole() throws Exception {
        byte[] data = utf8("x".repeat(200_000));
        BlobInfo info = store.put(request(), BlobContent.fromStream(new ByteArrayInputStream(data), -1)).join();
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(info.etag()).isEqualTo(md5Hex(data));
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(data);
    }

    @Test
    void storedBytesDoNotChangeWhenTheCallerReusesItsArray() {
        byte[] data = utf8("abc");
        store.put(request(), BlobContent.fromBytes(data)).join();
        data[0] = 'z';
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(utf8("abc"));
    }

    @Test
    void userMetadataOfExactly2KbIsAcceptedAndOneByteMoreIsInvalidInput() {
        String value = "v".repeat(2048 - "key".length());
        store.put(PutBlobRequest.builder().id(id).userMetadata(Map.of("key", value)).build(),
                BlobContent.fromBytes(utf8("x"))).join();
        StoreException e = failure(store.put(PutBlobRequest.builder().id(id).userMetadata(Map.of("key", value + "v")).build(),
                BlobContent.fromBytes(utf8("x"))));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("2049").contains("2048");
    }

    @Test
    void userMetadataIsCountedInUtf8Bytes() {
        String value = "é".repeat(1023);
        StoreException e = failure(store.put(PutBlobRequest.builder().id(id).userMetadata(Map.of("key", value)).build(),
                BlobContent.fromBytes(utf8("x"))));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    @Test
    void userMetadataKeysThatCollideOnceLowercasedAreInvalidInput() {
        StoreException e = failure(store.put(PutBlobRequest.builder().id(id)
                .userMetadata(Map.of("Color", "red", "color", "blue")).build(), BlobContent.fromBytes(utf8("x"))));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }
}
