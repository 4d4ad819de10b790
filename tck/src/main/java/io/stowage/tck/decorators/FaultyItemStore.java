package io.stowage.tck.decorators;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.TableDefinition;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ItemStore} that fails or hangs chosen calls and forwards the others, recording
 * every call it receives. Use it to test what a save does when the item write fails after
 * the uploads succeeded (compensation), or when a delete is refused.
 *
 * <p>Rules are tried in the order they were added; the first that matches a call decides.
 * Injected {@link io.stowage.spi.StoreException}s name the table. A hung call completes
 * (exceptionally) only when this store is closed.
 *
 * <pre>{@code
 * FaultyItemStore faulty = FaultyItemStore.builder(store)
 *         .failNth(ItemOp.PUT, 1, StoreErrorCode.CONDITION_FAILED)
 *         .build();
 * }</pre>
 */
public final class FaultyItemStore extends ForwardingItemStore {

    private final FaultPlan<ItemOp> plan;

    private FaultyItemStore(ItemStore delegate, FaultPlan<ItemOp> plan) {
        super(delegate);
        this.plan = plan;
    }

    /** Starts a faulty store over {@code delegate}; with no rules it forwards everything. */
    public static Builder builder(ItemStore delegate) {
        return new Builder(delegate);
    }

    /** Every call received so far, in order. */
    public List<RecordedCall<ItemOp>> calls() {
        return plan.calls();
    }

    /** How many calls of one kind were received (failed and hung ones included). */
    public long count(ItemOp op) {
        return plan.count(op);
    }

    /** How many calls are hanging now. */
    public int hangingCount() {
        return plan.hangingCount();
    }

    @Override
    public CompletableFuture<Boolean> createTable(TableDefinition definition) {
        String table = definition.tableName();
        return plan.call(ItemOp.CREATE_TABLE, table, e -> e.withTable(table), () -> super.createTable(definition));
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
        return plan.call(ItemOp.PUT, request.table(), e -> e.withTable(request.table()), () -> super.put(request));
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request) {
        return plan.call(ItemOp.GET, request.table(), e -> e.withTable(request.table()), () -> super.get(request));
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
        return plan.call(ItemOp.DELETE, request.table(), e -> e.withTable(request.table()), () -> super.delete(request));
    }

    @Override
    public CompletableFuture<ItemPage> query(QueryRequest request) {
        ItemOp op = request.isScan() ? ItemOp.SCAN : ItemOp.QUERY;
        return plan.call(op, request.table(), e -> e.withTable(request.table()), () -> super.query(request));
    }

    /** Releases hung calls (they fail with {@link StoreErrorCode#OTHER}), then closes the wrapped store. */
    @Override
    public void close() {
        plan.releaseHanging();
        super.close();
    }

    /**
     * Collects the fault rules of a {@link FaultyItemStore}. The first matching rule
     * wins, so a rule for the {@code n}th call must come before an "always" rule for the
     * same operation, or it never fires.
     *
     * <pre>{@code
     * FaultyItemStore faulty = FaultyItemStore.builder(itemStore)
     *         .failNth(ItemOp.PUT, 2, StoreErrorCode.THROTTLED)   // the second item write fails
     *         .hangAlways(ItemOp.QUERY)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final ItemStore delegate;
        private final FaultPlan.Builder<ItemOp> plan = new FaultPlan.Builder<>(ItemOp.class);

        private Builder(ItemStore delegate) {
            this.delegate = delegate;
        }

        /** Fails the {@code n}th call of {@code op} (from 1) with a {@code StoreException} of that code. */
        public Builder failNth(ItemOp op, int n, StoreErrorCode code) {
            plan.fail(op, FaultyBlobStore.Builder.positive(n), code);
            return this;
        }

        /** Fails the {@code n}th call of {@code op} (from 1) with exactly {@code error}. */
        public Builder failNth(ItemOp op, int n, Throwable error) {
            plan.fail(op, FaultyBlobStore.Builder.positive(n), error);
            return this;
        }

        /** Fails every call of {@code op} with a {@code StoreException} of that code. */
        public Builder failAlways(ItemOp op, StoreErrorCode code) {
            plan.fail(op, 0, code);
            return this;
        }

        /** Fails every call of {@code op} with exactly {@code error}. */
        public Builder failAlways(ItemOp op, Throwable error) {
            plan.fail(op, 0, error);
            return this;
        }

        /** Makes the {@code n}th call of {@code op} (from 1) hang. */
        public Builder hangNth(ItemOp op, int n) {
            plan.hang(op, FaultyBlobStore.Builder.positive(n));
            return this;
        }

        /** Makes every call of {@code op} hang. */
        public Builder hangAlways(ItemOp op) {
            plan.hang(op, 0);
            return this;
        }

        public FaultyItemStore build() {
            return new FaultyItemStore(delegate, plan.build());
        }
    }
}
