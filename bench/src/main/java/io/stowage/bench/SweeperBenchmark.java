package io.stowage.bench;

import io.stowage.ModelSchema;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.SweepOptions;
import io.stowage.SweepReport;
import io.stowage.Table;
import io.stowage.provider.inmemory.InMemoryBlobStore;
import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The orphan sweeper's throughput and heap on the in-memory providers: {@code bench.sweepObjects}
 * objects (default 100,000), every other one pointed at by an item and the rest orphans,
 * swept once as a dry run (timed, heap in use sampled) and once for real. There is no raw-SDK
 * side: no SDK sweeps. What it shows is that the sweep's heap does not grow with the number
 * of objects (it holds one page) and how many objects a second it decides.
 *
 * <pre>{@code
 * mvn -B -q -pl bench -am -DskipTests package exec:java -Dexec.mainClass=io.stowage.bench.SweeperBenchmark
 * }</pre>
 */
public final class SweeperBenchmark {

    static final String TABLE = "bench-sweep";
    static final String BUCKET = "bench-sweep";

    /** One run's figures. */
    static final class Result {
        final int objects;
        final SweepReport dryRun;
        final SweepReport sweep;
        final double dryRunObjectsPerSecond;
        final double sweepObjectsPerSecond;
        final long dryRunHeapBytes;

        Result(int objects, SweepReport dryRun, SweepReport sweep, double dryRunObjectsPerSecond,
               double sweepObjectsPerSecond, long dryRunHeapBytes) {
            this.objects = objects;
            this.dryRun = dryRun;
            this.sweep = sweep;
            this.dryRunObjectsPerSecond = dryRunObjectsPerSecond;
            this.sweepObjectsPerSecond = sweepObjectsPerSecond;
            this.dryRunHeapBytes = dryRunHeapBytes;
        }

        String markdown() {
            return String.format(Locale.ROOT, "| sweeper, in-memory stores | objects | objects/s | live heap held by the sweep, peak |%n"
                            + "|---|---|---|---|%n"
                            + "| dry run (%s) | %,d | %,.0f | %s |%n"
                            + "| sweep, deleting (%s) | %,d | %,.0f | |%n",
                    dryRun, objects, dryRunObjectsPerSecond, Sizes.mib(dryRunHeapBytes) + " MiB",
                    sweep, objects, sweepObjectsPerSecond);
        }
    }

    private SweeperBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int objects = Integer.getInteger("bench.sweepObjects", 100_000);
        Result result = run(objects);
        String table = result.markdown();
        System.out.print(table);
        Path out = Path.of(System.getProperty("bench.sweepOutput", "bench/target/sweeper-results.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
    }

    static Result run(int objects) throws InterruptedException, IOException {
        try (InMemoryBlobStore blobs = InMemoryBlobStore.create(); InMemoryItemStore items = InMemoryItemStore.create();
             Stowage stowage = Stowage.builder().blobStore(blobs).itemStore(items).build()) {
            Table<SweptDocument> table = stowage.table(SweptDocument.schema());
            table.syncCreateTableIfMissing();
            stowage.syncCreateBucketIfMissing(BUCKET);
            seed(blobs, items, objects);

            SweepOptions options = SweepOptions.defaults().withGracePeriod(Duration.ZERO).withParallelism(32);
            long start = System.nanoTime();
            SweepReport dryRun = table.syncSweepOrphans(options.dryRun());
            double dryRunSeconds = (System.nanoTime() - start) / 1e9;
            // Untimed: the live sampler collects before each read, so only what the sweep holds counts.
            HeapSampler heap = HeapSampler.live();
            table.syncSweepOrphans(options.dryRun());
            long heapBytes = heap.stop();

            start = System.nanoTime();
            SweepReport sweep = table.syncSweepOrphans(options);
            double sweepSeconds = (System.nanoTime() - start) / 1e9;
            return new Result(objects, dryRun, sweep, objects / dryRunSeconds, objects / sweepSeconds, heapBytes);
        }
    }

    /**
     * Objects with Stowage's back-link, written through the SPI rather than by saves (a
     * save per object would make seeding the slow part); items point at the even ones.
     */
    private static void seed(InMemoryBlobStore blobs, InMemoryItemStore items, int objects) {
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < objects; i++) {
            String pk = "DOC#" + i;
            String key = "docs/DOC/" + i + "/f.txt";
            Map<String, String> backLink = Map.of("stowage-table", TABLE, "stowage-pk", pk, "stowage-attribute", "content");
            BlobInfo info = blobs.put(PutBlobRequest.builder().id(BlobId.of(BUCKET, key)).userMetadata(backLink).build(),
                    BlobContent.fromBytes(bytes)).join();
            if (i % 2 == 0) {
                Map<String, AttributeValue> content = new LinkedHashMap<>();
                content.put("bucket", AttributeValue.fromS(BUCKET));
                content.put("key", AttributeValue.fromS(key));
                content.put("size", AttributeValue.fromN("1"));
                content.put("etag", AttributeValue.fromS(info.etag()));
                content.put("content_type", AttributeValue.fromS("text/plain"));
                Map<String, AttributeValue> item = new LinkedHashMap<>();
                item.put("pk", AttributeValue.fromS(pk));
                item.put("content", AttributeValue.fromM(content));
                items.put(PutItemRequest.builder().table(TABLE).item(item).build()).join();
            }
        }
    }

    /** The swept table's model: a partition key and one file. */
    public static final class SweptDocument {
        public String pk;
        public S3Value content;

        static ModelSchema<SweptDocument> schema() {
            return ModelSchema.builder(SweptDocument.class, SweptDocument::new)
                    .table(TABLE)
                    .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                    .s3Attribute("content", d -> d.content, (d, v) -> d.content = v, s3 -> s3.bucket(BUCKET).prefix("docs/"))
                    .build();
        }
    }
}
