package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 64 MiB object goes up in parts and comes down to a file without the heap ever
 * holding it. The server keeps objects on disk here: s3proxy's in-memory store would put
 * the object in this very heap and hide what the client does. It runs in a JVM of its own
 * with {@code -Xmx256m} (the pom's {@code small-heap} execution), so holding several
 * copies would fail on its own; the live heap
 * (sampled after forced collections) must moreover grow by far less than the object.
 */
@Tag("small-heap")
class LargeObjectStreamingTest {

    private static final long SIZE = 64L * 1024 * 1024;
    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path dir;

    private static S3ProxyServer server;
    private static S3BlobStore store;
    private static String bucket;
    private static Path source;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.startOnDisk(dir.resolve("s3proxy-data"));
        store = S3ProxyStores.store(server);
        bucket = S3ProxyServer.uniqueBucketName("large");
        store.createBucket(bucket, null).join();
        source = dir.resolve("source.bin");
        S3BlobStoreTest.writeFile(source, SIZE, 64);
        // Warm up clients, class caches and thread pools (stream and multipart paths), so
        // that their one-time cost does not count as growth of the first test measured.
        Path warm = dir.resolve("warm.bin");
        S3BlobStoreTest.writeFile(warm, 11 * MIB, 1);
        try (InputStream in = Files.newInputStream(warm)) {
            store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "warm-up")).build(),
                    BlobContent.fromStream(in, 11 * MIB)).join();
        }
        store.getToFile(GetBlobRequest.of(BlobId.of(bucket, "warm-up")), dir.resolve("warm.back")).join();
    }

    @AfterAll
    static void stop() {
        store.close();
        server.close();
    }

    @Test
    void uploadFromPathIsMultipartAndStreams() throws Exception {
        BlobId id = BlobId.of(bucket, "large/from-path.bin");
        Measured<BlobInfo> up = measure("upload from path", () -> store.put(PutBlobRequest.builder().id(id).build(),
                BlobContent.fromPath(source)).join());

        assertThat(up.value.size()).isEqualTo(SIZE);
        // 64 MiB in 8 MiB parts: S3's multipart etag, md5 of the part md5s, dash, part count.
        assertThat(up.value.etag()).matches("[0-9a-f]{32}-8");
        assertThat(up.growth).as("live heap growth during a 64 MiB upload from a file: %d MiB", up.growth / MIB)
                .isLessThan(16 * MIB);

        Path target = dir.resolve("download/from-path.bin");
        Measured<BlobInfo> down = measure("download to file", () -> store.getToFile(GetBlobRequest.of(id), target).join());
        assertThat(down.value.etag()).isEqualTo(up.value.etag());
        assertThat(Files.mismatch(source, target)).isEqualTo(-1L);
        assertThat(down.growth).as("live heap growth during a 64 MiB download: %d MiB", down.growth / MIB)
                .isLessThan(16 * MIB);
    }

    @Test
    void uploadFromStreamOfKnownLengthStreams() throws Exception {
        BlobId id = BlobId.of(bucket, "large/from-stream.bin");
        Measured<BlobInfo> up;
        try (InputStream in = Files.newInputStream(source)) {
            up = measure("upload from stream", () -> store.put(PutBlobRequest.builder().id(id).build(),
                    BlobContent.fromStream(in, SIZE)).join());
        }
        assertThat(up.value.size()).isEqualTo(SIZE);
        assertThat(up.value.etag()).matches("[0-9a-f]{32}-8");
        // A stream cannot be re-read, so up to two parts (16 MiB) may wait in memory.
        assertThat(up.growth).as("live heap growth during a 64 MiB upload from a stream: %d MiB", up.growth / MIB)
                .isLessThan(32 * MIB);

        try (InputStream back = store.getStream(GetBlobRequest.of(id)).join();
             InputStream expected = Files.newInputStream(source)) {
            assertSameContent(expected, back);
        }
    }

    @Test
    void uploadFromStreamOfUnknownLengthStreams() throws Exception {
        BlobId id = BlobId.of(bucket, "large/unknown-length.bin");
        Measured<BlobInfo> up;
        try (InputStream in = Files.newInputStream(source)) {
            up = measure("upload of unknown length", () -> store.put(PutBlobRequest.builder().id(id).build(),
                    BlobContent.fromStream(in, -1)).join());
        }
        assertThat(up.value.size()).isEqualTo(SIZE);
        assertThat(up.value.etag()).matches("[0-9a-f]{32}-8");
        assertThat(up.growth).as("live heap growth during a 64 MiB upload of unknown length: %d MiB", up.growth / MIB)
                .isLessThan(32 * MIB);
    }

    private static void assertSameContent(InputStream expected, InputStream actual) throws Exception {
        byte[] a = new byte[64 * 1024];
        byte[] b = new byte[64 * 1024];
        long offset = 0;
        while (true) {
            int n = expected.readNBytes(a, 0, a.length);
            int m = actual.readNBytes(b, 0, n == 0 ? 1 : n);
            assertThat(m).as("bytes at offset %d", offset).isEqualTo(n);
            if (n == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                if (a[i] != b[i]) {
                    throw new AssertionError("content differs at offset " + (offset + i));
                }
            }
            offset += n;
        }
    }

    /** A result and how much the live heap grew while it was computed. */
    private static final class Measured<T> {
        final T value;
        final long growth;

        Measured(T value, long growth) {
            this.value = value;
            this.growth = growth;
        }
    }

    /**
     * Runs {@code work} while a sampler forces a collection every 100 ms and records the
     * heap in use right after it: the live set, not the garbage a young collection would
     * have cleared anyway. The growth is the peak of those samples over the baseline.
     */
    private static <T> Measured<T> measure(String what, Callable<T> work) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                System.gc();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        T value;
        try {
            value = work.call();
        } finally {
            done.set(true);
            sampler.join();
        }
        long growth = peak.get() - baseline;
        System.out.printf("heap during %s: baseline %d MiB, peak live %d MiB, growth %d MiB%n",
                what, baseline / MIB, peak.get() / MIB, growth / MIB);
        return new Measured<>(value, growth);
    }
}
