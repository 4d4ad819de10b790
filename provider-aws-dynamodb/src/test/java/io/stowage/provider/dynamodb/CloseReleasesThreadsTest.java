package io.stowage.provider.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.stowage.spi.KeyType;
import io.stowage.spi.TableDefinition;
import io.stowage.testbackends.ThreadWatch;
import org.junit.jupiter.api.Test;

/** {@code close()} ends the Netty event loops the store's client started. */
class CloseReleasesThreadsTest {

    @Test
    void closeEndsEveryThreadTheStoreStarted() throws InterruptedException {
        ThreadWatch watch = ThreadWatch.start("stowage-dynamodb-");
        DynamoDbItemStore store = DynamoDbItemStoreTest.dynaliteStore(DynamoDbItemStoreTest.dynaliteSettings().build());
        store.createTable(TableDefinition.of("close-threads-" + Long.toHexString(System.nanoTime()), "pk", KeyType.S))
                .join();
        assertThat(watch.startedSince()).as("threads the store started").isNotEmpty();

        store.close();

        assertThat(watch.stillAliveAfter(Duration.ofSeconds(15))).as("threads alive 15 s after close()").isEmpty();
    }
}
