package io.stowage.provider.minio.internal;

/**
 * Part sizes for the MinIO client's uploads. The client has no threshold of its own: it
 * uploads in parts exactly when the object needs more than one part of the given size.
 * So below Stowage's multipart threshold the part size handed to it is the whole object
 * (one part, a plain PUT), and above it the configured part size, grown until the object
 * fits in S3's 10,000 parts.
 *
 * <pre>{@code
 * long part = PartSizes.clientPartSize(size, threshold, 8L << 20);
 * }</pre>
 */
public final class PartSizes {

    /** S3's limit on the number of parts of one upload. */
    public static final int MAX_PARTS = 10_000;
    /** S3's smallest part (all but the last). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3's largest part, and largest single PUT. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private PartSizes() {
    }

    /**
     * The part size for an object of {@code size} bytes ({@code -1} when unknown): the
     * configured one, or {@code ceil(size / 10,000)} when that is larger.
     */
    public static long partSizeFor(long size, long configured) {
        long base = Math.max(configured, MIN_PART_SIZE);
        if (size < 0) {
            return base;
        }
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(base, needed);
    }

    /**
     * The part size to give the MinIO client for an object of known {@code size}: one
     * part below the threshold (a single PUT), else {@link #partSizeFor}.
     */
    public static long clientPartSize(long size, long threshold, long configured) {
        if (size < threshold && size <= MAX_PART_SIZE) {
            return Math.max(size, MIN_PART_SIZE);
        }
        return Math.min(partSizeFor(size, configured), MAX_PART_SIZE);
    }
}
