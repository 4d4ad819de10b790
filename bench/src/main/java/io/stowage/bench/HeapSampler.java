package io.stowage.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak increase of heap while a piece of work runs, over the live set before it (a
 * full collection comes first). Two kinds:
 * <ul>
 * <li>{@link #inUse()}: heap in use read every {@value #IN_USE_INTERVAL_MILLIS} ms, cheap
 *     enough to run during timed rounds. It counts garbage too: a client that streams
 *     still shows every buffer it has not yet had collected, so with a large young
 *     generation a streamed 64 MiB can show as 64 MiB.</li>
 * <li>{@link #live()}: a full collection before each read, every
 *     {@value #LIVE_INTERVAL_MILLIS} ms, so only what the work still holds counts. It
 *     slows the work down, so it runs in untimed rounds only. Holding a whole 64 MiB
 *     object shows as at least 64 MiB here; streaming shows as a few part buffers.</li>
 * </ul>
 *
 * <pre>{@code
 * HeapSampler sampler = HeapSampler.live();
 * doWork();
 * long peakIncrease = sampler.stop();
 * }</pre>
 */
final class HeapSampler {

    static final long IN_USE_INTERVAL_MILLIS = 5;
    static final long LIVE_INTERVAL_MILLIS = 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final boolean collect;
    private final long intervalMillis;
    private final long baseline;
    private final AtomicLong peak;
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler(boolean collect, long intervalMillis) {
        this.collect = collect;
        this.intervalMillis = intervalMillis;
        // Twice: the first collection may only queue finalizable or softly reachable objects.
        System.gc();
        System.gc();
        this.baseline = memory.getHeapMemoryUsage().getUsed();
        this.peak = new AtomicLong(baseline);
        this.thread = new Thread(this::sample, "bench-heap-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Samples heap in use, garbage included; cheap enough for timed rounds. */
    static HeapSampler inUse() {
        return new HeapSampler(false, IN_USE_INTERVAL_MILLIS);
    }

    /** Samples the live heap after forced collections; for untimed rounds only. */
    static HeapSampler live() {
        return new HeapSampler(true, LIVE_INTERVAL_MILLIS);
    }

    /** Stops sampling; the peak above the baseline, in bytes (never negative). */
    long stop() throws InterruptedException {
        running = false;
        thread.join();
        if (!collect) {
            read();
        }
        return peak.get() - baseline;
    }

    /** Stops sampling; the highest heap use seen, in bytes (not above the baseline: all of it). */
    long stopAtPeak() throws InterruptedException {
        return stop() + baseline;
    }

    private void sample() {
        while (running) {
            read();
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read() {
        if (collect) {
            System.gc();
        }
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }
}
