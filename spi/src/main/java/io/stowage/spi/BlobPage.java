package io.stowage.spi;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing by prefix, in key order, with the token for the next page.
 *
 * <pre>{@code
 * BlobPage page = blobStore.list("company-docs", "documents/", null, 1000).join();
 * page.blobs().forEach(b -> System.out.println(b.id().key()));
 * }</pre>
 */
public final class BlobPage {

    private final List<BlobInfo> blobs;
    private final String nextToken;

    private BlobPage(List<BlobInfo> blobs, String nextToken) {
        this.blobs = List.copyOf(blobs);
        this.nextToken = nextToken;
    }

    public static BlobPage of(List<BlobInfo> blobs, String nextToken) {
        return new BlobPage(blobs, nextToken);
    }

    public List<BlobInfo> blobs() {
        return blobs;
    }

    /** The continuation token; empty on the last page. */
    public Optional<String> nextToken() {
        return Optional.ofNullable(nextToken);
    }

    @Override
    public String toString() {
        return "BlobPage(" + blobs.size() + " blobs, more=" + (nextToken != null) + ")";
    }
}
