package io.stowage;

import java.util.Optional;

/**
 * What a {@link KeyLayout} may use to name an object: table, attribute, prefix, the
 * item's keys as text, and the file name.
 *
 * <pre>{@code
 * KeyContext ctx = KeyContext.builder().table("documents").attribute("content")
 *         .prefix("docs/").partitionKey("DOC#1").sortKey("v1").filename("report.pdf").build();
 * KeyLayout.defaultLayout().objectKey(ctx);   // "docs/DOC/1/v1/report.pdf"
 * }</pre>
 */
public final class KeyContext {

    private final String table;
    private final String attribute;
    private final String bucket;
    private final String prefix;
    private final String partitionKey;
    private final String sortKey;
    private final String filename;

    private KeyContext(Builder b) {
        this.table = b.table;
        this.attribute = b.attribute;
        this.bucket = b.bucket;
        this.prefix = b.prefix == null ? "" : b.prefix;
        if (b.partitionKey == null || b.filename == null) {
            throw new StowageException("KeyContext needs a partitionKey and a filename; the builder has "
                    + (b.partitionKey == null ? "no partitionKey" : "no filename"));
        }
        this.partitionKey = b.partitionKey;
        this.sortKey = b.sortKey;
        this.filename = b.filename;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String table() {
        return table;
    }

    public String attribute() {
        return attribute;
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    /** The partition key value as text (numbers in plain decimal, binaries in base64url). */
    public String partitionKey() {
        return partitionKey;
    }

    /** The sort key value as text, when the model has a sort key. */
    public Optional<String> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    public String filename() {
        return filename;
    }

    @Override
    public String toString() {
        return "KeyContext(table=" + table + ", attribute=" + attribute + ", prefix=" + prefix + ", pk=" + partitionKey
                + ", sk=" + sortKey + ", filename=" + filename + ")";
    }

    /**
     * Builder of {@link KeyContext}. Stowage builds these itself; tests build them to check
     * a custom {@link KeyLayout} without saving anything. The partition key and the file
     * name are required, since every layout needs them.
     *
     * <pre>{@code
     * KeyContext ctx = KeyContext.builder().prefix("docs/").partitionKey("DOC#1").filename("a.pdf").build();
     * assertEquals("docs/DOC/1/a.pdf", KeyLayout.defaultLayout().objectKey(ctx));
     * }</pre>
     */
    public static final class Builder {
        private String table;
        private String attribute;
        private String bucket;
        private String prefix;
        private String partitionKey;
        private String sortKey;
        private String filename;

        private Builder() {
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder attribute(String attribute) {
            this.attribute = attribute;
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder partitionKey(String partitionKey) {
            this.partitionKey = partitionKey;
            return this;
        }

        public Builder sortKey(String sortKey) {
            this.sortKey = sortKey;
            return this;
        }

        public Builder filename(String filename) {
            this.filename = filename;
            return this;
        }

        public KeyContext build() {
            return new KeyContext(this);
        }
    }
}
