package io.stowage.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated on the heap by the client side of a call, summed over every thread of
 * this JVM (the caller, the SDK's event loops and executors) except s3proxy's server
 * threads, which run in this JVM but are the server's cost, not the client's. Unlike a
 * heap sample, this counts every buffer whether or not a collection ran meanwhile, so it
 * compares the two sides' memory churn in every scenario.
 *
 * <p>A thread that ends between two readings takes its count with it; the SDK's threads
 * are pooled, so this undercounts little. Without HotSpot's extension of
 * {@code ThreadMXBean} the counter is {@linkplain #isSupported() unsupported}.
 *
 * <pre>{@code
 * AllocationCounter counter = AllocationCounter.create();
 * AllocationCounter.Snapshot before = counter.snapshot();
 * doWork();
 * long bytes = counter.allocatedSince(before);
 * }</pre>
 */
final class AllocationCounter {

    // s3proxy 4.1 serves from a Jetty pool named "S3Proxy-Jetty-<n>" (Jetty's default
    // would be "qtp<hash>-<n>") plus Jetty's scheduler. Unnamed "Thread-<n>" threads are
    // the client's: the JDK's default pool behind AsynchronousFileChannel, which the SDK
    // reads upload files with.
    private static final String[] SERVER_THREAD_PREFIXES = {"S3Proxy-Jetty", "qtp", "Scheduler-"};

    private final com.sun.management.ThreadMXBean threads;

    private AllocationCounter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    static AllocationCounter create() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
            if (hotspot.isThreadAllocatedMemorySupported()) {
                hotspot.setThreadAllocatedMemoryEnabled(true);
                return new AllocationCounter(hotspot);
            }
        }
        return new AllocationCounter(null);
    }

    boolean isSupported() {
        return threads != null;
    }

    /** The allocation count of each client thread now. */
    Snapshot snapshot() {
        Map<Long, Long> counts = new HashMap<>();
        if (threads == null) {
            return new Snapshot(counts);
        }
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && allocated[i] >= 0 && !isServerThread(infos[i].getThreadName())) {
                counts.put(ids[i], allocated[i]);
            }
        }
        return new Snapshot(counts);
    }

    /** Bytes the client threads allocated since {@code before}; threads started since count from zero. */
    long allocatedSince(Snapshot before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : snapshot().counts.entrySet()) {
            total += now.getValue() - before.counts.getOrDefault(now.getKey(), 0L);
        }
        return Math.max(0, total);
    }

    private static boolean isServerThread(String name) {
        for (String prefix : SERVER_THREAD_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per-thread allocation counts at one moment.
     *
     * <pre>{@code
     * AllocationCounter.Snapshot before = counter.snapshot();
     * }</pre>
     */
    static final class Snapshot {
        private final Map<Long, Long> counts;

        private Snapshot(Map<Long, Long> counts) {
            this.counts = counts;
        }
    }
}
