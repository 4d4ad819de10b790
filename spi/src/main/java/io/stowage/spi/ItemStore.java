package io.stowage.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An item store, as a provider implements it, with DynamoDB's semantics: items of at
 * most 400 KB ({@link ItemSize}), conditional writes, deletes that return the old item,
 * queries in sort-key order with pagination. Every method returns a future that
 * completes exceptionally with a {@link StoreException} (never throws); implementations
 * are thread-safe.
 *
 * <pre>{@code
 * try (ItemStore store = provider.create(StoreSettings.defaults())) {
 *     store.createTable(TableDefinition.of("documents", "pk", KeyType.S)).join();
 *     store.put(PutItemRequest.builder().table("documents").item(item).build()).join();
 * }
 * }</pre>
 */
public interface ItemStore extends AutoCloseable {

    /** What this store can do beyond the core operations. */
    Set<ItemCapability> capabilities();

    /**
     * Creates a table (on-demand capacity) and waits until it can be used. Completes with
     * {@code true} if it was created, {@code false} if it already existed.
     */
    CompletableFuture<Boolean> createTable(TableDefinition definition);

    /**
     * Writes an item; completes with the item it replaced, if any.
     *
     * <p>A put is never sent again after an attempt that may have been applied (its answer
     * lost, timed out or a 5xx); it fails with that attempt's ambiguous {@link StoreException}
     * instead. Applied twice, it would undo a write another client made in between, and Stowage
     * would have deleted the objects that write replaced, which the put's item points at. A
     * condition does not always prevent it: those that pin a kept object (its key and etag)
     * still hold after the first application. Sending a put again after a plain refusal
     * (throttled, no connection made) is fine.
     */
    CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request);

    /** Reads an item by key. */
    CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request);

    /**
     * Deletes an item by key (if its condition holds); completes with the item deleted, if any.
     *
     * <p>Like a put, a delete is never sent again after an attempt that may have been applied;
     * it fails with that attempt's ambiguous {@link StoreException} instead. Sent again after
     * an attempt that deleted the item, it would find nothing (or fail its condition), and
     * Stowage could not name the objects of the item it deleted; unconditional, it would also
     * delete an item another client wrote in between.
     */
    CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request);

    /** One page of a query, or of a scan when the request has no partition key. */
    CompletableFuture<ItemPage> query(QueryRequest request);

    /**
     * One page of a scan of the whole table, in the store's order; {@code exclusiveStartKey}
     * is the previous page's last key ({@code null} for the first page). A scan is a query
     * without a partition key, so providers implement {@link #query} only.
     *
     * <pre>{@code
     * ItemPage page = store.scan("documents", null, 100).join();
     * while (page.lastEvaluatedKey().isPresent()) {
     *     page = store.scan("documents", page.lastEvaluatedKey().get(), 100).join();
     * }
     * }</pre>
     */
    default CompletableFuture<ItemPage> scan(String table, Map<String, AttributeValue> exclusiveStartKey, int limit) {
        QueryRequest.Builder request = QueryRequest.builder().table(table).limit(limit);
        if (exclusiveStartKey != null) {
            request.exclusiveStartKey(exclusiveStartKey);
        }
        try {
            return query(request.build());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Releases clients and threads. Idempotent. */
    @Override
    void close();
}
