package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static io.stowage.provider.inmemory.TestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.stowage.spi.BlobContent;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreLifecycleTest {

    @Test
    void closeIsIdempotent() {
        InMemoryBlobStore store = InMemoryBlobStore.create();
        store.close();
        assertThatCode(store::close).doesNotThrowAnyException();
    }

    @Test
    void everyOperationAfterCloseFailsThroughItsFutureWithStoreIsClosed(@TempDir Path dir) {
        InMemoryBlobStore store = InMemoryBlobStore.create();
        store.createBucket("docs", null).join();
        BlobId id = BlobId.of("docs", "k");
        store.close();
        GetBlobRequest get = GetBlobRequest.of(id);
        PutBlobRequest put = PutBlobRequest.builder().id(id).build();
        Stream.of(store.createBucket("docs", null), store.bucketExists("docs", null),
                store.put(put, BlobContent.fromBytes(new byte[1])), store.head(get), store.getBytes(get),
                store.getToFile(get, dir.resolve("f")), store.getStream(get), store.presignGet(get, Duration.ofMinutes(1)),
                store.presignPut(put, Duration.ofMinutes(1)), store.delete(DeleteBlobRequest.of(id)),
                store.list(ListBlobsRequest.builder().bucket("docs").maxKeys(1).build()))
                .forEach(f -> {
                    StoreException e = failure(f);
                    assertThat(e.code()).isEqualTo(StoreErrorCode.OTHER);
                    assertThat(e.getMessage()).contains("store is closed");
                });
    }

    @Test
    void badArgumentsNeverThrowButFailTheFutureWithInvalidInput() {
        try (InMemoryBlobStore store = InMemoryBlobStore.create()) {
            List<CompletableFuture<?>> futures = new ArrayList<>();
            assertThatCode(() -> {
                futures.add(store.put(null, null));
                futures.add(store.head(null));
                futures.add(store.getBytes(null));
                futures.add(store.getStream(null));
                futures.add(store.presignGet(null, Duration.ofMinutes(1)));
                futures.add(store.presignPut(null, Duration.ofMinutes(1)));
                futures.add(store.delete(null));
                futures.add(store.createBucket(null, null));
                futures.add(store.list(null));
                futures.add(store.copy(null));
            }).doesNotThrowAnyException();
            futures.forEach(f -> assertThat(failure(f).code()).isEqualTo(StoreErrorCode.INVALID_INPUT));
        }
    }

    @Test
    void presignExpiryMustBePositiveAndAtMostSevenDays() {
        try (InMemoryBlobStore store = InMemoryBlobStore.create()) {
            GetBlobRequest get = GetBlobRequest.of(BlobId.of("docs", "k"));
            for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(7).plusSeconds(1)}) {
                assertThat(failure(store.presignGet(get, bad)).code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
            }
        }
    }
}
