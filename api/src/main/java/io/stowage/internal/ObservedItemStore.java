package io.stowage.internal;

import io.stowage.StoreCall;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.TableDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The item store as the engine uses it: every call is timed and reported to
 * {@link Telemetry} with its table and outcome.
 *
 * <pre>{@code
 * ItemStore observed = new ObservedItemStore(store, telemetry, 0);
 * }</pre>
 */
final class ObservedItemStore implements ItemStore {

    private final ItemStore delegate;
    private final Telemetry telemetry;
    private final String provider;
    private final long operationId;

    /** Reports calls as made by operation {@code operationId} (0: outside any operation). */
    ObservedItemStore(ItemStore delegate, Telemetry telemetry, long operationId) {
        this.delegate = delegate;
        this.telemetry = telemetry;
        this.operationId = operationId;
        this.provider = delegate.getClass().getSimpleName();
    }

    @Override
    public Set<ItemCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public CompletableFuture<Boolean> createTable(TableDefinition definition) {
        return observe("createTable", definition.tableName(), () -> delegate.createTable(definition));
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
        return observe("put", request.table(), () -> delegate.put(request));
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request) {
        return observe("get", request.table(), () -> delegate.get(request));
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
        return observe("delete", request.table(), () -> delegate.delete(request));
    }

    @Override
    public CompletableFuture<ItemPage> query(QueryRequest request) {
        return observe("query", request.table(), () -> delegate.query(request));
    }

    @Override
    public CompletableFuture<ItemPage> scan(String table, Map<String, AttributeValue> exclusiveStartKey, int limit) {
        return observe("scan", table, () -> delegate.scan(table, exclusiveStartKey, limit));
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private <R> CompletableFuture<R> observe(String operation, String table, Supplier<CompletableFuture<R>> call) {
        return telemetry.observe(operationId, StoreCall.Store.ITEM, operation, provider, table, null, call, result -> -1);
    }
}
