package io.stowage.provider.s3.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes read through it, so that an upload of unknown length knows its size
 * even when S3's answer does not say it.
 *
 * <pre>{@code
 * CountingInputStream in = new CountingInputStream(source);
 * upload(in).join();
 * long size = in.count();
 * }</pre>
 */
public final class CountingInputStream extends FilterInputStream {

    private final AtomicLong count = new AtomicLong();

    public CountingInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read so far. */
    public long count() {
        return count.get();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count.addAndGet(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count.addAndGet(skipped);
        return skipped;
    }

    /** Marking would make the count ambiguous; uploads never need it. */
    @Override
    public boolean markSupported() {
        return false;
    }
}
