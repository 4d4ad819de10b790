package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.awssupport.AwsEventLoops;
import io.stowage.provider.dynamodb.DynaliteStores;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.SharedResources;
import io.stowage.tck.net.ThreadWatch;
import io.stowage.testbackends.S3ProxyServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The S3 and DynamoDB stores of one {@code Stowage} run their HTTP clients on one group of
 * event loops, as an application using the SDK directly would (a second group cost 4 % of
 * the CPU of saves under load); the group outlives the first store to close and ends with
 * the last.
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 test -Dtest=SharedEventLoopsTest
 * }</pre>
 */
class SharedEventLoopsTest {

    private static final String BUCKET = "shared-event-loops";
    private static final String[] LOOP_THREADS = {AwsEventLoops.SHARED_THREADS, "stowage-s3-netty", "stowage-dynamodb-netty"};

    /** The model of this test. */
    @ModelConfig(table = "shared-event-loops")
    public static class Doc {
        @PartitionKey
        public String id;

        @S3Attribute(bucket = BUCKET, prefix = "docs/")
        public S3Value content;
    }

    private static Set<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).collect(Collectors.toSet());
    }

    @Test
    void theS3AndDynamoDbStoresOfOneStowageRunOnOneGroupThatEndsWithIt() throws Exception {
        ThreadWatch watch = ThreadWatch.start(LOOP_THREADS);
        Stowage stowage = Stowage.builder().blobStoreProvider("s3").itemStoreProvider("dynamodb")
                .config(StowageConfig.builder()
                        .blobStore(S3ProxyStores.settings(S3ProxyServer.shared()).build())
                        .itemStore(DynaliteStores.settings().build())
                        .build())
                .build();
        try {
            stowage.syncCreateBucketIfMissing(BUCKET);
            Table<Doc> table = stowage.table(Doc.class);
            table.syncCreateTableIfMissing();
            for (int i = 0; i < 8; i++) {
                Doc doc = new Doc();
                doc.id = "doc-" + i;
                doc.content = S3File.of(("bytes of " + i).getBytes(StandardCharsets.UTF_8), "d.txt");
                table.syncSave(doc);
                assertThat(table.syncGet(doc.id).orElseThrow().content.syncGetBytes())
                        .isEqualTo(("bytes of " + i).getBytes(StandardCharsets.UTF_8));
            }

            Set<String> started = names(watch.startedSince());
            assertThat(started).as("event-loop threads the two stores started").isNotEmpty()
                    .allMatch(name -> name.startsWith(AwsEventLoops.SHARED_THREADS + "-"));
            assertThat(started).as("one group: at most as many threads as cores (at least 2)")
                    .hasSizeLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        } finally {
            stowage.close();
        }
        assertThat(watch.stillAliveAfter(Duration.ofSeconds(15))).as("event-loop threads alive 15 s after close()").isEmpty();
    }

    @Test
    void aStoreClosedFirstLeavesTheOtherWorkingOnTheSharedLoops() throws Exception {
        ThreadWatch watch = ThreadWatch.start(LOOP_THREADS);
        SharedResources shared = SharedResources.create();
        S3BlobStore first = S3BlobStore.builder().settings(S3ProxyStores.settings(S3ProxyServer.shared()).build())
                .environment(name -> null).systemProperties(name -> null).sharedResources(shared).build();
        S3BlobStore second = S3BlobStore.builder().settings(S3ProxyStores.settings(S3ProxyServer.shared()).build())
                .environment(name -> null).systemProperties(name -> null).sharedResources(shared).build();
        try {
            first.createBucket(BUCKET, null).exceptionally(alreadyThere -> null).join();
            BlobId id = BlobId.of(BUCKET, "after-the-first-closed.txt");
            first.close();

            second.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {1, 2, 3})).join();
            assertThat(second.getBytes(GetBlobRequest.builder().id(id).build()).join()).containsExactly(1, 2, 3);
            assertThat(names(watch.startedSince())).as("threads of the one group").isNotEmpty()
                    .allMatch(name -> name.startsWith(AwsEventLoops.SHARED_THREADS + "-"));
        } finally {
            second.close();
        }
        assertThat(watch.stillAliveAfter(Duration.ofSeconds(15))).as("event-loop threads alive 15 s after the last close()").isEmpty();
    }
}
