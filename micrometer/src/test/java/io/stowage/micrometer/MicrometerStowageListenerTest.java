package io.stowage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.provider.inmemory.InMemoryBlobStore;
import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.tck.model.TckDocument;
import org.junit.jupiter.api.Test;

/** The meters' counts and bytes equal what the test did. */
class MicrometerStowageListenerTest {

    @Test
    void metersCountTheCallsBytesAndOperationsTheTestMade() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Stowage s = Stowage.builder().blobStore(InMemoryBlobStore.create()).itemStore(InMemoryItemStore.create())
                .config(StowageConfig.builder().listener(MicrometerStowageListener.create(registry)).build()).build()) {
            s.syncCreateBucketIfMissing("metered");
            Table<TckDocument> docs = s.table(TckDocument.schema("metered-docs", "metered"));
            docs.syncCreateTableIfMissing();
            for (int i = 0; i < 3; i++) {
                TckDocument d = new TckDocument();
                d.pk = "DOC#" + i;
                d.content = S3File.of(new byte[1000 + i], "f.bin");
                docs.syncSave(d);
            }
            docs.syncGet("DOC#0", "v1").orElseThrow().content.syncGetBytes();
            catchThrowable(() -> s.table(TckDocument.schema("missing", "metered")).syncGet("x", "v1"));

            Timer puts = registry.find(MicrometerStowageListener.STORE_CALLS)
                    .tags("store", "blob", "operation", "put", "container", "metered", "outcome", "ok").timer();
            assertThat(puts).isNotNull();
            assertThat(puts.count()).isEqualTo(3);
            DistributionSummary putBytes = registry.find(MicrometerStowageListener.STORE_BYTES)
                    .tags("operation", "put", "outcome", "ok").summary();
            assertThat(putBytes.totalAmount()).isEqualTo(1000 + 1001 + 1002);
            assertThat(registry.find(MicrometerStowageListener.STORE_BYTES).tags("operation", "getBytes").summary().totalAmount())
                    .isEqualTo(1000);
            assertThat(registry.find(MicrometerStowageListener.OPERATIONS).tags("operation", "save", "table", "metered-docs")
                    .timer().count()).isEqualTo(3);
            assertThat(registry.find(MicrometerStowageListener.OPERATIONS).tags("operation", "get", "table", "missing",
                    "outcome", "TABLE_NOT_FOUND").timer().count()).isEqualTo(1);
            assertThat(registry.find(MicrometerStowageListener.STORE_CALLS).tags("store", "item", "operation", "get",
                    "container", "missing", "outcome", "TABLE_NOT_FOUND").timer().count()).isEqualTo(1);
        }
    }
}
