package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.ItemStoreException;
import io.stowage.OperationEvent;
import io.stowage.S3File;
import io.stowage.StoreCall;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.StowageListener;
import io.stowage.StowageStats;
import io.stowage.Table;
import io.stowage.tck.model.TckDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the listener SPI and the stats snapshot report equals what the test did: every store
 * call with its bucket or table, key, bytes and outcome, every operation, and the counters;
 * a listener that throws changes nothing; no presigned URL is ever reported.
 */
class TelemetryTest {

    private final List<StoreCall> calls = new CopyOnWriteArrayList<>();
    private final List<OperationEvent> operations = new CopyOnWriteArrayList<>();
    private final List<Object> started = new CopyOnWriteArrayList<>();

    /** A Stowage whose listeners are {@code first}, then the recording one. */
    private Stowage stowage(StowageListener... first) {
        StowageConfig.Builder config = StowageConfig.builder();
        for (StowageListener l : first) {
            config.listener(l);
        }
        config.listener(new StowageListener() {
            @Override
            public void onOperationStarted(OperationEvent.Started operation) {
                started.add(operation);
            }

            @Override
            public void onStoreCallStarted(StoreCall.Started call) {
                started.add(call);
            }

            @Override
            public void onStoreCall(StoreCall call) {
                calls.add(call);
            }

            @Override
            public void onOperation(OperationEvent operation) {
                operations.add(operation);
            }
        });
        return Stowage.builder().blobStore(InMemoryBlobStore.create()).itemStore(InMemoryItemStore.create())
                .config(config.build()).build();
    }

    /** The test's bucket and table, created. */
    private static Table<TckDocument> docs(Stowage s) {
        s.syncCreateBucketIfMissing("telemetry");
        Table<TckDocument> docs = s.table(TckDocument.schema("telemetry-docs", "telemetry"));
        docs.syncCreateTableIfMissing();
        return docs;
    }

    @Test
    void storeCallsAndOperationsAreReportedWithTheirBytesAndOutcomes() {
        byte[] bytes = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        try (Stowage s = stowage()) {
            Table<TckDocument> docs = docs(s);
            calls.clear();
            TckDocument d = new TckDocument();
            d.pk = "DOC#1";
            d.content = S3File.of(bytes, "a.txt");
            docs.syncSave(d);

            StoreCall put = calls.stream().filter(c -> c.store() == StoreCall.Store.BLOB && c.operation().equals("put"))
                    .findFirst().orElseThrow();
            assertThat(put.container()).isEqualTo("telemetry");
            assertThat(put.key()).hasValue(d.content.key());
            assertThat(put.bytes()).isEqualTo(bytes.length);
            assertThat(put.succeeded()).isTrue();
            assertThat(put.provider()).isEqualTo("InMemoryBlobStore");
            assertThat(calls).anySatisfy(c -> {
                assertThat(c.store()).isEqualTo(StoreCall.Store.ITEM);
                assertThat(c.operation()).isEqualTo("put");
                assertThat(c.container()).isEqualTo("telemetry-docs");
            });
            assertThat(operations).singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(OperationEvent.Kind.SAVE);
                assertThat(o.table()).isEqualTo("telemetry-docs");
                assertThat(o.succeeded()).isTrue();
                assertThat(calls).as("every call of the save carries its id").extracting(StoreCall::operationId)
                        .containsOnly(o.id());
                assertThat(started).as("each start precedes its end, with the same ids").extracting(e ->
                        e instanceof StoreCall.Started ? ((StoreCall.Started) e).id() : ((OperationEvent.Started) e).id())
                        .containsAll(calls.stream().map(StoreCall::id).collect(Collectors.toList()))
                        .contains(o.id());
            });

            calls.clear();
            TckDocument loaded = docs.syncGet("DOC#1", "v1").orElseThrow();
            assertThat(calls).as("a load reads the item only").extracting(StoreCall::store).containsOnly(StoreCall.Store.ITEM);
            assertThat(loaded.content.syncGetBytes()).isEqualTo(bytes);
            assertThat(calls).anySatisfy(c -> {
                assertThat(c.operation()).isEqualTo("getBytes");
                assertThat(c.operationId()).as("a lazy read belongs to no operation").isZero();
                assertThat(c.bytes()).isEqualTo(bytes.length);
            });
            loaded.content.syncPresignedUrl(Duration.ofMinutes(5));
            assertThat(calls.stream().map(StoreCall::toString).collect(Collectors.joining("\n")))
                    .as("no presigned URL or signature is reported").doesNotContain("X-Amz-Signature", "Signature=", "http");

            StowageStats stats = s.stats();
            assertThat(stats.counter("blob.put").calls()).isEqualTo(1);
            assertThat(stats.counter("blob.put").bytes()).isEqualTo(bytes.length);
            assertThat(stats.counter("blob.getBytes").bytes()).isEqualTo(bytes.length);
            assertThat(stats.counter("op.save").calls()).isEqualTo(1);
            assertThat(stats.counter("op.get").calls()).isEqualTo(1);
            assertThat(stats.counter("op.delete").calls()).isZero();
        }
    }

    @Test
    void failuresAreReportedWithTheirCodeAndCounted() {
        try (Stowage s = stowage()) {
            Table<TckDocument> missing = s.table(TckDocument.schema("no-such-table", "no-such-bucket"));
            Throwable failure = catchThrowable(() -> missing.syncGet("DOC#1", "v1"));

            assertThat(failure).isInstanceOf(ItemStoreException.class);
            assertThat(calls).anySatisfy(c -> {
                assertThat(c.operation()).isEqualTo("get");
                assertThat(c.outcome()).isEqualTo("TABLE_NOT_FOUND");
            });
            assertThat(operations).singleElement().satisfies(o -> assertThat(o.outcome()).isEqualTo("TABLE_NOT_FOUND"));
            assertThat(s.stats().counter("item.get").failures()).isEqualTo(1);
            assertThat(s.stats().counter("op.get").failures()).isEqualTo(1);
        }
    }

    @Test
    void aListenerThatThrowsChangesNothing() {
        StowageListener broken = new StowageListener() {
            @Override
            public void onStoreCall(StoreCall call) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onOperation(OperationEvent operation) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (Stowage s = stowage(broken)) {
            Table<TckDocument> docs = docs(s);
            TckDocument d = new TckDocument();
            d.pk = "DOC#2";
            d.content = S3File.of(new byte[] {1, 2, 3}, "b.bin");
            docs.syncSave(d);
            assertThat(docs.syncGet("DOC#2", "v1")).isPresent();
            assertThat(operations).as("the listener after the broken one still hears everything").hasSize(2);
        }
    }

    @Test
    void everyStoreCallIsOneDebugLineAndACompensationAWarningWithoutASecretOrASignature() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.stowage");
        ch.qos.logback.classic.Level before = logger.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try (Stowage s = stowage()) {
            Table<TckDocument> docs = docs(s);
            calls.clear();
            TckDocument d = new TckDocument();
            d.pk = "DOC#3";
            d.content = S3File.of(new byte[] {1, 2, 3, 4}, "c.bin");
            docs.syncSave(d);
            docs.syncGet("DOC#3", "v1").orElseThrow().content.syncPresignedUrl(Duration.ofMinutes(1));

            List<String> debug = lines.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.DEBUG)
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
            for (StoreCall call : calls) {
                assertThat(debug).as("a DEBUG line for %s", call).contains(call.toString());
            }
            assertThat(debug).anySatisfy(line -> assertThat(line).contains("blob put telemetry/" + d.content.key(), "4 bytes", "ms: ok"));
            assertThat(String.join("\n", debug)).doesNotContain("X-Amz-Signature", "Signature=", "http://");

            Table<TckDocument> refusing = Stowage.builder().blobStore(s.blobStore()).itemStore(InMemoryItemStore.create())
                    .build().table(TckDocument.schema("no-such-table", "telemetry"));
            TckDocument e = new TckDocument();
            e.pk = "DOC#4";
            e.content = S3File.of(new byte[] {5}, "d.bin");
            catchThrowable(() -> refusing.syncSave(e));
            assertThat(lines.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                assertThat(event.getFormattedMessage()).contains("no-such-table", "deleting the 1 object");
            });
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(before);
        }
    }
}
