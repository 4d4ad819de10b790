package io.stowage.bench;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.spi.Credentials;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM's run for {@link ScaleBenchmark}: writes a file of the given size (in 1 MiB
 * chunks), saves it through one blob store provider and downloads it again with
 * {@code saveTo}, printing the times and the most heap in use at once (sampled every 5 ms).
 * Started with {@code -Xmx128m}: it would die of an {@code OutOfMemoryError} if the file were
 * held.
 *
 * <pre>{@code
 * java -Xmx128m -cp ... io.stowage.bench.SmallHeapRun s3 http://127.0.0.1:9000 KEY SECRET /dev/shm/x 1073741824
 * }</pre>
 */
public final class SmallHeapRun {


    private SmallHeapRun() {
    }

    public static void main(String[] args) throws Exception {
        String provider = args[0];
        URI endpoint = URI.create(args[1]);
        Credentials keys = Credentials.basic(args[2], args[3]);
        Path dir = Files.createDirectories(Path.of(args[4]));
        long size = Long.parseLong(args[5]);
        Path file = dir.resolve("large-" + provider + ".bin");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = BenchEnvironment.randomBytes(1 << 20);
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        HeapSampler sampler = HeapSampler.inUse();
        StowageConfig config = StowageConfig.builder().blobStoreProvider(provider).itemStoreProvider("inmemory")
                .blobStore(s -> s.endpoint(endpoint).region("us-east-1").credentials(keys)).build();
        try (Stowage stowage = Stowage.builder().config(config).build()) {
            stowage.syncCreateBucketIfMissing(BenchDocument.BUCKET);
            Table<BenchDocument> table = stowage.table(BenchDocument.class);
            table.syncCreateTableIfMissing();
            BenchDocument doc = new BenchDocument();
            doc.pk = "LARGE#" + provider;
            doc.sk = "v1";
            doc.content = S3File.of(file);
            long t0 = System.nanoTime();
            table.syncSave(doc);
            long saved = System.nanoTime();
            Path target = dir.resolve("downloaded-" + provider + ".bin");
            table.syncGet(doc.pk, "v1").orElseThrow().content.syncSaveTo(target);
            long done = System.nanoTime();
            if (Files.size(target) != size) {
                throw new IllegalStateException("downloaded " + Files.size(target) + " bytes, expected " + size);
            }
            Files.delete(target);
            Files.delete(file);
            System.out.printf("saveMs=%d downloadMs=%d peakHeapMiB=%d maxHeapMiB=%d%n", (saved - t0) / 1_000_000,
                    (done - saved) / 1_000_000, sampler.stopAtPeak() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
