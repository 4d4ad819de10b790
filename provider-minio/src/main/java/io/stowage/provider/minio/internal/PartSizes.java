package io.stowage.provider.minio.internal;

import io.stowage.spi.s3.S3PartSizes;

/**
 * Part sizes for the MinIO client's uploads. The client has no threshold of its own: it
 * uploads in parts exactly when the object needs more than one part of the given size.
 * So below Stowage's multipart threshold the part size handed to it is the whole object
 * (one part, a plain PUT), and above it the configured part size, grown until the object
 * fits in S3's 10,000 parts ({@link S3PartSizes}).
 *
 * <pre>{@code
 * long part = PartSizes.clientPartSize(size, threshold, 8L << 20);
 * }</pre>
 */
public final class PartSizes {

    private PartSizes() {
    }

    /**
     * The part size to give the MinIO client for an object of known {@code size}: one
     * part below the threshold (a single PUT), else {@link S3PartSizes#partSizeFor}.
     */
    public static long clientPartSize(long size, long threshold, long configured) {
        if (size < threshold && size <= S3PartSizes.MAX_PART_SIZE) {
            return Math.max(size, S3PartSizes.MIN_PART_SIZE);
        }
        return Math.min(S3PartSizes.partSizeFor(size, configured), S3PartSizes.MAX_PART_SIZE);
    }
}
