package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.tck.model.TckDocument;
import io.stowage.testbackends.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A store limited to one request at a time still saves and re-saves large files (no call waits on another's connection). */
class OneConnectionTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aLargeFileIsSavedAndReSavedWithMaxConcurrencyOne(@TempDir Path dir) throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        byte[] bytes = new byte[11 * 1024 * 1024];
        new Random(1).nextBytes(bytes);
        Path file = Files.write(dir.resolve("big.bin"), bytes);
        String bucket = S3ProxyServer.uniqueBucketName("one-connection");
        try (S3BlobStore blobs = S3ProxyStores.store(S3ProxyStores.settings(s3).maxConcurrency(1).build());
             Stowage stowage = Stowage.builder().blobStore(blobs).itemStore(InMemoryItemStore.create())
                     .config(StowageConfig.defaults()).build()) {
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
}
