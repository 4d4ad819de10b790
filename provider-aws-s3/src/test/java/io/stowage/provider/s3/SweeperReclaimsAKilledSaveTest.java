package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.SweepOptions;
import io.stowage.SweepReport;
import io.stowage.Table;
import io.stowage.provider.dynamodb.DynamoDbItemStore;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.tck.model.TckDocument;
import io.stowage.testbackends.DynaliteServer;
import io.stowage.testbackends.S3ProxyServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process killed between its upload and its item write (no compensation can run) leaves
 * an object no item points at; the sweeper reclaims it and keeps the objects items point
 * at. On the real servers: s3proxy and dynalite, the child a JVM of its own.
 */
class SweeperReclaimsAKilledSaveTest {

    @Test
    void theUploadOfAKilledSaveIsReclaimedByTheSweeper() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        DynaliteServer dynamo = DynaliteServer.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bucket = "stowage-killed-" + suffix;
        String table = "stowage-killed-" + suffix;
        try (S3BlobStore blobs = S3BlobStore.create(s3.settings());
             DynamoDbItemStore items = DynamoDbItemStore.create(dynamo.settings());
             Stowage stowage = Stowage.builder().blobStore(blobs).itemStore(items).build()) {
            stowage.syncCreateBucketIfMissing(bucket);
            Table<TckDocument> docs = stowage.table(TckDocument.flatSchema(table, bucket));
            docs.syncCreateTableIfMissing();
            TckDocument kept = new TckDocument();
            kept.pk = "DOC#kept";
            kept.content = S3File.of("kept".getBytes(StandardCharsets.UTF_8), "kept.txt");
            docs.syncSave(kept);

            String orphanKey = runChildUntilItUploads(s3, dynamo, bucket, table, "DOC#killed");
            assertThat(exists(blobs, bucket, orphanKey)).as("the killed save's upload").isTrue();
            assertThat(docs.syncGet("DOC#killed")).as("the killed save's item").isEmpty();

            SweepReport report = docs.syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO));
            assertThat(report.orphaned()).as("orphans: %s", report).isEqualTo(1);
            assertThat(report.deleted()).as("deleted: %s", report).isEqualTo(1);
            assertThat(report.referenced()).as("referenced: %s", report).isEqualTo(1);
            assertThat(exists(blobs, bucket, orphanKey)).as("the upload after the sweep").isFalse();
            assertThat(docs.syncGet("DOC#kept").orElseThrow().content.syncGetBytes())
                    .isEqualTo("kept".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String runChildUntilItUploads(S3ProxyServer s3, DynaliteServer dynamo, String bucket, String table,
                                                 String pk) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                KilledSaveChild.class.getName(), s3.endpoint().toString(), dynamo.endpoint().toString(), s3.region(),
                s3.accessKey(), s3.secretKey(), bucket, table, pk)).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> uploaded = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    StringBuilder seen = new StringBuilder();
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("UPLOADED ")) {
                            return line.substring("UPLOADED ".length());
                        }
                        seen.append(line).append('\n');
                    }
                    throw new IllegalStateException("the child ended without uploading:\n" + seen);
                } catch (java.io.IOException e) {
                    throw new CompletionException(e);
                }
            });
            return uploaded.get(120, TimeUnit.SECONDS);
        } finally {
            // kill -9: no compensation, no shutdown hook, as a crash between the two stores.
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static boolean exists(S3BlobStore blobs, String bucket, String key) {
        try {
            blobs.head(GetBlobRequest.of(BlobId.of(bucket, key))).join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException && ((StoreException) e.getCause()).code() == StoreErrorCode.OBJECT_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
