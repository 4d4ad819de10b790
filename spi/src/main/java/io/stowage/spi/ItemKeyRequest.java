package io.stowage.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A get or a delete of one item by its primary key: consistent-read flag for gets,
 * optional condition for deletes.
 *
 * <pre>{@code
 * ItemKeyRequest get = ItemKeyRequest.builder()
 *         .table("documents")
 *         .key(Map.of("pk", AttributeValue.fromS("DOC#1"), "sk", AttributeValue.fromS("v1")))
 *         .consistentRead(true)
 *         .build();
 * }</pre>
 */
public final class ItemKeyRequest {

    private final String table;
    private final Map<String, AttributeValue> key;
    private final boolean consistentRead;
    private final ItemCondition condition;

    private ItemKeyRequest(Builder b) {
        this.table = Objects.requireNonNull(b.table, "table");
        this.key = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(b.key, "key")));
        this.consistentRead = b.consistentRead;
        this.condition = b.condition;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String table() {
        return table;
    }

    /** The primary key attributes (partition key, and sort key when the table has one). */
    public Map<String, AttributeValue> key() {
        return key;
    }

    public boolean consistentRead() {
        return consistentRead;
    }

    /** For deletes: a condition on the stored item. */
    public Optional<ItemCondition> condition() {
        return Optional.ofNullable(condition);
    }

    @Override
    public String toString() {
        return "ItemKeyRequest(" + table + ", key=" + key + (condition == null ? "" : ", if " + condition) + ")";
    }

    /**
     * Builder of {@link ItemKeyRequest}. Table and key are required. One request type
     * serves gets and deletes, so {@code consistentRead} matters only to gets and
     * {@code condition} only to deletes.
     *
     * <pre>{@code
     * ItemKeyRequest delete = ItemKeyRequest.builder()
     *         .table("documents")
     *         .key(Map.of("pk", AttributeValue.fromS("DOC#1")))
     *         .condition(ItemCondition.attributeExists("pk"))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String table;
        private Map<String, AttributeValue> key;
        private boolean consistentRead;
        private ItemCondition condition;

        private Builder() {
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder key(Map<String, AttributeValue> key) {
            this.key = key;
            return this;
        }

        public Builder consistentRead(boolean consistentRead) {
            this.consistentRead = consistentRead;
            return this;
        }

        public Builder condition(ItemCondition condition) {
            this.condition = condition;
            return this;
        }

        public ItemKeyRequest build() {
            return new ItemKeyRequest(this);
        }
    }
}
