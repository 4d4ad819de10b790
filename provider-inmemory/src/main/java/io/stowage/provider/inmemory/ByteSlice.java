package io.stowage.provider.inmemory;

import io.stowage.spi.BlobId;
import io.stowage.spi.ByteRange;

/**
 * The part of an object a read returns: the whole of it, or a {@link ByteRange} resolved
 * against its size as S3 resolves {@code Range} headers (an end past the object is cut
 * to its last byte; a start past it is refused, like S3's 416).
 *
 * <pre>{@code
 * ByteSlice s = ByteSlice.of(id, ByteRange.of(10, 19), object.size());  // offset 10, length 10
 * }</pre>
 */
final class ByteSlice {

    private final int offset;
    private final int length;

    private ByteSlice(int offset, int length) {
        this.offset = offset;
        this.length = length;
    }

    static ByteSlice whole(long size) {
        return new ByteSlice(0, (int) size);
    }

    /** Resolves {@code range} (or the whole object when it is {@code null}) against {@code size}. */
    static ByteSlice of(BlobId id, ByteRange range, long size) {
        if (range == null) {
            return whole(size);
        }
        if (range.first() >= size) {
            throw Failures.invalid("Range " + range + " starts at or after the end of '" + id.key() + "' ("
                    + size + " bytes) in bucket '" + id.bucket() + "'; ask for a range inside the object")
                    .withBucket(id.bucket()).withKey(id.key());
        }
        long last = range.last() == -1 || range.last() >= size ? size - 1 : range.last();
        return new ByteSlice((int) range.first(), (int) (last - range.first() + 1));
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    /** The last byte included, for {@code Content-Range}. */
    long last() {
        return (long) offset + length - 1;
    }
}
