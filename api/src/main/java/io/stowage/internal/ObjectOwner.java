package io.stowage.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The item attribute an object belongs to: table, partition and sort key as text, and
 * attribute. Every object Stowage uploads names its owner in its back-link metadata, and
 * Stowage deletes an object only through its owner. Internal, not API.
 *
 * <pre>{@code
 * ObjectOwner owner = new ObjectOwner("documents", "DOC#1", "v1", "content");
 * boolean mine = ObjectOwner.fromMetadata(head.userMetadata()).map(owner::equals).orElse(false);
 * }</pre>
 */
public final class ObjectOwner {

    private final String table;
    private final String partitionKey;
    private final String sortKey;
    private final String attribute;

    public ObjectOwner(String table, String partitionKey, String sortKey, String attribute) {
        this.table = Objects.requireNonNull(table, "table");
        this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
        this.sortKey = sortKey;
        this.attribute = Objects.requireNonNull(attribute, "attribute");
    }

    /** The owner an object's back-link names, or empty when it has none (not uploaded by Stowage). */
    public static Optional<ObjectOwner> fromMetadata(Map<String, String> metadata) {
        String table = metadata.get(ObjectMetadata.TABLE);
        String pk = metadata.get(ObjectMetadata.PARTITION_KEY);
        String attribute = metadata.get(ObjectMetadata.ATTRIBUTE);
        if (table == null || pk == null || attribute == null) {
            return Optional.empty();
        }
        return Optional.of(new ObjectOwner(table, pk, metadata.get(ObjectMetadata.SORT_KEY), attribute));
    }

    public String table() {
        return table;
    }

    public String partitionKey() {
        return partitionKey;
    }

    public Optional<String> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    public String attribute() {
        return attribute;
    }

    /** The same item, another attribute. */
    public ObjectOwner withAttribute(String other) {
        return new ObjectOwner(table, partitionKey, sortKey, other);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ObjectOwner)) {
            return false;
        }
        ObjectOwner other = (ObjectOwner) o;
        return table.equals(other.table) && partitionKey.equals(other.partitionKey) && Objects.equals(sortKey, other.sortKey)
                && attribute.equals(other.attribute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, partitionKey, sortKey, attribute);
    }

    @Override
    public String toString() {
        return table + "[" + partitionKey + (sortKey == null ? "" : ", " + sortKey) + "]." + attribute;
    }
}
