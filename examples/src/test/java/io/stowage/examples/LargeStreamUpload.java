package io.stowage.examples;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.spi.Credentials;
import io.stowage.tck.model.TckDocument;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;

/**
 * Saves a stream of unknown length, generated as it is read (never held), through one blob
 * store provider, and reads it back as a stream; prints the stored size and etag, the bytes
 * read and the peak heap in use (sampled). {@link LargeStreamInSmallHeapTest} runs it in a JVM of its own
 * with {@code -Xmx128m}.
 *
 * <pre>{@code
 * java -Xmx128m -cp ... io.stowage.examples.LargeStreamUpload s3 http://127.0.0.1:9000 KEY SECRET bucket 1073741824
 * }</pre>
 */
public final class LargeStreamUpload {

    private LargeStreamUpload() {
    }

    public static void main(String[] args) throws Exception {
        sampleHeap();
        String provider = args[0];
        URI endpoint = URI.create(args[1]);
        Credentials keys = Credentials.basic(args[2], args[3]);
        String bucket = args[4];
        long size = Long.parseLong(args[5]);
        StowageConfig config = StowageConfig.builder().blobStoreProvider(provider).itemStoreProvider("inmemory")
                .blobStore(s -> s.endpoint(endpoint).region("us-east-1").credentials(keys))
                .build();
        try (Stowage stowage = Stowage.builder().config(config).build()) {
            stowage.syncCreateBucketIfMissing(bucket);
            Table<TckDocument> table = stowage.table(TckDocument.flatSchema("large-streams", bucket));
            table.syncCreateTableIfMissing();
            TckDocument doc = new TckDocument();
            doc.pk = "BIG#" + provider;
            doc.content = S3File.of(new GeneratedStream(size), "large.bin");
            long start = System.nanoTime();
            table.syncSave(doc);
            long saved = System.nanoTime();
            long read;
            try (InputStream in = table.syncGet(doc.pk).orElseThrow().content.syncOpenStream()) {
                // The CRC32C recorded at the save is checked at the last byte.
                read = in.transferTo(OutputStream.nullOutputStream());
            }
            long done = System.nanoTime();
            System.out.printf("size=%d etag=%s key=%s read=%d saveMs=%d readMs=%d peakHeapMiB=%d%n", doc.content.size(),
                    doc.content.etag(), doc.content.key(), read, (saved - start) / 1_000_000, (done - saved) / 1_000_000,
                    peakHeap() >> 20);
        }
    }

    /** The most heap in use at once, sampled every 5 ms while the run lasts. */
    private static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();

    static long peakHeap() {
        return PEAK.get();
    }

    private static void sampleHeap() {
        Thread sampler = new Thread(() -> {
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Bytes made as they are read: no mark, no length, nothing held. */
    private static final class GeneratedStream extends InputStream {
        private final long size;
        private long position;

        GeneratedStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ * 31 & 0xff) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (position++ * 31);
            }
            return n;
        }
    }
}
