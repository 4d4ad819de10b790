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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void streamShorterThanDeclaredIsInvalidInputAndNothingIsStored() {
        StoreException e = failure(store.put(request(), BlobContent.fromStream(new ByteArrayInputStream(utf8("abc")), 5)));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("5").contains("a/b.txt");
        assertThat(failure(store.head(GetBlobRequest.of(id))).code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    @Test
    void streamLongerThanDeclaredIsInvalidInputAndTheOldObjectStays() {
        store.put(request(), BlobContent.fromBytes(utf8("old"))).join();
        StoreException e = failure(store.put(request(), BlobContent.fromStream(new ByteArrayInputStream(utf8("abcdef")), 3)));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(utf8("old"));
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
    void streamIsClosedByTheStore() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(utf8("abc")) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        store.put(request(), BlobContent.fromStream(in, 3)).join();
        assertThat(closed).isTrue();
    }

    @Test
    void failingStreamFailsTheFutureAndStoresNothing() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        StoreException e = failure(store.put(request(), BlobContent.fromStream(broken, -1)));
        assertThat(e.code()).isEqualTo(StoreErrorCode.OTHER);
        assertThat(e.getMessage()).contains("disk on fire").contains("a/b.txt");
        assertThat(failure(store.head(GetBlobRequest.of(id))).code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    @Test
    void pathContentIsStored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in.txt");
        Files.write(file, utf8("from a file"));
        BlobInfo info = store.put(request(), BlobContent.fromPath(file)).join();
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(utf8("from a file"));
        assertThat(info.etag()).isEqualTo(md5Hex(utf8("from a file")));
    }

    @Test
    void storedBytesDoNotChangeWhenTheCallerReusesItsArray() {
        byte[] data = utf8("abc");
        store.put(request(), BlobContent.fromBytes(data)).join();
        data[0] = 'z';
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(utf8("abc"));
    }

    @Test
    void contentTypeDefaultsToOctetStreamAndIsKeptWhenGiven() {
        store.put(request(), BlobContent.fromBytes(utf8("x"))).join();
        assertThat(store.head(GetBlobRequest.of(id)).join().contentType()).isEqualTo("application/octet-stream");
        store.put(PutBlobRequest.builder().id(id).contentType("application/pdf").build(), BlobContent.fromBytes(utf8("x"))).join();
        assertThat(store.head(GetBlobRequest.of(id)).join().contentType()).isEqualTo("application/pdf");
    }

    @Test
    void userMetadataKeysAreLowercasedAsS3Does() {
        BlobInfo info = store.put(PutBlobRequest.builder().id(id).userMetadata(Map.of("Department", "Finance")).build(),
                BlobContent.fromBytes(utf8("x"))).join();
        assertThat(info.userMetadata()).containsExactly(Map.entry("department", "Finance"));
        assertThat(store.head(GetBlobRequest.of(id)).join().userMetadata()).containsExactly(Map.entry("department", "Finance"));
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

    @Test
    void userMetadataKeyThatIsNoHeaderNameIsInvalidInput() {
        StoreException e = failure(store.put(PutBlobRequest.builder().id(id)
                .userMetadata(Map.of("has space", "x")).build(), BlobContent.fromBytes(utf8("x"))));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }
}
