package io.stowage.provider.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.testbackends.S3ProxyServer;
import io.stowage.testbackends.ThreadWatch;
import org.junit.jupiter.api.Test;

/** {@code close()} ends OkHttp's dispatcher threads and the store's blocking-I/O pool, so a closed store leaks no thread. */
class CloseReleasesThreadsTest {

    @Test
    void closeEndsEveryThreadTheStoreStarted() throws InterruptedException, IOException {
        ThreadWatch watch = ThreadWatch.start("stowage-minio-", "OkHttp Dispatcher");
        MinioBlobStore store = S3ProxyMinio.store(S3ProxyServer.shared());
        String bucket = S3ProxyServer.uniqueBucketName("close-threads");
        store.createBucket(bucket, null).join();
        BlobId id = BlobId.of(bucket, "a.txt");
        store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {1})).join();
        try (InputStream in = store.getStream(GetBlobRequest.of(id)).join()) {
            assertThat(in.readAllBytes()).containsExactly(1);
        }
        assertThat(watch.startedSince()).as("threads the store started").isNotEmpty();

        store.close();

        assertThat(watch.stillAliveAfter(Duration.ofSeconds(15))).as("threads alive 15 s after close()").isEmpty();
    }
}
