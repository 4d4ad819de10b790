package io.stowage.provider.minio.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload stream held to its declared length. The MinIO client reads exactly the
 * declared number of bytes and stops, so a longer stream would be stored truncated and a
 * shorter one fail with a bare EOF; this stream fails both with a
 * {@link LengthMismatchException} before the last byte is handed over, so that nothing
 * is stored.
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
        this.declared = declared;
        this.remaining = declared;
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
            // The client stops reading at the declared length: look one byte further now, before it sends.
            checkEnd();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would hide bytes from the length check; the client never skips.
        return 0;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
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
