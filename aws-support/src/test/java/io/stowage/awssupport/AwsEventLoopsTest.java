package io.stowage.awssupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.stowage.spi.SharedResources;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;

/**
 * The AWS providers' event loops: one group for every store leasing through the same
 * {@link SharedResources}, stopped when the last store lets go; a group of its own, named
 * after the store, for a store opened alone.
 */
class AwsEventLoopsTest {

    private static String threadName(SdkEventLoopGroup group) throws Exception {
        return group.eventLoopGroup().submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void storesLeasingThroughOneSetShareOneGroupUntilTheLastLetsGo() throws Exception {
        SharedResources shared = SharedResources.create();
        SharedResources.Lease<SdkEventLoopGroup> s3 = AwsEventLoops.lease(shared, "stowage-s3-netty");
        SharedResources.Lease<SdkEventLoopGroup> dynamo = AwsEventLoops.lease(shared, "stowage-dynamodb-netty");
        assertThat(dynamo.get()).isSameAs(s3.get());
        assertThat(threadName(s3.get())).startsWith(AwsEventLoops.SHARED_THREADS + "-");

        s3.close();
        assertThat(dynamo.get().eventLoopGroup().isShuttingDown()).as("stopping while the other store holds it").isFalse();
        assertThat(threadName(dynamo.get())).as("still runs work").startsWith(AwsEventLoops.SHARED_THREADS + "-");
        dynamo.close();
        assertThat(dynamo.get().eventLoopGroup().isShuttingDown()).as("stopping after the last store let go").isTrue();
        assertThat(dynamo.get().eventLoopGroup().awaitTermination(10, TimeUnit.SECONDS)).as("stopped").isTrue();
    }

    @Test
    void aStoreOpenedAloneHasAGroupOfItsOwnNamedAfterIt() throws Exception {
        try (SharedResources.Lease<SdkEventLoopGroup> a = AwsEventLoops.lease(null, "stowage-s3-netty");
             SharedResources.Lease<SdkEventLoopGroup> b = AwsEventLoops.lease(null, "stowage-s3-netty")) {
            assertThat(b.get()).isNotSameAs(a.get());
            assertThat(threadName(a.get())).startsWith("stowage-s3-netty-");
            Thread daemon = a.get().eventLoopGroup().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertThat(daemon.isDaemon()).as("an unclosed store must not keep the JVM alive").isTrue();
        }
    }
}
