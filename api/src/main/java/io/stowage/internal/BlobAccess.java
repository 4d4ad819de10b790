package io.stowage.internal;

import io.stowage.spi.BlobId;
import io.stowage.spi.BlobStore;

/** A blob store as one attribute of one table sees it: for lazy reads and clear messages. */
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
