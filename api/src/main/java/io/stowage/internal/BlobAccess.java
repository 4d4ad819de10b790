package io.stowage.internal;

import io.stowage.spi.BlobId;
import io.stowage.spi.BlobStore;

/**
 * A blob store as one attribute of one table sees it: for lazy reads and clear messages.
 * Internal, not API: public like its neighbours, though only this package uses it.
 *
 * <pre>{@code
 * BlobId id = new BlobAccess(blobStore, "documents", "content", null).id("company-docs", "docs/a.pdf");
 * }</pre>
 */
public final class BlobAccess {

    private final BlobStore store;
    private final String table;
    private final String attribute;
    private final String region;

    public BlobAccess(BlobStore store, String table, String attribute, String region) {
        this.store = store;
        this.table = table;
        this.attribute = attribute;
        this.region = region;
    }

    public BlobStore store() {
        return store;
    }

    public String table() {
        return table;
    }

    public String attribute() {
        return attribute;
    }

    public BlobId id(String bucket, String key) {
        return BlobId.of(bucket, key, region);
    }
}
