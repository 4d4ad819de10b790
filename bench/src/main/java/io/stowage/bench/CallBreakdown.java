package io.stowage.bench;

import io.stowage.StoreCall;
import io.stowage.StowageListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store calls one Stowage operation makes, and the time each takes: where a row's ratio
 * comes from. It records only while a breakdown is being taken ({@link #start()}), so the
 * measured rounds pay one volatile read per call and nothing else.
 *
 * <pre>{@code
 * CallBreakdown breakdown = new CallBreakdown();  // registered as a listener
 * breakdown.start();
 * table.syncSave(doc);
 * String calls = breakdown.stop(1);  // "s3 putObject x1.00 8.12 ms; dynamodb putItem x1.00 3.40 ms"
 * }</pre>
 */
final class CallBreakdown implements StowageListener {

    private volatile Map<String, Tally> tallies;

    private static final class Tally {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    /** Starts recording, forgetting any earlier breakdown. */
    void start() {
        tallies = new java.util.concurrent.ConcurrentHashMap<>();
    }

    /**
     * Stops recording and describes the calls per operation ({@code operations} of them ran):
     * store, call and outcome, how many per operation, and the mean time of one.
     */
    String stop(int operations) {
        Map<String, Tally> taken = tallies;
        tallies = null;
        if (taken == null || taken.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Tally> e : new TreeMap<>(taken).entrySet()) {
            long calls = e.getValue().calls.sum();
            parts.add(String.format(Locale.ROOT, "%s x%.2f %.2f ms", e.getKey(), (double) calls / operations,
                    e.getValue().nanos.sum() / 1e6 / calls));
        }
        return String.join("; ", parts);
    }

    @Override
    public void onStoreCall(StoreCall call) {
        Map<String, Tally> recording = tallies;
        if (recording == null) {
            return;
        }
        String name = call.store().name().toLowerCase(Locale.ROOT) + " " + call.operation()
                + (call.succeeded() ? "" : " (" + call.outcome() + ")");
        Tally t = recording.computeIfAbsent(name, k -> new Tally());
        t.calls.increment();
        t.nanos.add(call.duration().toNanos());
    }
}
