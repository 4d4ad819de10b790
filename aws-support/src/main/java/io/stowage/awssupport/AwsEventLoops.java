package io.stowage.awssupport;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.stowage.spi.SharedResources;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;

/**
 * The Netty event loops of the AWS SDK providers' HTTP clients. The S3 and DynamoDB stores
 * of one {@code Stowage} share one group, as an application using the SDK directly would give
 * its two clients one: a profile of saves under load put a second group's wake-ups at 4 % of
 * the CPU. A store opened on its own has a group of its own.
 *
 * <p>Never the SDK's JVM-wide shared group: that blocks for two seconds in {@code close()}
 * whenever its last user goes, which every short-lived store (a test, a CLI run) would pay.
 *
 * <pre>{@code
 * SharedResources.Lease<SdkEventLoopGroup> loops = AwsEventLoops.lease(shared, "stowage-s3-netty");
 * NettyNioAsyncHttpClient.builder().eventLoopGroup(loops.get());
 * loops.close();   // with the store
 * }</pre>
 */
public final class AwsEventLoops {

    /** The key of the shared group in {@link SharedResources}. */
    public static final String KEY = "io.stowage.awssupport.event-loops";

    /** The name of the shared group's threads, before their number. */
    public static final String SHARED_THREADS = "stowage-aws-netty";

    private AwsEventLoops() {
    }

    /**
     * The event loops a store's HTTP client runs on: the group shared through {@code shared},
     * or, when {@code shared} is {@code null}, a group of the store's own whose threads are
     * named {@code ownThreads-N}. Closing the lease stops the group when no other store holds
     * it, without waiting for it to stop.
     */
    public static SharedResources.Lease<SdkEventLoopGroup> lease(SharedResources shared, String ownThreads) {
        String threads = shared != null ? SHARED_THREADS : ownThreads;
        SharedResources from = shared != null ? shared : SharedResources.create();
        return from.lease(KEY, SdkEventLoopGroup.class, () -> create(threads),
                AwsEventLoops::shutDown);
    }

    private static SdkEventLoopGroup create(String threads) {
        // As many loops as cores, not Netty's twice that: small requests then share wake-ups
        // instead of each waking a thread of its own.
        return SdkEventLoopGroup.builder()
                .numberOfThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .threadFactory(daemonThreads(threads))
                .build();
    }

    /**
     * Not waited for: a store's close returns at once. The short quiet period lets the channel
     * pools, which close asynchronously, still run their last callbacks on the loops.
     */
    private static void shutDown(SdkEventLoopGroup group) {
        group.eventLoopGroup().shutdownGracefully(500, 3_000, TimeUnit.MILLISECONDS);
    }

    /**
     * Daemon threads named {@code prefix-N}, for the AWS providers' loops and pools: a store
     * left unclosed must not keep the JVM alive.
     */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
