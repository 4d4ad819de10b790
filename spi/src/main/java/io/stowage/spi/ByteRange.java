package io.stowage.spi;

/**
 * An inclusive byte range, as in HTTP's {@code Range: bytes=first-last}.
 *
 * <pre>{@code
 * ByteRange firstKiB = ByteRange.of(0, 1023);
 * ByteRange tail = ByteRange.from(1024);
 * }</pre>
 */
public final class ByteRange {

    private final long first;
    private final long last;

    private ByteRange(long first, long last) {
        if (first < 0 || (last != -1 && last < first)) {
            throw new IllegalArgumentException("Invalid byte range " + first + "-" + (last == -1 ? "" : last));
        }
        this.first = first;
        this.last = last;
    }

    /** Bytes {@code first} to {@code last}, both included. */
    public static ByteRange of(long first, long last) {
        return new ByteRange(first, last);
    }

    /** Bytes from {@code first} to the end. */
    public static ByteRange from(long first) {
        return new ByteRange(first, -1);
    }

    public long first() {
        return first;
    }

    /** The last byte included, or -1 for "to the end". */
    public long last() {
        return last;
    }

    /** The header value, e.g. {@code bytes=0-1023}. */
    public String toHeader() {
        return "bytes=" + first + "-" + (last == -1 ? "" : Long.toString(last));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteRange && ((ByteRange) o).first == first && ((ByteRange) o).last == last;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(first) * 31 + Long.hashCode(last);
    }

    @Override
    public String toString() {
        return toHeader();
    }
}
