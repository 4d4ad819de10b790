package io.stowage;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of what a {@link Stowage} did since it was built, for applications without a
 * metrics system: per store call ({@code "blob.put"}, {@code "blob.getBytes"},
 * {@code "item.put"}, ...) and per operation ({@code "op.save"}, {@code "op.get"}, ...), the
 * calls, the failures, the bytes moved and the total time. A snapshot: it does not change.
 *
 * <pre>{@code
 * StowageStats.Counter uploads = stowage.stats().counter("blob.put");
 * System.out.println(uploads.calls() + " uploads, " + uploads.bytes() + " bytes");
 * }</pre>
 */
public final class StowageStats {

    private final Map<String, Counter> counters;

    public StowageStats(Map<String, Counter> counters) {
        this.counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    }

    /** The counter of one call or operation; all zero when it never happened. */
    public Counter counter(String name) {
        return counters.getOrDefault(name, Counter.ZERO);
    }

    /** Every counter that is not zero, by name. */
    public Map<String, Counter> counters() {
        return counters;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("StowageStats");
        counters.forEach((name, c) -> out.append("\n  ").append(name).append(": ").append(c));
        return out.toString();
    }

    /**
     * Calls, failures, bytes and total time of one kind of call or operation.
     *
     * <pre>{@code
     * Duration average = counter.calls() == 0 ? Duration.ZERO : counter.totalTime().dividedBy(counter.calls());
     * }</pre>
     */
    public static final class Counter {

        static final Counter ZERO = new Counter(0, 0, 0, Duration.ZERO);

        private final long calls;
        private final long failures;
        private final long bytes;
        private final Duration totalTime;

        public Counter(long calls, long failures, long bytes, Duration totalTime) {
            this.calls = calls;
            this.failures = failures;
            this.bytes = bytes;
            this.totalTime = totalTime;
        }

        public long calls() {
            return calls;
        }

        public long failures() {
            return failures;
        }

        /** Bytes moved by the calls that reported a size. */
        public long bytes() {
            return bytes;
        }

        public Duration totalTime() {
            return totalTime;
        }

        @Override
        public String toString() {
            return calls + " calls, " + failures + " failed, " + bytes + " bytes, " + totalTime.toMillis() + " ms";
        }
    }
}
