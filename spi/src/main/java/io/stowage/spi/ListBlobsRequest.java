package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing: the objects of a bucket whose key starts with a prefix, in key
 * order, from a continuation token. {@code maxKeys} of 0 asks for the store's page size
 * (S3: 1,000, also the most it returns).
 *
 * <pre>{@code
 * BlobPage page = store.list(ListBlobsRequest.builder().bucket("company-docs").prefix("documents/").build()).join();
 * while (page.nextToken().isPresent()) {
 *     page = store.list(ListBlobsRequest.builder().bucket("company-docs").prefix("documents/")
 *             .continuationToken(page.nextToken().get()).build()).join();
 * }
 * }</pre>
 */
public final class ListBlobsRequest {

    private final String bucket;
    private final String region;
    private final String prefix;
    private final String continuationToken;
    private final int maxKeys;

    private ListBlobsRequest(Builder b) {
        this.bucket = Objects.requireNonNull(b.bucket, "bucket");
        this.region = b.region == null || b.region.isEmpty() ? null : b.region;
        this.prefix = b.prefix == null ? "" : b.prefix;
        this.continuationToken = b.continuationToken == null || b.continuationToken.isEmpty() ? null : b.continuationToken;
        if (b.maxKeys < 0) {
            throw new IllegalArgumentException("maxKeys must be 0 (the store's page size) or more, was " + b.maxKeys);
        }
        this.maxKeys = b.maxKeys;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bucket() {
        return bucket;
    }

    /** The bucket's region, when it differs from the store's. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The key prefix; empty for the whole bucket. */
    public String prefix() {
        return prefix;
    }

    /** The previous page's {@link BlobPage#nextToken()}, or empty for the first page. */
    public Optional<String> continuationToken() {
        return Optional.ofNullable(continuationToken);
    }

    /** The most objects to return; 0 for the store's page size. */
    public int maxKeys() {
        return maxKeys;
    }

    /** The same listing from the next page on. */
    public ListBlobsRequest next(String token) {
        return builder().bucket(bucket).region(region).prefix(prefix).maxKeys(maxKeys).continuationToken(token).build();
    }

    @Override
    public String toString() {
        return "ListBlobsRequest(s3://" + bucket + "/" + prefix + (region == null ? "" : " (" + region + ")")
                + (continuationToken == null ? "" : ", continued") + (maxKeys == 0 ? "" : ", maxKeys=" + maxKeys) + ")";
    }

    /**
     * Builder of {@link ListBlobsRequest}; only the bucket is required.
     *
     * <pre>{@code
     * ListBlobsRequest.builder().bucket("company-docs").prefix("documents/DOC/").maxKeys(100).build();
     * }</pre>
     */
    public static final class Builder {
        private String bucket;
        private String region;
        private String prefix;
        private String continuationToken;
        private int maxKeys;

        private Builder() {
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder continuationToken(String token) {
            this.continuationToken = token;
            return this;
        }

        public Builder maxKeys(int maxKeys) {
            this.maxKeys = maxKeys;
            return this;
        }

        public ListBlobsRequest build() {
            return new ListBlobsRequest(this);
        }
    }
}
