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

    /**
     * The operations Stowage reports. {@code CLEANUP} is the deletion of objects a save
     * replaced when it runs after the save completed ({@code StowageConfig.cleanupInBackground}).
     */
    public enum Kind { SAVE, GET, QUERY, DELETE, SWEEP, PRESIGN_UPLOAD, COMMIT_UPLOAD, CLEANUP }

    private final Started operation;
    private final Duration duration;
    private final String outcome;

    /** The end of {@code operation}: its duration and outcome. */
    public OperationEvent(Started operation, Duration duration, String outcome) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * This operation's number, unique in the JVM: the {@link StoreCall}s it
     * made carry it as their {@link StoreCall#operationId()}, and its {@link Started} event
     * has it too, so a tracer can open a span at the start and hang the calls under it.
     */
    public long id() {
        return operation.id;
    }

    public Kind kind() {
        return operation.kind;
    }

    public String table() {
        return operation.table;
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
        return operation.kind.name().toLowerCase(java.util.Locale.ROOT) + " on " + operation.table + " in " + duration.toMillis()
                + " ms: " + outcome;
    }

    /**
     * An operation about to run, reported on the caller's thread before its first store call:
     * where a tracer opens the operation's span (its parent being whatever span is current on
     * that thread).
     *
     * <pre>{@code
     * public void onOperationStarted(OperationEvent.Started started) {
     *     spans.put(started.id(), tracer.start("stowage " + started.kind()));
     * }
     * }</pre>
     */
    public static final class Started {
        private final long id;
        private final Kind kind;
        private final String table;

        public Started(long id, Kind kind, String table) {
            this.id = id;
            this.kind = Objects.requireNonNull(kind, "kind");
            this.table = Objects.requireNonNull(table, "table");
        }

        /** The id its {@link OperationEvent} and its {@link StoreCall}s will carry. */
        public long id() {
            return id;
        }

        public Kind kind() {
            return kind;
        }

        public String table() {
            return table;
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " on " + table + " started (#" + id + ")";
        }
    }
}
