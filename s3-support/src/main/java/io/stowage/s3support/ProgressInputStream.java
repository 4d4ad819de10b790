package io.stowage.s3support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Tells {@code progress} the bytes read through it so far: the upload progress of a client
 * library that has no transfer events of its own (the bytes are read as they are sent). What
 * the listener throws is ignored: a report never breaks the transfer it reports.
 *
 * <pre>{@code
 * InputStream in = ProgressInputStream.wrap(Files.newInputStream(path), request.progress().orElse(null));
 * }</pre>
 */
public final class ProgressInputStream extends FilterInputStream {

    private final LongConsumer progress;
    private long count;
    private long mark;

    private ProgressInputStream(InputStream in, LongConsumer progress) {
        super(in);
        this.progress = progress;
    }

    /** {@code in} itself when there is no one to tell. */
    public static InputStream wrap(InputStream in, LongConsumer progress) {
        return progress == null ? in : new ProgressInputStream(in, progress);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            advance(skipped);
        }
        return skipped;
    }

    @Override
    public synchronized void mark(int readlimit) {
        super.mark(readlimit);
        mark = count;
    }

    @Override
    public synchronized void reset() throws IOException {
        super.reset();
        // Re-read bytes are counted again from where they were: the count follows the stream.
        count = mark;
    }

    private void advance(long n) {
        count += n;
        try {
            progress.accept(count);
        } catch (RuntimeException ignored) {
            // A progress report never breaks the transfer it reports.
        }
    }
}
