package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;
import io.stowage.tck.net.BlackHoleServer;
import io.stowage.tck.decorators.BlobOp;
import io.stowage.tck.decorators.CountingBlobStore;
import io.stowage.tck.decorators.CountingItemStore;
import io.stowage.tck.decorators.FaultyBlobStore;
import io.stowage.tck.decorators.FaultyItemStore;
import io.stowage.tck.decorators.ItemOp;
import io.stowage.tck.decorators.RecordedCall;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/**
 * The TCK's decorators and black-hole server, on the in-memory stores.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest=TckDecoratorsTest
 * }</pre>
 */
class TckDecoratorsTest {

    private static final BlobId ID = BlobId.of("decorated", "k");

    @Test
    void countingBlobStoreCountsEachKindOfCall() {
        try (CountingBlobStore store = new CountingBlobStore(InMemoryBlobStore.create())) {
            store.createBucket("decorated", null).join();
            store.put(PutBlobRequest.builder().id(ID).build(), BlobContent.fromBytes(new byte[] {1})).join();
            store.getBytes(GetBlobRequest.of(ID)).join();
            store.getBytes(GetBlobRequest.of(ID)).join();
            store.head(GetBlobRequest.of(BlobId.of("decorated", "missing"))).exceptionally(e -> null).join();

            assertThat(store.count(BlobOp.GET_BYTES)).isEqualTo(2);
            assertThat(store.count(BlobOp.HEAD)).as("failed calls count too").isEqualTo(1);
            assertThat(store.count(BlobOp.DELETE)).isZero();
            assertThat(store.total()).isEqualTo(5);
            assertThat(store.counts()).containsOnlyKeys(BlobOp.CREATE_BUCKET, BlobOp.PUT, BlobOp.GET_BYTES, BlobOp.HEAD);
            store.reset();
            assertThat(store.total()).isZero();
        }
    }

    @Test
    void countingItemStoreTellsQueriesFromScans() {
        try (CountingItemStore store = new CountingItemStore(InMemoryItemStore.create())) {
            store.createTable(TableDefinition.of("decorated_table", "pk", KeyType.S)).join();
            store.query(QueryRequest.builder().table("decorated_table").build()).join();
            store.query(QueryRequest.builder().table("decorated_table").partitionKey("pk", AttributeValue.fromS("p")).build()).join();
            assertThat(store.counts()).containsExactlyInAnyOrderEntriesOf(
                    Map.of(ItemOp.CREATE_TABLE, 1L, ItemOp.SCAN, 1L, ItemOp.QUERY, 1L));
        }
    }

    @Test
    void faultyBlobStoreFailsTheNthCallWithTheResourceNamed() {
        try (FaultyBlobStore store = FaultyBlobStore.builder(InMemoryBlobStore.create())
                .failNth(BlobOp.PUT, 2, StoreErrorCode.ACCESS_DENIED)
                .build()) {
            store.createBucket("decorated", null).join();
            PutBlobRequest put = PutBlobRequest.builder().id(ID).build();
            store.put(put, BlobContent.fromBytes(new byte[] {1})).join();
            CompletableFuture<?> second = store.put(put, BlobContent.fromBytes(new byte[] {2}));
            store.put(put, BlobContent.fromBytes(new byte[] {3})).join();

            assertThatThrownBy(second::join).isInstanceOf(CompletionException.class).cause()
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(StoreErrorCode.ACCESS_DENIED);
                        assertThat(e.bucket()).isEqualTo("decorated");
                        assertThat(e.key()).isEqualTo("k");
                    });
            assertThat(store.getBytes(GetBlobRequest.of(ID)).join()).as("the failed put never reached the store")
                    .containsExactly(3);
            assertThat(store.calls()).extracting(RecordedCall::op, RecordedCall::ordinal, RecordedCall::outcome)
                    .containsExactly(
                            tuple(BlobOp.CREATE_BUCKET, 1L, RecordedCall.Outcome.FORWARDED),
                            tuple(BlobOp.PUT, 1L, RecordedCall.Outcome.FORWARDED),
                            tuple(BlobOp.PUT, 2L, RecordedCall.Outcome.FAILED),
                            tuple(BlobOp.PUT, 3L, RecordedCall.Outcome.FORWARDED),
                            tuple(BlobOp.GET_BYTES, 1L, RecordedCall.Outcome.FORWARDED));
        }
    }

    @Test
    void faultyBlobStoreHangsUntilClosed() throws Exception {
        FaultyBlobStore store = FaultyBlobStore.builder(InMemoryBlobStore.create()).hangAlways(BlobOp.HEAD).build();
        CompletableFuture<?> hung = store.head(GetBlobRequest.of(ID));
        assertThatThrownBy(() -> hung.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(store.hangingCount()).isEqualTo(1);
        store.close();
        assertThatThrownBy(hung::join).cause().isInstanceOf(StoreException.class);
    }

    @Test
    void faultyItemStoreFailsAlwaysAndNamesTheTable() {
        try (FaultyItemStore store = FaultyItemStore.builder(InMemoryItemStore.create())
                .failAlways(ItemOp.DELETE, StoreErrorCode.THROTTLED)
                .build()) {
            store.createTable(TableDefinition.of("decorated_table", "pk", KeyType.S)).join();
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("p"));
            store.put(PutItemRequest.builder().table("decorated_table").item(key).build()).join();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> store.delete(ItemKeyRequest.builder().table("decorated_table").key(key).build()).join())
                        .cause().isInstanceOfSatisfying(StoreException.class, e -> {
                            assertThat(e.code()).isEqualTo(StoreErrorCode.THROTTLED);
                            assertThat(e.table()).isEqualTo("decorated_table");
                        });
            }
            assertThat(store.get(ItemKeyRequest.builder().table("decorated_table").key(key).build()).join()).isPresent();
            assertThat(store.count(ItemOp.DELETE)).isEqualTo(2);
        }
    }

    @Test
    void blackHoleAcceptsAndNeverAnswers() throws Exception {
        try (BlackHoleServer server = BlackHoleServer.start(); Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout((int) Duration.ofMillis(300).toMillis());
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            assertThat(server.acceptedConnections()).isEqualTo(1);
            assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
        }
    }
}
