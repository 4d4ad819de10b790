package io.stowage.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A query: the items of one partition, in sort-key order, optionally narrowed by a
 * sort-key condition, one page at a time. Without a partition key it is a scan of the
 * whole table (in no particular order).
 *
 * <pre>{@code
 * QueryRequest q = QueryRequest.builder()
 *         .table("documents")
 *         .partitionKey("pk", AttributeValue.fromS("DOC#1"))
 *         .sortKey("sk", SortKeyCondition.beginsWith("v"))
 *         .limit(25)
 *         .build();
 * }</pre>
 */
public final class QueryRequest {

    private final String table;
    private final String partitionKeyName;
    private final AttributeValue partitionKeyValue;
    private final String sortKeyName;
    private final SortKeyCondition sortKeyCondition;
    private final int limit;
    private final Map<String, AttributeValue> exclusiveStartKey;
    private final boolean scanIndexForward;
    private final boolean consistentRead;

    private QueryRequest(Builder b) {
        this.table = Objects.requireNonNull(b.table, "table");
        this.partitionKeyName = b.partitionKeyName;
        this.partitionKeyValue = b.partitionKeyValue;
        this.sortKeyName = b.sortKeyName;
        this.sortKeyCondition = b.sortKeyCondition;
        this.limit = b.limit;
        this.exclusiveStartKey = b.exclusiveStartKey == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.exclusiveStartKey));
        this.scanIndexForward = b.scanIndexForward;
        this.consistentRead = b.consistentRead;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String table() {
        return table;
    }

    /** Whether this is a scan (no partition key given). */
    public boolean isScan() {
        return partitionKeyName == null;
    }

    public String partitionKeyName() {
        return partitionKeyName;
    }

    public AttributeValue partitionKeyValue() {
        return partitionKeyValue;
    }

    public Optional<String> sortKeyName() {
        return Optional.ofNullable(sortKeyName);
    }

    public Optional<SortKeyCondition> sortKeyCondition() {
        return Optional.ofNullable(sortKeyCondition);
    }

    /** The most items on one page (0 means the store's own page size). */
    public int limit() {
        return limit;
    }

    /** Where the previous page ended ({@link ItemPage#lastEvaluatedKey()}). */
    public Optional<Map<String, AttributeValue>> exclusiveStartKey() {
        return Optional.ofNullable(exclusiveStartKey);
    }

    /** Ascending sort-key order when true (the default). */
    public boolean scanIndexForward() {
        return scanIndexForward;
    }

    public boolean consistentRead() {
        return consistentRead;
    }

    public Builder toBuilder() {
        Builder b = builder().table(table).limit(limit).exclusiveStartKey(exclusiveStartKey)
                .scanIndexForward(scanIndexForward).consistentRead(consistentRead);
        b.partitionKeyName = partitionKeyName;
        b.partitionKeyValue = partitionKeyValue;
        b.sortKeyName = sortKeyName;
        b.sortKeyCondition = sortKeyCondition;
        return b;
    }

    @Override
    public String toString() {
        return "QueryRequest(" + table + (isScan() ? ", scan" : ", " + partitionKeyName + "=" + partitionKeyValue)
                + (sortKeyCondition == null ? "" : ", " + sortKeyCondition) + ", limit=" + limit + ")";
    }

    /**
     * Builder of {@link QueryRequest}. Only the table is required; leaving out
     * {@code partitionKey} makes a scan. The next page is the same request rebuilt with
     * the page's last key, hence {@link QueryRequest#toBuilder()}.
     *
     * <pre>{@code
     * QueryRequest newest = QueryRequest.builder()
     *         .table("documents")
     *         .partitionKey("pk", AttributeValue.fromS("DOC#1"))
     *         .scanIndexForward(false)
     *         .limit(1)
     *         .build();
     * QueryRequest next = first.toBuilder()
     *         .exclusiveStartKey(page.lastEvaluatedKey().orElseThrow())
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String table;
        private String partitionKeyName;
        private AttributeValue partitionKeyValue;
        private String sortKeyName;
        private SortKeyCondition sortKeyCondition;
        private int limit;
        private Map<String, AttributeValue> exclusiveStartKey;
        private boolean scanIndexForward = true;
        private boolean consistentRead;

        private Builder() {
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder partitionKey(String name, AttributeValue value) {
            this.partitionKeyName = Objects.requireNonNull(name, "name");
            this.partitionKeyValue = Objects.requireNonNull(value, "value");
            return this;
        }

        public Builder sortKey(String name, SortKeyCondition condition) {
            this.sortKeyName = Objects.requireNonNull(name, "name");
            this.sortKeyCondition = condition;
            return this;
        }

        public Builder limit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0, was " + limit);
            }
            this.limit = limit;
            return this;
        }

        public Builder exclusiveStartKey(Map<String, AttributeValue> key) {
            this.exclusiveStartKey = key;
            return this;
        }

        public Builder scanIndexForward(boolean forward) {
            this.scanIndexForward = forward;
            return this;
        }

        public Builder consistentRead(boolean consistentRead) {
            this.consistentRead = consistentRead;
            return this;
        }

        public QueryRequest build() {
            return new QueryRequest(this);
        }
    }
}
