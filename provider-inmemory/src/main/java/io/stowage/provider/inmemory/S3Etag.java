package io.stowage.provider.inmemory;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes an etag as S3 does, fed in chunks: the MD5 of the content for a single
 * upload, or, at or above the multipart threshold, the MD5 of the concatenated binary
 * MD5s of the parts followed by {@code -N} (the number of parts).
 *
 * <p>Both digests run while the size is below the threshold, because a stream of unknown
 * length only reveals at its end which of the two S3 would have produced.
 *
 * <pre>{@code
 * S3Etag etag = new S3Etag(10L << 20, 8L << 20);
 * etag.update(chunk, 0, n);          // as many times as needed
 * String value = etag.finish();      // "9b2cf535f27731c974343645a3985328-4"
 * }</pre>
 */
final class S3Etag {

    /** S3's limit on the number of parts of one upload. */
    static final int MAX_PARTS = 10_000;

    private final long threshold;
    private final long partSize;
    private final MessageDigest whole = md5();
    private final MessageDigest part = md5();
    private final ByteArrayOutputStream partDigests = new ByteArrayOutputStream();
    private long total;
    private long inPart;
    private int parts;

    S3Etag(long threshold, long partSize) {
        if (threshold < 1 || partSize < 1) {
            throw new IllegalArgumentException("threshold and partSize must be positive");
        }
        this.threshold = threshold;
        this.partSize = partSize;
    }

    /** Feeds the next {@code len} bytes of the content. */
    void update(byte[] bytes, int off, int len) {
        if (total + len < threshold) {
            whole.update(bytes, off, len);
        }
        total += len;
        int offset = off;
        int remaining = len;
        while (remaining > 0) {
            int n = (int) Math.min(remaining, partSize - inPart);
            part.update(bytes, offset, n);
            inPart += n;
            offset += n;
            remaining -= n;
            if (inPart == partSize) {
                endPart();
            }
        }
    }

    /** Whether the content fed so far is large enough to be uploaded in parts. */
    boolean isMultipart() {
        return total >= threshold;
    }

    /** The number of parts so far (counting a partial last part). */
    int partCount() {
        return parts + (inPart > 0 ? 1 : 0);
    }

    /** The etag, without quotes. Call once, after the last {@link #update}. */
    String finish() {
        if (!isMultipart()) {
            return hex(whole.digest());
        }
        if (inPart > 0) {
            endPart();
        }
        return hex(md5().digest(partDigests.toByteArray())) + "-" + parts;
    }

    private void endPart() {
        byte[] digest = part.digest();
        partDigests.write(digest, 0, digest.length);
        parts++;
        inPart = 0;
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has MD5", e);
        }
    }
}
