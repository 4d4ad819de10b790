package io.stowage.s3support;

import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.StoreException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The bookkeeping of a batch delete: requests split into groups of one bucket and region of
 * at most S3's 1,000 objects, sent at once, and their outcomes put back in the order given.
 *
 * <pre>{@code
 * return BatchDeletes.inGroups(requests, 1000, group -> sendDeleteObjects(group));
 * }</pre>
 */
final class BatchDeletes {

    /** The most objects S3 deletes in one DeleteObjects request. */
    static final int MAX_PER_REQUEST = 1000;

    private BatchDeletes() {
    }

    /** Sends every group through {@code send} at once; the outcomes come back in the order of {@code requests}. */
    static CompletableFuture<List<DeleteOutcome>> inGroups(List<DeleteBlobRequest> requests, int maxPerGroup,
            Function<List<DeleteBlobRequest>, CompletableFuture<List<DeleteOutcome>>> send) {
        Map<List<String>, List<DeleteBlobRequest>> byBucket = new LinkedHashMap<>();
        for (DeleteBlobRequest request : requests) {
            byBucket.computeIfAbsent(Arrays.asList(request.id().bucket(), request.id().region().orElse(null)),
                    k -> new ArrayList<>()).add(request);
        }
        List<CompletableFuture<List<DeleteOutcome>>> sent = new ArrayList<>();
        for (List<DeleteBlobRequest> sameBucket : byBucket.values()) {
            for (int from = 0; from < sameBucket.size(); from += maxPerGroup) {
                sent.add(send.apply(List.copyOf(sameBucket.subList(from, Math.min(sameBucket.size(), from + maxPerGroup)))));
            }
        }
        return CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<DeleteBlobRequest, DeleteOutcome> byRequest = new IdentityHashMap<>();
            for (CompletableFuture<List<DeleteOutcome>> group : sent) {
                for (DeleteOutcome outcome : group.join()) {
                    byRequest.put(outcome.request(), outcome);
                }
            }
            List<DeleteOutcome> inOrder = new ArrayList<>(requests.size());
            for (DeleteBlobRequest request : requests) {
                inOrder.add(byRequest.get(request));
            }
            return List.copyOf(inOrder);
        });
    }

    /** Every request of {@code group} failed with {@code failure}, named with its own key. */
    static List<DeleteOutcome> allFailed(List<DeleteBlobRequest> group, StoreException failure) {
        List<DeleteOutcome> failed = new ArrayList<>(group.size());
        for (DeleteBlobRequest request : group) {
            failed.add(DeleteOutcome.failed(request, failure.orWhere(request.id().bucket(), request.id().key())));
        }
        return failed;
    }
}
