package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A table's name and primary key: a partition key and an optional sort key.
 *
 * <pre>{@code
 * TableDefinition documents = TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.S);
 * }</pre>
 */
public final class TableDefinition {

    private final String tableName;
    private final String partitionKey;
    private final KeyType partitionKeyType;
    private final String sortKey;
    private final KeyType sortKeyType;

    private TableDefinition(String tableName, String partitionKey, KeyType partitionKeyType, String sortKey, KeyType sortKeyType) {
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
        this.partitionKeyType = Objects.requireNonNull(partitionKeyType, "partitionKeyType");
        this.sortKey = sortKey;
        this.sortKeyType = sortKey == null ? null : Objects.requireNonNull(sortKeyType, "sortKeyType");
    }

    /** A table with a partition key only. */
    public static TableDefinition of(String tableName, String partitionKey, KeyType partitionKeyType) {
        return new TableDefinition(tableName, partitionKey, partitionKeyType, null, null);
    }

    /** A table with a partition key and a sort key. */
    public static TableDefinition of(String tableName, String partitionKey, KeyType partitionKeyType,
                                     String sortKey, KeyType sortKeyType) {
        return new TableDefinition(tableName, partitionKey, partitionKeyType, sortKey, sortKeyType);
    }

    public String tableName() {
        return tableName;
    }

    public String partitionKey() {
        return partitionKey;
    }

    public KeyType partitionKeyType() {
        return partitionKeyType;
    }

    public Optional<String> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    public Optional<KeyType> sortKeyType() {
        return Optional.ofNullable(sortKeyType);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableDefinition)) {
            return false;
        }
        TableDefinition t = (TableDefinition) o;
        return tableName.equals(t.tableName) && partitionKey.equals(t.partitionKey) && partitionKeyType == t.partitionKeyType
                && Objects.equals(sortKey, t.sortKey) && sortKeyType == t.sortKeyType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tableName, partitionKey, sortKey);
    }

    @Override
    public String toString() {
        return "TableDefinition(" + tableName + ", pk=" + partitionKey + ":" + partitionKeyType
                + (sortKey == null ? "" : ", sk=" + sortKey + ":" + sortKeyType) + ")";
    }
}
