package io.stowage.s3support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload stream held to its declared length. Given a content length, S3 clients (the
 * AWS SDK, the MinIO client) read exactly that many bytes and stop, so a longer stream
 * would be stored truncated; a shorter one fails with a message that names no cause. This
 * stream fails both with a {@link LengthMismatchException} <em>instead of</em> handing
 * over the last declared bytes, so the request body (or the last part of a multipart
 * upload) is never complete and nothing is stored: the single PUT is cut off, the
 * multipart upload is aborted.
 *
 * <pre>{@code
 * InputStream exact = new ExactLengthInputStream(callerStream, declaredLength);
 * }</pre>
 */
public final class ExactLengthInputStream extends FilterInputStream {

    private final long declared;
    private long remaining;

    public ExactLengthInputStream(InputStream in, long declared) {
        super(in);
        if (declared < 0) {
            throw new IllegalArgumentException("declared length must not be negative, was " + declared);
        }
        this.declared = declared;
        this.remaining = declared;
    }

    /**
     * Checks, without handing over any byte, that a stream declared empty is empty: a
     * client never reads the body of a zero-length upload, so the check must run before
     * it starts.
     */
    public void requireEmpty() throws IOException {
        if (declared == 0) {
            checkEnd();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            checkEnd();
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new LengthMismatchException("The upload stream ended after " + (declared - remaining)
                    + " bytes, short of its declared length of " + declared);
        }
        remaining -= n;
        if (remaining == 0) {
            // The client stops reading at the declared length: look one byte further now,
            // while the last bytes are still held back from the request.
            checkEnd();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would hide bytes from the length check; clients never skip an upload body.
        return 0;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        // A reset would replay bytes already counted against the declared length.
        return false;
    }

    private void checkEnd() throws IOException {
        if (in.read() >= 0) {
            throw new LengthMismatchException("The upload stream is longer than its declared length of " + declared
                    + " bytes");
        }
    }

    /**
     * An upload stream whose length differs from the declared one: the caller's input is wrong.
     *
     * <pre>{@code
     * throw new LengthMismatchException("The upload stream ended after 3000 bytes, short of 5000");
     * }</pre>
     */
    public static final class LengthMismatchException extends IOException {

        private static final long serialVersionUID = 1L;

        public LengthMismatchException(String message) {
            super(message);
        }
    }
}
