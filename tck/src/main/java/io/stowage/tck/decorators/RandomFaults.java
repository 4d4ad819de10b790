package io.stowage.tck.decorators;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Seeded random faults for histories: each write fails before it reaches the store
 * (refused, nothing applied), or is applied and then its answer is lost (a timeout after
 * the fact), or is applied and then a retry of it is refused (as a client that retried
 * reports it), or is delayed; reads fail or are delayed. The same seed gives the same
 * sequence of decisions, so a failing history can be replayed.
 *
 * <pre>{@code
 * RandomFaults faults = new RandomFaults(42L, 0.1);
 * Stowage s = Stowage.builder().blobStore(faults.blobs(blobStore)).itemStore(faults.items(itemStore)).build();
 * }</pre>
 */
public final class RandomFaults {

    /** What happens to one call. */
    enum Fate { PASS, REFUSE, LOSE_ANSWER, DELAY, APPLIED_THEN_REFUSED }

    private final Random random;
    private final double probability;
    private volatile boolean enabled = true;

    /** Faults with {@code probability} (0 to 1) per call, decided by a generator seeded with {@code seed}. */
    public RandomFaults(long seed, double probability) {
        this.random = new Random(seed);
        this.probability = probability;
    }

    /** Turns the faults off (to check invariants through the same decorators) or on again. */
    public void enable(boolean on) {
        this.enabled = on;
    }

    private Fate fate(boolean write) {
        synchronized (random) {
            if (!enabled || random.nextDouble() >= probability) {
                return Fate.PASS;
            }
            int pick = random.nextInt(write ? 4 : 2);
            return pick == 0 ? Fate.REFUSE : pick == 1 ? Fate.DELAY : pick == 2 ? Fate.LOSE_ANSWER : Fate.APPLIED_THEN_REFUSED;
        }
    }

    private <T> CompletableFuture<T> apply(boolean write, StoreErrorCode refusal, Supplier<CompletableFuture<T>> call) {
        switch (fate(write)) {
            case REFUSE:
                return CompletableFuture.failedFuture(new StoreException(refusal, "random fault: refused before the store saw it"));
            case DELAY:
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                        .thenCompose(v -> call.get());
            case LOSE_ANSWER:
                return call.get().thenCompose(r -> CompletableFuture.failedFuture(
                        new StoreException(StoreErrorCode.TIMEOUT, "random fault: applied, then the answer was lost")));
            case APPLIED_THEN_REFUSED:
                // A client that retried an attempt that was applied: the retry is refused, and says so.
                return call.get().thenCompose(r -> CompletableFuture.failedFuture(StoreException.builder(refusal,
                        "random fault: applied, then a retry was refused").afterAnAmbiguousAttempt(true).build()));
            default:
                return call.get();
        }
    }

    /** The item store with faults on put, delete and get. */
    public ItemStore items(ItemStore delegate) {
        return new ForwardingItemStore(delegate) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
                return apply(true, StoreErrorCode.THROTTLED, () -> super.put(request));
            }

            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
                return apply(true, StoreErrorCode.THROTTLED, () -> super.delete(request));
            }

            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request) {
                return apply(false, StoreErrorCode.CONNECTION, () -> super.get(request));
            }

            @Override
            public void close() {
                // The history's stores outlive it.
            }
        };
    }

    /** The blob store with faults on put and delete. */
    public BlobStore blobs(BlobStore delegate) {
        return new ForwardingBlobStore(delegate) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                return apply(true, StoreErrorCode.CONNECTION, () -> super.put(request, content));
            }

            @Override
            public CompletableFuture<Void> delete(DeleteBlobRequest request) {
                return apply(true, StoreErrorCode.ACCESS_DENIED, () -> super.delete(request));
            }

            /** Each object through {@link #delete}, so that batched deletes meet the faults too. */
            @Override
            public CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
                return BlobStore.deleteEach(requests, this::delete);
            }

            @Override
            public void close() {
                // The history's stores outlive it.
            }
        };
    }
}
