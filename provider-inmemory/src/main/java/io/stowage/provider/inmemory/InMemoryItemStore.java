package io.stowage.provider.inmemory;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link ItemStore} in memory with DynamoDB's semantics: key schema checks, the 400 KB
 * item limit, atomic conditional puts and deletes, queries in sort-key order with
 * DynamoDB's paging (limit, 1 MB pages, exclusive start key) and scans. Reads are always
 * strongly consistent.
 *
 * <pre>{@code
 * try (InMemoryItemStore store = InMemoryItemStore.create()) {
 *     store.createTable(TableDefinition.of("documents", "pk", KeyType.S)).join();
 *     store.put(PutItemRequest.builder().table("documents")
 *             .item(Map.of("pk", AttributeValue.fromS("DOC#1"))).build()).join();
 * }
 * }</pre>
 */
public final class InMemoryItemStore implements ItemStore {

    private static final Set<ItemCapability> CAPABILITIES = Set.of(ItemCapability.CONSISTENT_READ);

    private final ConcurrentHashMap<String, MemoryTable> tables = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private InMemoryItemStore() {
    }

    /** A new, empty store. */
    public static InMemoryItemStore create() {
        return new InMemoryItemStore();
    }

    @Override
    public Set<ItemCapability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * Creates the table; {@code false} if it exists with the same key schema. An existing
     * table with another key schema fails with INVALID_INPUT rather than being used wrongly.
     */
    @Override
    public CompletableFuture<Boolean> createTable(TableDefinition definition) {
        return run(definition, definition == null ? null : definition.tableName(), () -> {
            TableNames.validate(definition.tableName());
            if (definition.sortKey().isPresent() && definition.sortKey().get().equals(definition.partitionKey())) {
                throw Failures.invalid("Partition key and sort key of table '" + definition.tableName()
                        + "' must be different attributes").withTable(definition.tableName());
            }
            MemoryTable created = new MemoryTable(definition);
            MemoryTable existing = tables.putIfAbsent(definition.tableName(), created);
            if (existing == null) {
                return true;
            }
            if (!existing.definition().equals(definition)) {
                throw Failures.invalid("Table '" + definition.tableName() + "' already exists with another key schema ("
                        + existing.definition() + "); use another table name").withTable(definition.tableName());
            }
            return false;
        });
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
        return run(request, request == null ? null : request.table(),
                () -> table(request.table()).put(request.item(), request.condition().orElse(null)));
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request) {
        return run(request, request == null ? null : request.table(), () -> table(request.table()).get(request.key()));
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
        return run(request, request == null ? null : request.table(),
                () -> table(request.table()).delete(request.key(), request.condition().orElse(null)));
    }

    @Override
    public CompletableFuture<ItemPage> query(QueryRequest request) {
        return run(request, request == null ? null : request.table(), () -> table(request.table()).query(request));
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "InMemoryItemStore(tables=" + tables.keySet() + (closed.get() ? ", closed" : "") + ")";
    }

    private MemoryTable table(String name) {
        MemoryTable table = tables.get(name);
        if (table == null) {
            throw new StoreException(StoreErrorCode.TABLE_NOT_FOUND, "Table '" + name
                    + "' does not exist; create it with createTable first").withTable(name);
        }
        return table;
    }

    /** Runs {@code work} now; every failure, validation included, goes into the future, naming the table. */
    private <T> CompletableFuture<T> run(Object request, String table, Callable<T> work) {
        return Futures.now(() -> {
            if (closed.get()) {
                throw Failures.closed("item");
            }
            if (request == null) {
                throw Failures.invalid("The request must not be null");
            }
            try {
                return work.call();
            } catch (StoreException e) {
                throw e.table() == null && table != null ? e.withTable(table) : e;
            }
        });
    }
}
