package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.testbackends.S3ProxyServer;
import io.stowage.testbackends.ThreadWatch;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} releases what the store started: the Netty event loops of its clients
 * (every region's) and its stream threads end, so a closed store leaks nothing.
 */
class CloseReleasesThreadsTest {

    @Test
    void closeEndsEveryThreadTheStoreStarted() throws InterruptedException {
        ThreadWatch watch = ThreadWatch.start("stowage-s3-");
        S3BlobStore store = S3ProxyStores.store(S3ProxyServer.shared());
        String bucket = S3ProxyServer.uniqueBucketName("close-threads");
        store.createBucket(bucket, null).join();
        BlobId here = BlobId.of(bucket, "a.txt");
        BlobId elsewhere = BlobId.of(bucket, "b.txt", "eu-west-1");
        for (BlobId id : new BlobId[] {here, elsewhere}) {
            store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {1})).join();
            store.getBytes(GetBlobRequest.of(id)).join();
            store.delete(id, null).join();
        }
        assertThat(watch.startedSince()).as("threads the store started").isNotEmpty();
        assertThat(store.regionsInUse()).contains("us-east-1", "eu-west-1");

        store.close();

        assertThat(watch.stillAliveAfter(Duration.ofSeconds(15))).as("threads alive 15 s after close()").isEmpty();
    }
}
