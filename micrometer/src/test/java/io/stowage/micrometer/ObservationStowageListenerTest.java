package io.stowage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.stowage.ConditionFailedException;
import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.provider.inmemory.InMemoryBlobStore;
import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.tck.model.TckDocument;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A save is one span in a trace, with its store calls (upload, item write, compensation) as children. */
class ObservationStowageListenerTest {

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private Stowage stowage() {
        return Stowage.builder().blobStore(InMemoryBlobStore.create()).itemStore(InMemoryItemStore.create())
                .config(StowageConfig.builder().listener(ObservationStowageListener.create(registry)).build()).build();
    }

    @Test
    void aSaveIsOneSpanUnderTheCallersSpanWithItsUploadAndItemWriteAsChildren() {
        try (Stowage s = stowage()) {
            s.syncCreateBucketIfMissing("traced");
            Table<TckDocument> docs = s.table(TckDocument.schema("traced-docs", "traced"));
            docs.syncCreateTableIfMissing();
            registry.clear();

            Observation request = Observation.start("http.request", registry);
            try (Observation.Scope scope = request.openScope()) {
                TckDocument d = new TckDocument();
                d.pk = "DOC#1";
                d.content = S3File.of(new byte[1234], "f.bin");
                docs.syncSave(d);
            } finally {
                request.stop();
            }

            TestObservationRegistryAssert.assertThat(registry)
                    .hasNumberOfObservationsWithNameEqualTo(ObservationStowageListener.OPERATION, 1)
                    .hasObservationWithNameEqualTo(ObservationStowageListener.OPERATION).that()
                    .hasBeenStarted().hasBeenStopped()
                    .hasLowCardinalityKeyValue("operation", "save").hasLowCardinalityKeyValue("table", "traced-docs")
                    .hasLowCardinalityKeyValue("outcome", "ok")
                    .hasParentObservationContextMatching(parent -> parent.getName().equals("http.request"));
            TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
                Observation.Context save = only(contexts, ObservationStowageListener.OPERATION);
                List<Observation.Context> calls = named(contexts, ObservationStowageListener.STORE_CALL);
                assertThat(calls).as("every store call of the save is its child").isNotEmpty().allSatisfy(call ->
                        assertThat(call.getParentObservation().getContextView()).isSameAs(save));
                assertThat(calls.stream().map(Observation.Context::getContextualName).collect(Collectors.toList()))
                        .contains("blob put", "item put");
                Observation.Context upload = calls.stream().filter(c -> "blob put".equals(c.getContextualName())).findFirst()
                        .orElseThrow();
                assertThat(upload.getHighCardinalityKeyValue("bytes").getValue()).isEqualTo("1234");
                assertThat(upload.getLowCardinalityKeyValue("container").getValue()).isEqualTo("traced");
                assertThat(upload.getError()).isNull();
            });
        }
    }

    @Test
    void aFailedSaveCarriesItsErrorAndItsCompensatingDeleteIsAChildSpan() {
        try (Stowage s = stowage()) {
            s.syncCreateBucketIfMissing("traced");
            Table<TckDocument> docs = s.table(TckDocument.versionedSchema("traced-versioned", "traced"));
            docs.syncCreateTableIfMissing();
            TckDocument first = new TckDocument();
            first.pk = "DOC#1";
            first.content = S3File.of(new byte[10], "a.bin");
            docs.syncSave(first);
            registry.clear();

            TckDocument stale = new TckDocument();
            stale.pk = "DOC#1";
            stale.content = S3File.of(new byte[20], "b.bin");
            assertThat(catchThrowable(() -> docs.syncSave(stale))).isInstanceOf(ConditionFailedException.class);

            TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
                Observation.Context save = only(contexts, ObservationStowageListener.OPERATION);
                assertThat(save.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("CONDITION_FAILED");
                assertThat(save.getError()).hasMessageContaining("CONDITION_FAILED");
                List<Observation.Context> calls = named(contexts, ObservationStowageListener.STORE_CALL);
                assertThat(calls).allSatisfy(call -> assertThat(call.getParentObservation().getContextView()).isSameAs(save));
                Observation.Context write = calls.stream().filter(c -> "item put".equals(c.getContextualName())).findFirst()
                        .orElseThrow();
                assertThat(write.getError()).as("the refused item write").isNotNull();
                assertThat(calls.stream().map(Observation.Context::getContextualName).collect(Collectors.toList()))
                        .as("the upload and its compensating delete").contains("blob put", "blob delete");
            });
            TestObservationRegistryAssert.assertThat(registry).forAllObservationsWithNameEqualTo(
                    ObservationStowageListener.STORE_CALL, call -> call.hasLowCardinalityKeyValueWithKey("outcome"));
        }
    }

    @Test
    void aLazyReadOutsideAnOperationIsASpanOfItsOwnUnderTheCallersSpan() {
        try (Stowage s = stowage()) {
            s.syncCreateBucketIfMissing("traced");
            Table<TckDocument> docs = s.table(TckDocument.schema("traced-reads", "traced"));
            docs.syncCreateTableIfMissing();
            TckDocument d = new TckDocument();
            d.pk = "DOC#1";
            d.content = S3File.of(new byte[77], "f.bin");
            docs.syncSave(d);
            TckDocument loaded = docs.syncGet("DOC#1", "v1").orElseThrow();
            registry.clear();

            Observation request = Observation.start("http.request", registry);
            try (Observation.Scope scope = request.openScope()) {
                assertThat(loaded.content.syncGetBytes()).hasSize(77);
            } finally {
                request.stop();
            }
            TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
                assertThat(named(contexts, ObservationStowageListener.OPERATION)).isEmpty();
                Observation.Context read = only(contexts, ObservationStowageListener.STORE_CALL);
                assertThat(read.getContextualName()).isEqualTo("blob getBytes");
                assertThat(read.getHighCardinalityKeyValue("bytes").getValue()).isEqualTo("77");
                assertThat(read.getParentObservation().getContextView().getName()).isEqualTo("http.request");
            });
        }
    }

    @Test
    void noObservationIsLeftOpenAfterManyConcurrentOperations() throws Exception {
        ObservationStowageListener listener = ObservationStowageListener.create(registry);
        try (Stowage s = Stowage.builder().blobStore(InMemoryBlobStore.create()).itemStore(InMemoryItemStore.create())
                .config(StowageConfig.builder().listener(listener).build()).build()) {
            s.syncCreateBucketIfMissing("traced");
            Table<TckDocument> docs = s.table(TckDocument.schema("traced-many", "traced"));
            docs.syncCreateTableIfMissing();
            List<java.util.concurrent.CompletableFuture<Void>> saves = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                TckDocument d = new TckDocument();
                d.pk = "DOC#" + i;
                d.content = S3File.of(new byte[i + 1], "f.bin");
                saves.add(docs.save(d));
            }
            java.util.concurrent.CompletableFuture.allOf(saves.toArray(new java.util.concurrent.CompletableFuture[0])).join();
            assertThat(listener.toString()).contains("0 operations and 0 calls open");
            TestObservationRegistryAssert.assertThat(registry)
                    .hasNumberOfObservationsWithNameEqualTo(ObservationStowageListener.OPERATION, 50);
        }
    }

    private static Observation.Context only(List<Observation.Context> contexts, String name) {
        List<Observation.Context> matching = named(contexts, name);
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0);
    }

    private static List<Observation.Context> named(List<Observation.Context> contexts, String name) {
        return contexts.stream().filter(c -> name.equals(c.getName())).collect(Collectors.toList());
    }
}
