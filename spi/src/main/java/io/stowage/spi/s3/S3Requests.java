package io.stowage.spi.s3;

import java.time.Duration;

/**
 * S3's limits on requests, and the checks of a request's arguments that every S3 provider
 * makes before it calls its client.
 *
 * <pre>{@code
 * S3Requests.requireBucket(bucket);
 * int pageSize = S3Requests.listPageSize(maxKeys);
 * }</pre>
 */
public final class S3Requests {

    /** The most keys one ListObjectsV2 answer holds. */
    public static final int MAX_LIST_KEYS = 1000;
    /** S3's limit on object keys, in UTF-8 bytes (longer ones get KeyTooLongError). */
    public static final int MAX_KEY_BYTES = 1024;
    /** SigV4 presigned URLs live at most seven days. */
    public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

    private S3Requests() {
    }

    /**
     * Refuses a null or blank bucket name.
     *
     * @throws IllegalArgumentException when the name is null or blank
     */
    public static void requireBucket(String bucket) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be empty");
        }
    }

    /**
     * Refuses a presign expiry SigV4 cannot sign: none, under one second, or over seven days.
     *
     * @throws IllegalArgumentException naming the expiry given
     */
    public static void requirePresignExpiry(Duration expiry) {
        if (expiry == null || expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
            throw new IllegalArgumentException("Presign expiry must be between 1 second and 7 days, was " + expiry);
        }
    }

    /** The page size to ask for: {@code maxKeys}, or S3's maximum when it is not positive or above it. */
    public static int listPageSize(int maxKeys) {
        return maxKeys <= 0 ? MAX_LIST_KEYS : Math.min(maxKeys, MAX_LIST_KEYS);
    }
}
