package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static io.stowage.provider.inmemory.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.ByteRange;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void headReportsSizeEtagAndContentTypeWithoutVersionWhenVersioningIsOff() {
        BlobInfo info = store.head(GetBlobRequest.of(id)).join();
        assertThat(info.size()).isEqualTo(10);
        assertThat(info.etag()).isEqualTo(stored.etag());
        assertThat(info.contentType()).isEqualTo("text/plain");
        assertThat(info.versionId()).isEmpty();
    }

    @Test
    void rangeReadIsInclusive() {
        assertThat(store.getBytes(get().range(ByteRange.of(2, 4)).build()).join()).isEqualTo(utf8("234"));
    }

    @Test
    void rangeFromReadsToTheEnd() {
        assertThat(store.getBytes(get().range(ByteRange.from(7)).build()).join()).isEqualTo(utf8("789"));
    }

    @Test
    void rangeEndPastTheObjectIsCutToItsEnd() {
        assertThat(store.getBytes(get().range(ByteRange.of(8, 100)).build()).join()).isEqualTo(utf8("89"));
    }

    @Test
    void rangeStartingAtOrPastTheEndIsInvalidInputLikeS3s416() {
        StoreException e = failure(store.getBytes(get().range(ByteRange.from(10)).build()));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.key()).isEqualTo("report.txt");
    }

    @Test
    void ifMatchWithTheStoredEtagReadsWithOrWithoutQuotes() {
        assertThat(store.getBytes(get().ifMatch(stored.etag()).build()).join()).isEqualTo(utf8("0123456789"));
        assertThat(store.getBytes(get().ifMatch("\"" + stored.etag() + "\"").build()).join()).hasSize(10);
    }

    @Test
    void ifMatchMismatchFailsWithPreconditionFailedOnEveryRead(@TempDir Path dir) {
        GetBlobRequest stale = get().ifMatch("0123456789abcdef0123456789abcdef").build();
        Stream.of(store.getBytes(stale), store.head(stale), store.getStream(stale), store.getToFile(stale, dir.resolve("f")))
                .forEach(f -> {
                    StoreException e = failure(f);
                    assertThat(e.code()).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
                    assertThat(e.bucket()).isEqualTo("docs");
                    assertThat(e.key()).isEqualTo("report.txt");
                });
        assertThat(dir.resolve("f")).doesNotExist();
    }

    @Test
    void getStreamReturnsTheBytesOrTheRange() throws Exception {
        try (InputStream in = store.getStream(GetBlobRequest.of(id)).join()) {
            assertThat(in.readAllBytes()).isEqualTo(utf8("0123456789"));
        }
        try (InputStream in = store.getStream(get().range(ByteRange.of(1, 2)).build()).join()) {
            assertThat(in.readAllBytes()).isEqualTo(utf8("12"));
        }
    }

    @Test
    void getToFileWritesTheObjectAndReplacesAnExistingFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out.txt");
        Files.write(target, utf8("previous content that is longer"));
        BlobInfo info = store.getToFile(GetBlobRequest.of(id), target).join();
        assertThat(target).hasBinaryContent(utf8("0123456789"));
        assertThat(info.etag()).isEqualTo(stored.etag());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void getToFileOfMissingObjectLeavesNoFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out.txt");
        StoreException e = failure(store.getToFile(GetBlobRequest.of(BlobId.of("docs", "missing")), target));
        assertThat(e.code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void getToFileThatCannotBeMovedIntoPlaceRemovesItsTempFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Files.write(target.resolve("child"), utf8("keeps the directory non-empty"));
        StoreException e = failure(store.getToFile(GetBlobRequest.of(id), target));
        assertThat(e.code()).isEqualTo(StoreErrorCode.OTHER);
        assertThat(e.getMessage()).contains("report.txt").contains("occupied");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(target).isDirectory();
    }

    @Test
    void getToFileIntoMissingDirectoryFailsWithoutCreatingAnything(@TempDir Path dir) {
        Path target = dir.resolve("no-such-dir").resolve("out.txt");
        StoreException e = failure(store.getToFile(GetBlobRequest.of(id), target));
        assertThat(e.code()).isEqualTo(StoreErrorCode.OTHER);
        assertThat(dir.resolve("no-such-dir")).doesNotExist();
    }

    @Test
    void getToFileHonoursTheRange(@TempDir Path dir) {
        Path target = dir.resolve("part.txt");
        store.getToFile(get().range(ByteRange.of(3, 5)).build(), target).join();
        assertThat(target).hasBinaryContent(utf8("345"));
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
        assertThat(failure(store.delete(id, "3HL4kqtJlcpXroDTDmJ")).code()).isEqualTo(StoreErrorCode.UNSUPPORTED);
        assertThat(store.head(GetBlobRequest.of(id)).join().size()).isEqualTo(10);
        store.delete(id, "null").join();
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
