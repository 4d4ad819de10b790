package io.stowage.internal;

import io.stowage.spi.BlobId;
import io.stowage.spi.BlobStore;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ServerSideEncryption;

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
    private final ServerSideEncryption readKey;

    public BlobAccess(BlobStore store, String table, String attribute, String region) {
        this(store, table, attribute, region, null);
    }

    /** {@code readKey}: the SSE-C key every read of the attribute's objects sends, or {@code null}. */
    public BlobAccess(BlobStore store, String table, String attribute, String region, ServerSideEncryption readKey) {
        this.store = store;
        this.table = table;
        this.attribute = attribute;
        this.region = region;
        this.readKey = readKey;
    }

    /** A read of {@code bucket/key}, with the SSE-C key when the attribute has one. */
    public GetBlobRequest.Builder read(String bucket, String key) {
        return GetBlobRequest.builder().id(id(bucket, key)).encryption(readKey);
    }

    /** Whether the attribute's objects are encrypted with a customer key (SSE-C). */
    public boolean customerEncrypted() {
        return readKey != null;
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
