package io.stowage;

import java.time.Duration;
import java.util.Objects;

/**
 * One Stowage operation on a table, once it completed: what it was, how long it took and
 * its outcome ({@code "ok"}, or the failure's reason such as {@code "CONDITION_FAILED"} or
 * {@code "CONTENT_CHANGED"}). The store calls it made are reported one by one as
 * {@link StoreCall}s.
 *
 * <pre>{@code
 * if (event.kind() == OperationEvent.Kind.SAVE) {
 *     saveTimer.record(event.duration());
 * }
 * }</pre>
 */
public final class OperationEvent {

    /** The operations Stowage reports. */
    public enum Kind { SAVE, GET, QUERY, DELETE, SWEEP }

    private final Kind kind;
    private final String table;
    private final Duration duration;
    private final String outcome;

    public OperationEvent(Kind kind, String table, Duration duration, String outcome) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.table = Objects.requireNonNull(table, "table");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    public Kind kind() {
        return kind;
    }

    public String table() {
        return table;
    }

    public Duration duration() {
        return duration;
    }

    /** {@code "ok"}, or the failure's reason. */
    public String outcome() {
        return outcome;
    }

    public boolean succeeded() {
        return StoreCall.OK.equals(outcome);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " on " + table + " in " + duration.toMillis() + " ms: " + outcome;
    }
}
