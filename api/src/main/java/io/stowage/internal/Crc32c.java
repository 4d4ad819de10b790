package io.stowage.internal;

import io.stowage.s3support.S3Checksums;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

/**
 * Full-object CRC32C checksums as Stowage records them in the item ({@code "crc32c:" +}
 * base64 of the four big-endian bytes, the value S3 takes as {@code x-amz-checksum-crc32c}),
 * computed from bytes, from a file, or while a stream is read.
 *
 * <pre>{@code
 * String checksum = Crc32c.of("hello".getBytes(UTF_8));   // "crc32c:mnG7TA=="
 * Crc32c.Counting in = Crc32c.counting(stream);            // in.checksum() once read to the end
 * }</pre>
 */
public final class Crc32c {

    /** What the recorded value starts with: the algorithm, so that another may follow. */
    public static final String PREFIX = "crc32c:";

    private static final int BUFFER = 64 * 1024;

    private Crc32c() {
    }

    /** The recorded form of the checksum of {@code data}. */
    public static String of(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length);
        return format(crc.getValue());
    }

    /** The recorded form of the checksum of a file, read once in 64 KiB chunks. */
    public static String of(Path file) throws IOException {
        return of(file, () -> false);
    }

    /**
     * As {@link #of(Path)}, reading no further once {@code stop} says so (checked before each
     * chunk); {@code null} if it stopped.
     */
    private static String of(Path file, BooleanSupplier stop) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (stop.getAsBoolean()) {
                    return null;
                }
                crc.update(buffer, 0, n);
            }
        }
        return format(crc.getValue());
    }

    /**
     * The checksum of a file, computed on the API's I/O threads ({@link IoThreads}) so that an
     * asynchronous save does not read a large file on the caller's thread. Cancelling the
     * future stops the read at its next chunk: an upload that failed must not leave gigabytes
     * being read for a checksum nobody will record.
     */
    public static CompletableFuture<String> ofAsync(Path file) {
        CompletableFuture<String> result = new CompletableFuture<>();
        IoThreads.POOL.execute(() -> {
            try {
                String checksum = of(file, result::isDone);
                if (checksum != null) {
                    result.complete(checksum);
                }
            } catch (IOException e) {
                result.completeExceptionally(new CompletionException(new UncheckedIOException(e)));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(new CompletionException(e));
            }
        });
        return result;
    }

    /** Whether a recorded checksum is one this version computes and checks (CRC32C); others are left unchecked. */
    public static boolean isChecked(String recorded) {
        return base64(recorded) != null;
    }

    /** The base64 value S3 takes, without the algorithm prefix; {@code null} for another algorithm. */
    public static String base64(String recorded) {
        return recorded != null && recorded.startsWith(PREFIX) ? recorded.substring(PREFIX.length()) : null;
    }

    /** A stream that computes the checksum of what is read through it. */
    public static Counting counting(InputStream in) {
        return new Counting(in, -1);
    }

    /** A stream of {@code size} bytes that computes their checksum as they are read. */
    public static Counting counting(InputStream in, long size) {
        return new Counting(in, size);
    }

    static String format(long value) {
        return PREFIX + S3Checksums.crc32cBase64(value);
    }

    /**
     * Computes the checksum of the bytes read through it; {@link #checksum()} is known once
     * the stream has been read to its end.
     *
     * <pre>{@code
     * Crc32c.Counting in = Crc32c.counting(upload);
     * in.transferTo(out);
     * String checksum = in.checksum();
     * }</pre>
     */
    public static class Counting extends FilterInputStream {

        private final CRC32C crc = new CRC32C();
        private final long size;
        private long count;
        private boolean ended;
        private long markedAt = -1;
        private boolean givenUp;

        Counting(InputStream in, long size) {
            super(in);
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                finish();
            } else {
                crc.update(b);
                count++;
                finishAtSize();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                finish();
            } else {
                crc.update(b, off, n);
                count += n;
                finishAtSize();
            }
            return n;
        }

        /** A stream of known size is complete at its last byte: readers that stop there never see the end. */
        private void finishAtSize() throws IOException {
            if (size >= 0 && count == size) {
                finish();
            }
        }

        private void finish() throws IOException {
            if (!ended) {
                ended = true;
                end();
            }
        }

        /**
         * Marks pass to the stream under it, so that a client library can retry an upload. A
         * reset to the start starts the checksum again; a reset to the middle cannot be undone
         * in a CRC, so the checksum is then given up ({@link #checksum()} is {@code null})
         * rather than be wrong.
         */
        @Override
        public synchronized void mark(int readLimit) {
            markedAt = count;
            in.mark(readLimit);
        }

        @Override
        public synchronized void reset() throws IOException {
            in.reset();
            if (markedAt == 0) {
                crc.reset();
            } else {
                givenUp = true;
            }
            count = Math.max(markedAt, 0);
            ended = false;
        }

        @Override
        public long skip(long n) {
            // A skipped byte would be missing from the checksum.
            return 0;
        }

        @Override
        public boolean markSupported() {
            return in.markSupported();
        }

        /** Called once, when the end of the stream (or, for a stream of known size, its last byte) is reached. */
        protected void end() throws IOException {
        }

        /**
         * The checksum of everything read, or {@code null} when the stream was not read to its
         * end (or, for a stream of known size, not up to that size).
         */
        public String checksum() {
            return !givenUp && (ended || (size >= 0 && count == size)) ? format(crc.getValue()) : null;
        }

        /** The checksum of everything read so far, or {@code null} when a reset made it unknowable. */
        protected String checksumSoFar() {
            return givenUp ? null : format(crc.getValue());
        }
    }
}
