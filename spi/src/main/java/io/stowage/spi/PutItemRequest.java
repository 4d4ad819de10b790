package io.stowage.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a whole item, replacing any item with the same key, if the optional
 * condition holds on the stored item.
 *
 * <pre>{@code
 * PutItemRequest put = PutItemRequest.builder()
 *         .table("documents")
 *         .item(item)
 *         .condition(ItemCondition.attributeNotExists("pk"))
 *         .build();
 * }</pre>
 */
public final class PutItemRequest {

    private final String table;
    private final Map<String, AttributeValue> item;
    private final ItemCondition condition;

    private PutItemRequest(Builder b) {
        this.table = Objects.requireNonNull(b.table, "table");
        this.item = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(b.item, "item")));
        this.condition = b.condition;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String table() {
        return table;
    }

    public Map<String, AttributeValue> item() {
        return item;
    }

    public Optional<ItemCondition> condition() {
        return Optional.ofNullable(condition);
    }

    @Override
    public String toString() {
        return "PutItemRequest(" + table + ", attributes=" + item.keySet() + (condition == null ? "" : ", if " + condition) + ")";
    }

    /**
     * Builder of {@link PutItemRequest}. Table and item are required; the condition is
     * what makes optimistic locking possible without a read-modify-write race.
     *
     * <pre>{@code
     * PutItemRequest put = PutItemRequest.builder()
     *         .table("documents")
     *         .item(Map.of("pk", AttributeValue.fromS("DOC#1"), "version", AttributeValue.fromN("4")))
     *         .condition(ItemCondition.equalTo("version", AttributeValue.fromN("3")))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String table;
        private Map<String, AttributeValue> item;
        private ItemCondition condition;

        private Builder() {
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder item(Map<String, AttributeValue> item) {
            this.item = item;
            return this;
        }

        public Builder condition(ItemCondition condition) {
            this.condition = condition;
            return this;
        }

        public PutItemRequest build() {
            return new PutItemRequest(this);
        }
    }
}
