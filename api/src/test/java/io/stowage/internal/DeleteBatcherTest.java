package io.stowage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.spi.BlobId;
import io.stowage.spi.BlobStore;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Group commit of deletes: what goes alone, what waits, and what each caller is told. */
class DeleteBatcherTest {

    /** A store that records each call and answers only when the test completes its future. */
    private static final class Recording {
        final List<Object> calls = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Object>> answers = new CopyOnWriteArrayList<>();
        final BlobStore store = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                new Class<?>[] {BlobStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "delete":
                        case "deleteAll":
                            calls.add(args[0]);
                            CompletableFuture<Object> answer = new CompletableFuture<>();
                            answers.add(answer);
                            return answer;
                        case "toString":
                            return "recording store";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static DeleteBlobRequest request(String bucket, String key) {
        return DeleteBlobRequest.of(BlobId.of(bucket, key));
    }

    @Test
    void aLoneDeleteLeavesAtOnceAsAPlainDelete() {
        Recording store = new Recording();
        DeleteBatcher batcher = new DeleteBatcher();
        DeleteBlobRequest only = request("b", "k");

        CompletableFuture<Void> done = batcher.delete(only, store.store);

        assertThat(store.calls).as("calls sent").containsExactly(only);
        assertThat(done).as("the delete before its answer").isNotDone();
        store.answers.get(0).complete(null);
        assertThat(done).as("the delete after its answer").isCompleted();
    }

    @Test
    void deletesArrivingWhileOneIsInFlightLeaveTogetherWhenItIsAnswered() {
        Recording store = new Recording();
        DeleteBatcher batcher = new DeleteBatcher();
        CompletableFuture<Void> first = batcher.delete(request("b", "first"), store.store);
        List<DeleteBlobRequest> waiting = new ArrayList<>();
        List<CompletableFuture<Void>> waited = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(request("b", "next-" + i));
            waited.add(batcher.delete(waiting.get(i), store.store));
        }
        assertThat(store.calls).as("calls while the first is in flight").hasSize(1);

        store.answers.get(0).complete(null);

        assertThat(first).isCompleted();
        assertThat(store.calls).as("calls after the first answer").hasSize(2);
        assertThat(store.calls.get(1)).as("the second call: one batch of the five that waited").isEqualTo(waiting);
        List<Object> outcomes = new ArrayList<>();
        StoreException stale = new StoreException(StoreErrorCode.PRECONDITION_FAILED, "etag changed");
        for (int i = 0; i < 5; i++) {
            outcomes.add(i == 2 ? DeleteOutcome.failed(waiting.get(i), stale) : DeleteOutcome.deleted(waiting.get(i)));
        }
        store.answers.get(1).complete(outcomes);

        for (int i = 0; i < 5; i++) {
            if (i == 2) {
                assertThatThrownBy(waited.get(i)::join).as("the refused delete").isInstanceOf(CompletionException.class)
                        .hasCause(stale);
            } else {
                assertThat(waited.get(i)).as("delete %s", i).isCompleted();
            }
        }
        assertThat(store.calls).as("no call once the queue is empty").hasSize(2);
    }

    @Test
    void aBatchTheStoreCouldNotBeAskedAboutFailsEachOfItsDeletes() {
        Recording store = new Recording();
        DeleteBatcher batcher = new DeleteBatcher();
        batcher.delete(request("b", "first"), store.store);
        CompletableFuture<Void> a = batcher.delete(request("b", "a"), store.store);
        CompletableFuture<Void> b = batcher.delete(request("b", "b"), store.store);
        store.answers.get(0).complete(null);
        StoreException lost = new StoreException(StoreErrorCode.CONNECTION_LOST, "connection reset");

        store.answers.get(1).completeExceptionally(lost);

        assertThatThrownBy(a::join).hasCause(lost);
        assertThatThrownBy(b::join).hasCause(lost);
    }

    @Test
    void aStoreThatAnswersForOtherRequestsFailsTheDeletesInsteadOfReportingThemDone() {
        Recording store = new Recording();
        DeleteBatcher batcher = new DeleteBatcher();
        batcher.delete(request("b", "first"), store.store);
        CompletableFuture<Void> a = batcher.delete(request("b", "a"), store.store);
        CompletableFuture<Void> b = batcher.delete(request("b", "b"), store.store);
        store.answers.get(0).complete(null);

        store.answers.get(1).complete(List.of(DeleteOutcome.deleted(request("b", "a"))));

        assertThat(a).isCompleted();
        assertThatThrownBy(b::join).hasMessageContaining("one outcome per request");
    }

    @Test
    void aBatchGoesThroughTheStoreOfItsFirstDelete() {
        Recording first = new Recording();
        Recording second = new Recording();
        DeleteBatcher batcher = new DeleteBatcher();
        batcher.delete(request("b", "lone"), first.store);
        batcher.delete(request("b", "x"), second.store);
        batcher.delete(request("b", "y"), first.store);

        first.answers.get(0).complete(null);

        assertThat(second.calls).as("calls through the store of the batch's first delete").hasSize(1);
        assertThat(first.calls).as("calls through the other store").hasSize(1);
    }

    @Test
    void bucketsDoNotWaitForEachOther() {
        Recording store = new Recording();
        DeleteBatcher batcher = new DeleteBatcher();
        batcher.delete(request("one", "k"), store.store);
        batcher.delete(request("two", "k"), store.store);
        assertThat(store.calls).as("calls: one per bucket, neither waiting").hasSize(2);
    }

    @Test
    void aBatchHoldsAtMostOneThousandDeletes() {
        Recording store = new Recording();
        DeleteBatcher batcher = new DeleteBatcher();
        batcher.delete(request("b", "first"), store.store);
        for (int i = 0; i < 1_500; i++) {
            batcher.delete(request("b", "k" + i), store.store);
        }
        store.answers.get(0).complete(null);
        assertThat((List<?>) store.calls.get(1)).as("the first batch").hasSize(DeleteBatcher.MAX_BATCH);
        store.answers.get(1).complete(outcomesOf(store.calls.get(1)));
        assertThat((List<?>) store.calls.get(2)).as("the rest").hasSize(500);
    }

    @Test
    void aStoreThatAnswersAtOnceNeedsNoBatches() {
        BlobStore instant = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("delete")) {
                        return CompletableFuture.completedFuture(null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        DeleteBatcher batcher = new DeleteBatcher();
        for (int i = 0; i < 10_000; i++) {
            assertThat(batcher.delete(request("b", "k" + i), instant)).isCompleted();
        }
    }

    private static List<DeleteOutcome> outcomesOf(Object call) {
        List<DeleteOutcome> outcomes = new ArrayList<>();
        for (Object r : (List<?>) call) {
            outcomes.add(DeleteOutcome.deleted((DeleteBlobRequest) r));
        }
        return outcomes;
    }
}
