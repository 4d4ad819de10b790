package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutBlobRequest;
import io.stowage.tck.model.TckDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob store limited to one request at a time ({@code maxConcurrency(1)}) still saves and
 * re-saves a multipart file: no call may wait on a connection or thread another call of the
 * same save holds. Each provider extends it with such a store.
 *
 * <pre>{@code
 * class S3OneConnectionTest extends OneConnectionTck {
 *     protected BlobStore storeWithOneConnection() { return S3ProxyStores.store(settings.maxConcurrency(1).build()); }
 *     protected String bucket() { return S3ProxyServer.uniqueBucketName("one-connection"); }
 *     protected ItemStore itemStore() { return InMemoryItemStore.create(); }
 * }
 * }</pre>
 */
public abstract class OneConnectionTck {

    /** A store of the provider under test whose settings allow one request at a time. */
    protected abstract BlobStore storeWithOneConnection();

    /** A bucket name not used yet; the test creates it. */
    protected abstract String bucket();

    /** Any working item store (the test is about the blob store). */
    protected abstract ItemStore itemStore();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    final void required_aMultipartFileIsSavedAndReSavedOverOneConnection(@TempDir Path dir) throws Exception {
        byte[] bytes = TckSupport.pattern(11 * 1024 * 1024, 21);
        Path file = Files.write(dir.resolve("big.bin"), bytes);
        String bucket = bucket();
        try (BlobStore blobs = storeWithOneConnection();
             Stowage stowage = Stowage.builder().blobStore(blobs).itemStore(itemStore()).config(StowageConfig.defaults()).build()) {
            stowage.syncCreateBucketIfMissing(bucket);
            Table<TckDocument> table = stowage.table(TckDocument.flatSchema("one-connection", bucket));
            table.syncCreateTableIfMissing();
            for (int i = 0; i < 3; i++) {
                TckDocument d = new TckDocument();
                d.pk = "DOC#1";
                d.content = S3File.of(file);
                table.syncSave(d);
                assertThat(d.content.size()).isEqualTo(bytes.length);
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    final void required_aMultipartUploadStartedFromTheAnswerOfAnotherCallCompletesOverOneConnection() throws Exception {
        // A save looks (HEAD) before it claims a large file's key, and the upload then starts on
        // whatever thread delivered the HEAD's answer: for some clients their own callback thread,
        // which must not block on requests that need the connection it still holds.
        byte[] bytes = TckSupport.pattern(11 * 1024 * 1024, 22);
        String bucket = bucket();
        try (BlobStore blobs = storeWithOneConnection()) {
            blobs.createBucket(bucket, null).join();
            for (int i = 0; i < 3; i++) {
                BlobId target = BlobId.of(bucket, "chained-" + i + ".bin");
                CompletableFuture<BlobInfo> chained = blobs.head(GetBlobRequest.of(BlobId.of(bucket, "missing-" + i)))
                        .handle((found, failure) -> blobs.put(PutBlobRequest.builder().id(target).build(),
                                BlobContent.fromBytes(bytes)))
                        .thenCompose(put -> put);
                assertThat(chained.get(60, TimeUnit.SECONDS).size()).as("upload %d, started from a HEAD's answer", i)
                        .isEqualTo(bytes.length);
            }
        }
    }
}
