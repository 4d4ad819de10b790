package io.stowage.provider.s3.internal;

/**
 * Part sizes for multipart uploads: S3 allows at most 10,000 parts, so the configured
 * part size grows for objects that would need more (a 5 TiB object then gets parts of
 * about 525 MiB).
 *
 * <pre>{@code
 * long part = PartSizes.partSizeFor(objectSize, 8L << 20);
 * }</pre>
 */
public final class PartSizes {

    /** S3's limit on the number of parts of one upload. */
    public static final int MAX_PARTS = 10_000;
    /** S3's smallest part (all but the last). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

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

    /** The number of parts an object of {@code size} bytes gets with parts of {@code partSize}. */
    public static long partCount(long size, long partSize) {
        return size == 0 ? 1 : (size + partSize - 1) / partSize;
    }
}
