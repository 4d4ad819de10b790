package io.stowage.provider.inmemory;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.KeyOrder;
import io.stowage.spi.KeyType;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table's key schema, applied as DynamoDB applies it: items and keys must carry the key
 * attributes with the declared types, key strings and binaries must not be empty, and a
 * key names exactly the key attributes.
 *
 * <pre>{@code
 * ItemKeys keys = new ItemKeys(TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.S));
 * keys.validateItem(item);
 * Map<String, AttributeValue> key = keys.keyOf(item);
 * }</pre>
 */
final class ItemKeys {

    /** Stands for the sort key of tables that have none, so that every item has two key parts. */
    static final AttributeValue NO_SORT_KEY = AttributeValue.nul();

    /** DynamoDB's key order, extended to {@link #NO_SORT_KEY}. */
    static final Comparator<AttributeValue> ORDER = (a, b) ->
            a.isNull() && b.isNull() ? 0 : KeyOrder.compare(a, b);

    private final TableDefinition definition;

    ItemKeys(TableDefinition definition) {
        this.definition = definition;
    }

    String partitionKeyName() {
        return definition.partitionKey();
    }

    /** Checks what DynamoDB checks on a put, apart from the size. */
    void validateItem(Map<String, AttributeValue> item) {
        checkKeyAttribute(item, definition.partitionKey(), definition.partitionKeyType(), "item");
        if (definition.sortKey().isPresent()) {
            checkKeyAttribute(item, definition.sortKey().get(), definition.sortKeyType().get(), "item");
        }
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw invalid("Attribute names must not be empty");
            }
            if (e.getValue() == null) {
                throw invalid("Attribute '" + e.getKey() + "' has no value; use AttributeValue.nul() for NULL");
            }
            checkNotEmptySet(e.getKey(), e.getValue());
        }
    }

    /** Checks that {@code key} is exactly this table's key, with the right types. */
    void validateKey(Map<String, AttributeValue> key, String what) {
        int expected = definition.sortKey().isPresent() ? 2 : 1;
        checkKeyAttribute(key, definition.partitionKey(), definition.partitionKeyType(), what);
        if (definition.sortKey().isPresent()) {
            checkKeyAttribute(key, definition.sortKey().get(), definition.sortKeyType().get(), what);
        }
        if (key.size() != expected) {
            throw invalid("The " + what + " must contain exactly the key attributes " + keyNames() + ", but has "
                    + key.keySet());
        }
    }

    /** The primary key of an item (partition key, then sort key). */
    Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(definition.partitionKey(), item.get(definition.partitionKey()));
        definition.sortKey().ifPresent(sk -> key.put(sk, item.get(sk)));
        return key;
    }

    AttributeValue partitionOf(Map<String, AttributeValue> itemOrKey) {
        return itemOrKey.get(definition.partitionKey());
    }

    AttributeValue sortOf(Map<String, AttributeValue> itemOrKey) {
        return definition.sortKey().map(itemOrKey::get).orElse(NO_SORT_KEY);
    }

    /** Checks a query's partition key value and sort-key condition against the schema. */
    void validatePartitionValue(String name, AttributeValue value) {
        if (!definition.partitionKey().equals(name)) {
            throw invalid("Query names partition key '" + name + "', but the key of table '" + definition.tableName()
                    + "' is '" + definition.partitionKey() + "'");
        }
        checkType(name, value, definition.partitionKeyType());
        checkNotEmpty(name, value);
    }

    void validateSortKeyName(String name) {
        if (definition.sortKey().isEmpty()) {
            throw invalid("Table '" + definition.tableName() + "' has no sort key, so a query cannot have a condition on '"
                    + name + "'");
        }
        if (!definition.sortKey().get().equals(name)) {
            throw invalid("Query names sort key '" + name + "', but the sort key of table '" + definition.tableName()
                    + "' is '" + definition.sortKey().get() + "'");
        }
    }

    void validateSortValue(AttributeValue value) {
        checkType(definition.sortKey().orElseThrow(), value, definition.sortKeyType().orElseThrow());
    }

    KeyType sortKeyType() {
        return definition.sortKeyType().orElse(null);
    }

    private void checkKeyAttribute(Map<String, AttributeValue> map, String name, KeyType type, String what) {
        AttributeValue value = map.get(name);
        if (value == null) {
            throw invalid("The " + what + " lacks key attribute '" + name + "' (" + type + "); set it");
        }
        checkType(name, value, type);
        checkNotEmpty(name, value);
    }

    private void checkType(String name, AttributeValue value, KeyType type) {
        if (!value.type().name().equals(type.name())) {
            throw invalid("Key attribute '" + name + "' of table '" + definition.tableName() + "' must be of type " + type
                    + ", not " + value.type());
        }
    }

    private void checkNotEmpty(String name, AttributeValue value) {
        boolean empty = (value.type() == AttributeValue.Type.S && value.s().isEmpty())
                || (value.type() == AttributeValue.Type.B && value.b().length == 0);
        if (empty) {
            throw invalid("Key attribute '" + name + "' of table '" + definition.tableName()
                    + "' must not be empty, as in DynamoDB");
        }
    }

    private void checkNotEmptySet(String name, AttributeValue value) {
        boolean empty = (value.type() == AttributeValue.Type.SS && value.ss().isEmpty())
                || (value.type() == AttributeValue.Type.NS && value.ns().isEmpty())
                || (value.type() == AttributeValue.Type.BS && value.bs().isEmpty());
        if (empty) {
            throw invalid("Attribute '" + name + "' is an empty set, which DynamoDB refuses; omit the attribute instead");
        }
        if (value.type() == AttributeValue.Type.M) {
            value.m().forEach(this::checkNotEmptySet);
        } else if (value.type() == AttributeValue.Type.L) {
            value.l().forEach(v -> checkNotEmptySet(name, v));
        }
    }

    private String keyNames() {
        return definition.sortKey().map(sk -> "[" + definition.partitionKey() + ", " + sk + "]")
                .orElse("[" + definition.partitionKey() + "]");
    }

    private StoreException invalid(String message) {
        return Failures.invalid(message).withTable(definition.tableName());
    }
}
