package io.stowage.s3support;

/**
 * S3's multipart limits and the part-size arithmetic they imply: an upload has at most
 * 10,000 parts, so the configured part size grows for objects that would need more (a
 * 5 TiB object then gets parts of about 525 MiB).
 *
 * <pre>{@code
 * long part = S3PartSizes.partSizeFor(objectSize, 8L << 20);
 * long parts = S3PartSizes.partCount(objectSize, part);
 * }</pre>
 */
public final class S3PartSizes {

    /** S3's limit on the number of parts of one upload. */
    public static final int MAX_PARTS = 10_000;
    /** S3's smallest part (all but the last). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3's largest part, and largest single PUT. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private S3PartSizes() {
    }

    /**
     * What is wrong with a multipart threshold and part size, or {@code null}: below
     * {@link #MIN_PART_SIZE}, S3 would refuse every part but the last.
     */
    public static String multipartProblem(long threshold, long partSize) {
        if (threshold < MIN_PART_SIZE || partSize < MIN_PART_SIZE) {
            return "the multipart threshold and the part size must be at least 5 MiB (S3's smallest part); were "
                    + threshold + " and " + partSize + "; set both to 5 MiB (5242880) or more";
        }
        if (partSize > MAX_PART_SIZE) {
            return "the part size must be at most 5 GiB (S3's largest part); was " + partSize + "; pass a smaller one";
        }
        return null;
    }

    /**
     * The part size for an object of {@code size} bytes ({@code -1} when unknown): the
     * configured one (at least {@link #MIN_PART_SIZE}), or {@code ceil(size / 10,000)}
     * when that is larger.
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
