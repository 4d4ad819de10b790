package io.stowage.tck.decorators;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Thread-safe call counts per operation kind, shared by the counting decorators.
 *
 * <pre>{@code
 * OpCounter<BlobOp> counter = new OpCounter<>(BlobOp.class);
 * counter.increment(BlobOp.PUT);
 * }</pre>
 */
final class OpCounter<O extends Enum<O>> {

    private final Class<O> type;
    private final AtomicLongArray counts;

    OpCounter(Class<O> type) {
        this.type = type;
        this.counts = new AtomicLongArray(type.getEnumConstants().length);
    }

    /** Counts one call and returns how many calls of that kind there have been, this one included. */
    long increment(O op) {
        return counts.incrementAndGet(op.ordinal());
    }

    long count(O op) {
        return counts.get(op.ordinal());
    }

    long total() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    void reset() {
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
    }

    Map<O, Long> snapshot() {
        Map<O, Long> copy = new EnumMap<>(type);
        for (O op : type.getEnumConstants()) {
            long n = counts.get(op.ordinal());
            if (n > 0) {
                copy.put(op, n);
            }
        }
        return Collections.unmodifiableMap(copy);
    }
}
