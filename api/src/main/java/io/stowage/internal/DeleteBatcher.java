package io.stowage.internal;

import io.stowage.spi.BlobStore;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deletes that nobody waits for (background clean-ups, the sweeper) sent as batches, by
 * group commit: per bucket and region, at most one request is in flight (clean-ups and sweeps
 * share it, so a batch may hold both and is reported under its first delete's operation); a delete that
 * arrives while one is goes into the next, which leaves as soon as the one in flight is
 * answered. A lone delete therefore leaves at once, as a plain DELETE, and under load the
 * batches grow with the store's answer time, up to {@link #MAX_BATCH} objects, without a
 * timer or a setting. Each delete's future completes as a single delete's would.
 *
 * <pre>{@code
 * DeleteBatcher deletes = new DeleteBatcher();   // for a store that declares BATCH_DELETE
 * deletes.delete(DeleteBlobRequest.builder().id(id).ifMatch(etag).build(), store)
 *         .exceptionally(e -> reportOrphan(id, e));
 * }</pre>
 */
final class DeleteBatcher {

    /** The most objects of one request: what S3's DeleteObjects takes. */
    static final int MAX_BATCH = 1000;

    private final Map<List<String>, Group> groups = new ConcurrentHashMap<>();

    /**
     * Deletes the object through {@code store}, now or with the next batch of its bucket;
     * completes as {@link BlobStore#delete} would. A batch goes through the store of its
     * first delete (whose operation a listener sees it under).
     */
    CompletableFuture<Void> delete(DeleteBlobRequest request, BlobStore store) {
        Group group = groups.computeIfAbsent(Arrays.asList(request.id().bucket(), request.id().region().orElse(null)),
                key -> new Group());
        Pending pending = new Pending(request, store);
        synchronized (group) {
            group.queue.add(pending);
            if (group.sending) {
                return pending.done;
            }
            group.sending = true;
        }
        sendWhilePending(group);
        return pending.done;
    }

    /**
     * Sends what is queued, batch after batch, until the queue is empty; a loop rather than a
     * callback chain, so that a store that answers at once does not deepen the stack.
     */
    private void sendWhilePending(Group group) {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (group) {
                while (!group.queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(group.queue.poll());
                }
                if (batch.isEmpty()) {
                    group.sending = false;
                    return;
                }
            }
            CompletableFuture<?> sent = send(batch);
            if (!sent.isDone()) {
                sent.whenComplete((done, failure) -> sendWhilePending(group));
                return;
            }
        }
    }

    /** Completes when every delete of the batch is completed; never exceptionally. */
    private CompletableFuture<?> send(List<Pending> batch) {
        BlobStore store = batch.get(0).store;
        if (batch.size() == 1) {
            Pending only = batch.get(0);
            return Futures.call(() -> store.delete(only.request)).handle((ok, failure) -> only.complete(failure));
        }
        List<DeleteBlobRequest> requests = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            requests.add(p.request);
        }
        return Futures.call(() -> store.deleteAll(requests)).handle((outcomes, failure) -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(failure != null ? failure : outcomeAt(outcomes, i, batch.get(i).request));
            }
            return null;
        });
    }

    /**
     * The failure of the {@code i}th outcome, or {@code null}; a store that answered for other
     * requests (or with nulls) broke the SPI, and each delete it did not answer fails.
     */
    private static Throwable outcomeAt(List<DeleteOutcome> outcomes, int i, DeleteBlobRequest request) {
        DeleteOutcome outcome = outcomes == null || outcomes.size() <= i ? null : outcomes.get(i);
        if (outcome == null || !outcome.request().id().equals(request.id())) {
            return new IllegalStateException("the blob store's deleteAll did not answer with one outcome per request, "
                    + "in order (SPI contract); " + request.id() + " may not be deleted");
        }
        return outcome.failure().orElse(null);
    }

    /** The deletes of one bucket and region: queued, and whether a request is in flight. */
    private static final class Group {
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        boolean sending;
    }

    private static final class Pending {
        final DeleteBlobRequest request;
        final BlobStore store;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Pending(DeleteBlobRequest request, BlobStore store) {
            this.request = request;
            this.store = store;
        }

        Void complete(Throwable failure) {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(Futures.unwrap(failure));
            }
            return null;
        }
    }
}
