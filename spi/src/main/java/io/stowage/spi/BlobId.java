package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an object lives: bucket, key and, optionally, the region of the bucket
 * (when it differs from the store's).
 *
 * <pre>{@code
 * BlobId id = BlobId.of("company-docs", "documents/DOC/1/v1/report.pdf").withRegion("eu-west-1");
 * }</pre>
 */
public final class BlobId {

    private final String bucket;
    private final String key;
    private final String region;

    private BlobId(String bucket, String key, String region) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("BlobId: bucket must not be empty (key=" + key + ")");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("BlobId: key must not be empty (bucket=" + bucket + ")");
        }
        this.bucket = bucket;
        this.key = key;
        this.region = region == null || region.isEmpty() ? null : region;
    }

    public static BlobId of(String bucket, String key) {
        return new BlobId(bucket, key, null);
    }

    public static BlobId of(String bucket, String key, String region) {
        return new BlobId(bucket, key, region);
    }

    public BlobId withRegion(String region) {
        return new BlobId(bucket, key, region);
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BlobId)) {
            return false;
        }
        BlobId b = (BlobId) o;
        return bucket.equals(b.bucket) && key.equals(b.key) && Objects.equals(region, b.region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, region);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key + (region == null ? "" : " (" + region + ")");
    }
}
