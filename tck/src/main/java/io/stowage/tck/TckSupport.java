package io.stowage.tck;

import io.stowage.PresignedUpload;
import io.stowage.spi.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Helpers shared by the suites: waiting on futures with a bound, telling a failed future
 * from a thrown exception, and deterministic test data that can be regenerated at any
 * offset (so multi-megabyte contents are compared without being kept twice).
 *
 * <pre>{@code
 * byte[] data = TckSupport.pattern(1024, 7L);
 * StoreException e = TckSupport.failure(() -> store.getBytes(request), "getBytes of a missing key");
 * }</pre>
 */
final class TckSupport {

    /** Long enough for a multipart upload on a slow machine, short enough to fail a hung call visibly. */
    static final Duration WAIT = Duration.ofSeconds(120);

    private TckSupport() {
    }

    /**
     * Calls and waits for a future that must succeed. A synchronous throw is reported as a
     * contract breach: the SPI says every failure comes through the future.
     */
    static <T> T await(Supplier<CompletableFuture<T>> call, String what) {
        CompletableFuture<T> future = start(call, what);
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            throw new AssertionError(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + " did not complete within " + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " was interrupted", e);
        }
    }

    /** Calls and waits for a future that must fail with a {@link StoreException}; returns it. */
    static StoreException failure(Supplier<? extends CompletableFuture<?>> call, String what) {
        return failure(call, what, WAIT);
    }

    static StoreException failure(Supplier<? extends CompletableFuture<?>> call, String what, Duration wait) {
        CompletableFuture<?> future = start(call, what);
        Object result;
        try {
            result = future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof StoreException) {
                return (StoreException) cause;
            }
            throw new AssertionError(what + " failed with " + cause + " instead of a StoreException", cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + " should have failed, but had not completed after " + wait.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " was interrupted", e);
        }
        throw new AssertionError(what + " should have failed, but completed with " + describe(result));
    }

    private static <F extends CompletableFuture<?>> F start(Supplier<F> call, String what) {
        F future;
        try {
            future = call.get();
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + " threw " + e + " instead of failing its future (the SPI's contract)", e);
        }
        if (future == null) {
            throw new AssertionError(what + " returned null instead of a future");
        }
        return future;
    }

    static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Object result) {
        if (result instanceof byte[]) {
            return ((byte[]) result).length + " bytes";
        }
        return String.valueOf(result);
    }

    /** The byte at {@code position} of the pattern named by {@code seed}: any offset can be regenerated. */
    static byte patternByte(long seed, long position) {
        long z = (seed * 0x9E3779B97F4A7C15L) + (position >>> 3) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (byte) (z >>> ((position & 7) * 8));
    }

    static byte[] pattern(int size, long seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = patternByte(seed, i);
        }
        return data;
    }

    /** Writes the pattern to a file in 1 MiB chunks, never holding it whole. */
    static Path patternFile(Path dir, String name, long size, long seed) {
        Path file = dir.resolve(name);
        try (InputStream in = new PatternInputStream(size, seed, -1); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** S3's form of a CRC32C ({@code x-amz-checksum-crc32c}): base64 of the four big-endian bytes. */
    static String crc32cBase64(byte[] data) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(data);
        return java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] sha256(InputStream in) throws IOException {
        MessageDigest digest = digest("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    static byte[] patternSha256(long size, long seed) {
        try (InputStream in = new PatternInputStream(size, seed, -1)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("MD5").digest(data));
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every JDK", e);
        }
    }

    /** Compares two arrays and reports the first difference, not megabytes of hex. */
    static void assertSameBytes(byte[] expected, byte[] actual, String what) {
        if (actual == null) {
            throw new AssertionError(what + ": got null instead of " + expected.length + " bytes");
        }
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError(what + ": byte " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (lengths: expected " + expected.length + ", actual " + actual.length + ")");
            }
        }
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length + " bytes, got " + actual.length);
        }
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The pattern as a stream of {@code size} bytes that throws an {@link IOException} when it
     * reaches {@code failAt} (never, when -1), and remembers whether it was closed.
     */
    static final class PatternInputStream extends InputStream {
        private final long size;
        private final long seed;
        private final long failAt;
        private long position;
        private volatile boolean closed;

        PatternInputStream(long size, long seed, long failAt) {
            this.size = size;
            this.seed = seed;
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("TCK stream read after close");
            }
            if (failAt >= 0 && position >= failAt) {
                throw new IOException("TCK: the source stream broke at byte " + position + " (on purpose)");
            }
            if (len == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            long limit = failAt >= 0 ? Math.min(size, failAt) : size;
            int n = (int) Math.min(len, Math.max(1, limit - position));
            for (int i = 0; i < n; i++) {
                b[off + i] = patternByte(seed, position + i);
            }
            position += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }

        boolean isClosed() {
            return closed;
        }
    }

    /** PUTs {@code body} as a browser would: the upload's URL, method and every one of its headers. */
    static HttpResponse<String> putDirectly(PresignedUpload upload, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(upload.uri()).timeout(Duration.ofSeconds(60));
        upload.headers().forEach(put::header);
        return HttpClient.newHttpClient().send(put.method(upload.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
