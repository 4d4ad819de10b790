package io.stowage.tck.decorators;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.TableDefinition;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ItemStore} that counts the calls made to it, per {@link ItemOp}, before
 * forwarding them; a query without a partition key counts as a {@link ItemOp#SCAN}.
 *
 * <pre>{@code
 * CountingItemStore counting = new CountingItemStore(store);
 * documents.syncSave(doc);
 * assertThat(counting.count(ItemOp.PUT)).isEqualTo(1);
 * }</pre>
 */
public class CountingItemStore extends ForwardingItemStore {

    private final OpCounter<ItemOp> counter = new OpCounter<>(ItemOp.class);

    public CountingItemStore(ItemStore delegate) {
        super(delegate);
    }

    /** Calls of one kind since creation or the last {@link #reset()}. */
    public long count(ItemOp op) {
        return counter.count(op);
    }

    /** Calls of every kind since creation or the last {@link #reset()}. */
    public long total() {
        return counter.total();
    }

    /** The non-zero counts, by kind. */
    public Map<ItemOp, Long> counts() {
        return counter.snapshot();
    }

    /** Sets every count back to zero. */
    public void reset() {
        counter.reset();
    }

    @Override
    public CompletableFuture<Boolean> createTable(TableDefinition definition) {
        counter.increment(ItemOp.CREATE_TABLE);
        return super.createTable(definition);
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
        counter.increment(ItemOp.PUT);
        return super.put(request);
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request) {
        counter.increment(ItemOp.GET);
        return super.get(request);
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
        counter.increment(ItemOp.DELETE);
        return super.delete(request);
    }

    @Override
    public CompletableFuture<ItemPage> query(QueryRequest request) {
        counter.increment(request.isScan() ? ItemOp.SCAN : ItemOp.QUERY);
        return super.query(request);
    }
}
