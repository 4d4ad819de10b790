package io.stowage.provider.inmemory;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemSize;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The items of one table, by partition key and then sort key, both in DynamoDB's key
 * order. A read-write lock makes each conditional write atomic (condition test and write
 * under one lock) and gives queries a consistent view.
 *
 * <pre>{@code
 * MemoryTable table = new MemoryTable(TableDefinition.of("documents", "pk", KeyType.S));
 * Optional<Map<String, AttributeValue>> replaced = table.put(item, ItemCondition.attributeNotExists("pk"));
 * }</pre>
 */
final class MemoryTable {

    private final TableDefinition definition;
    private final ItemKeys keys;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<AttributeValue, NavigableMap<AttributeValue, Map<String, AttributeValue>>> partitions =
            new TreeMap<>(ItemKeys.ORDER);

    MemoryTable(TableDefinition definition) {
        this.definition = definition;
        this.keys = new ItemKeys(definition);
    }

    TableDefinition definition() {
        return definition;
    }

    /** Writes {@code item} if {@code condition} (may be null) holds; returns the item replaced. */
    Optional<Map<String, AttributeValue>> put(Map<String, AttributeValue> item, ItemCondition condition) {
        keys.validateItem(item);
        item = CanonicalNumbers.of(item, definition.tableName());
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new StoreException(StoreErrorCode.ITEM_TOO_LARGE, "Item is " + size + " bytes, over DynamoDB's limit of "
                    + ItemSize.MAX_ITEM_BYTES + " bytes (400 KB); keep large values in the blob store")
                    .withTable(definition.tableName());
        }
        Map<String, AttributeValue> stored = Collections.unmodifiableMap(new LinkedHashMap<>(item));
        AttributeValue pk = keys.partitionOf(item);
        AttributeValue sk = keys.sortOf(item);
        lock.writeLock().lock();
        try {
            NavigableMap<AttributeValue, Map<String, AttributeValue>> partition =
                    partitions.computeIfAbsent(pk, k -> new TreeMap<>(ItemKeys.ORDER));
            Map<String, AttributeValue> old = partition.get(sk);
            checkCondition(condition, old, item);
            partition.put(sk, stored);
            return Optional.ofNullable(old);
        } finally {
            lock.writeLock().unlock();
        }
    }

    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        keys.validateKey(key, "key");
        lock.readLock().lock();
        try {
            NavigableMap<AttributeValue, Map<String, AttributeValue>> partition = partitions.get(keys.partitionOf(key));
            return Optional.ofNullable(partition == null ? null : partition.get(keys.sortOf(key)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Deletes the item at {@code key} if {@code condition} (may be null) holds; returns it. */
    Optional<Map<String, AttributeValue>> delete(Map<String, AttributeValue> key, ItemCondition condition) {
        keys.validateKey(key, "key");
        AttributeValue pk = keys.partitionOf(key);
        lock.writeLock().lock();
        try {
            NavigableMap<AttributeValue, Map<String, AttributeValue>> partition = partitions.get(pk);
            Map<String, AttributeValue> old = partition == null ? null : partition.get(keys.sortOf(key));
            checkCondition(condition, old, key);
            if (old != null) {
                partition.remove(keys.sortOf(key));
                if (partition.isEmpty()) {
                    partitions.remove(pk);
                }
            }
            return Optional.ofNullable(old);
        } finally {
            lock.writeLock().unlock();
        }
    }

    ItemPage query(QueryRequest request) {
        lock.readLock().lock();
        try {
            return TableQuery.run(keys, partitions, request);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkCondition(ItemCondition condition, Map<String, AttributeValue> old, Map<String, AttributeValue> keyed) {
        if (condition != null && !condition.test(old)) {
            throw new StoreException(StoreErrorCode.CONDITION_FAILED, "Condition " + condition + " does not hold for the item "
                    + keys.keyOf(keyed) + " in table '" + definition.tableName() + "'; read it again and retry")
                    .withTable(definition.tableName());
        }
    }
}
