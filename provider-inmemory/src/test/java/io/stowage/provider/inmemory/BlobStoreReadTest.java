package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static io.stowage.provider.inmemory.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobStoreReadTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:15:30.789Z"));
    private final InMemoryBlobStore store = InMemoryBlobStore.builder().clock(clock).build();
    private final BlobId id = BlobId.of("docs", "report.txt");
    private BlobInfo stored;

    @BeforeEach
    void object() {
        store.createBucket("docs", null).join();
        stored = store.put(PutBlobRequest.builder().id(id).contentType("text/plain").build(),
                BlobContent.fromBytes(utf8("0123456789"))).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private GetBlobRequest.Builder get() {
        return GetBlobRequest.builder().id(id);
    }

    @Test
    void lastModifiedComesFromTheInjectedClockTruncatedToSeconds() {
        assertThat(stored.lastModified()).isEqualTo(Instant.parse("2024-05-01T10:15:30Z"));
        assertThat(store.head(GetBlobRequest.of(id)).join().lastModified()).isEqualTo(stored.lastModified());
    }

    @Test
    void withoutVersioningPutAndHeadReportNoVersionId() {
        assertThat(stored.versionId()).isEmpty();
        assertThat(store.head(GetBlobRequest.of(id)).join().versionId()).isEmpty();
    }

    @Test
    void withoutVersioningOnlyTheNullVersionIdReadsAndOthersAreUnsupported() {
        assertThat(store.getBytes(get().versionId("null").build()).join()).hasSize(10);
        GetBlobRequest versioned = get().versionId("3HL4kqtJlcpXroDTDmJ").build();
        Stream.of(store.getBytes(versioned), store.head(versioned), store.getStream(versioned),
                store.presignGet(versioned, Duration.ofMinutes(1))).forEach(f -> {
                    StoreException e = failure(f);
                    assertThat(e.code()).isEqualTo(StoreErrorCode.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("3HL4kqtJlcpXroDTDmJ").contains("versioning");
                });
    }

    @Test
    void withoutVersioningDeleteNamingAVersionIsUnsupportedAndDeletesNothing() {
        assertThat(failure(store.delete(DeleteBlobRequest.builder().id(id).versionId("3HL4kqtJlcpXroDTDmJ").build())).code())
                .isEqualTo(StoreErrorCode.UNSUPPORTED);
        assertThat(store.head(GetBlobRequest.of(id)).join().size()).isEqualTo(10);
        store.delete(DeleteBlobRequest.builder().id(id).versionId("null").build()).join();
        assertThat(failure(store.head(GetBlobRequest.of(id))).code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    @Test
    void putReplacesTheObjectWithoutVersioning() {
        clock.advance(Duration.ofMinutes(1));
        BlobInfo second = store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(utf8("new"))).join();
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(utf8("new"));
        assertThat(second.lastModified()).isEqualTo(Instant.parse("2024-05-01T10:16:30Z"));
    }
}
