package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.tck.net.ThreadWatch;
import io.stowage.testbackends.S3ProxyServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The S3 store keeps clients per region; {@code close()} ends the threads of every region's
 * clients, not only the store's own (the TCK's close check exercises one region).
 */
class RegionalClientsCloseTest {

    @Test
    void closeEndsTheThreadsOfEveryRegionsClients() throws InterruptedException {
        ThreadWatch watch = ThreadWatch.start("stowage-s3-");
        S3BlobStore store = S3ProxyStores.store(S3ProxyServer.shared());
        String bucket = S3ProxyServer.uniqueBucketName("close-regions");
        store.createBucket(bucket, null).join();
        for (BlobId id : new BlobId[] {BlobId.of(bucket, "a.txt"), BlobId.of(bucket, "b.txt", "eu-west-1")}) {
            store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {1})).join();
            store.getBytes(GetBlobRequest.of(id)).join();
            store.delete(DeleteBlobRequest.of(id)).join();
        }
        assertThat(store.regionsInUse()).contains("us-east-1", "eu-west-1");
        assertThat(watch.startedSince()).as("threads the store started").isNotEmpty();

        store.close();

        assertThat(watch.stillAliveAfter(Duration.ofSeconds(15))).as("threads alive 15 s after close()").isEmpty();
    }
}
