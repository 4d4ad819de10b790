package io.stowage.provider.s3.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.stowage.spi.StoreException;

/**
 * An object's content stream whose failures are {@link IOException}s (caused by a
 * mapped {@link StoreException}), as readers of an {@code InputStream} expect, instead
 * of the SDK's unchecked exceptions.
 *
 * <pre>{@code
 * InputStream in = new StoreInputStream(responseStream, e -> errors.map(e, "getObject", bucket, key));
 * }</pre>
 */
public final class StoreInputStream extends FilterInputStream {

    /**
     * Turns a failure into the store exception to report.
     *
     * <pre>{@code
     * StoreInputStream.Mapper m = e -> errors.map(e, "getObject", bucket, key);
     * }</pre>
     */
    @FunctionalInterface
    public interface Mapper {
        StoreException map(RuntimeException failure);
    }

    private final Mapper mapper;

    public StoreInputStream(InputStream in, Mapper mapper) {
        super(in);
        this.mapper = mapper;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return super.available();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private IOException failure(RuntimeException e) {
        StoreException mapped = mapper.map(e);
        return new IOException(mapped.getMessage(), mapped);
    }
}
