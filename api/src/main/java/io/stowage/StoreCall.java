package io.stowage;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One call Stowage made to a store: which store and operation, the bucket or table, the
 * object key (blob calls), the bytes moved (-1 when unknown), how long it took, and its
 * outcome: {@code "ok"}, or the store's error code ({@code "OBJECT_NOT_FOUND"},
 * {@code "TIMEOUT"}, ...). Never holds a secret or a presigned URL.
 *
 * <pre>{@code
 * if (call.store() == StoreCall.Store.BLOB && !call.succeeded()) {
 *     alerts.report(call.container() + "/" + call.key().orElse("") + ": " + call.outcome());
 * }
 * }</pre>
 */
public final class StoreCall {

    /** Which of the two stores was called. */
    public enum Store { BLOB, ITEM }

    /** The outcome of a call that succeeded. */
    public static final String OK = "ok";

    private final Started call;
    private final long bytes;
    private final Duration duration;
    private final String outcome;

    /** The end of {@code call}: {@code bytes} moved (-1 when unknown), its duration and outcome. */
    public StoreCall(Started call, long bytes, Duration duration, String outcome) {
        this.call = Objects.requireNonNull(call, "call");
        this.bytes = bytes;
        this.duration = Objects.requireNonNull(duration, "duration");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** This call's number, unique in the JVM; its {@link Started} event has it too. */
    public long id() {
        return call.id;
    }

    /**
     * The {@link OperationEvent#id()} of the save, get, query, delete or sweep that made this
     * call; 0 when it was made outside one (reading the bytes of a loaded value).
     */
    public long operationId() {
        return call.operationId;
    }

    public Store store() {
        return call.store;
    }

    /** The store method: {@code put}, {@code getBytes}, {@code head}, {@code query}, ... */
    public String operation() {
        return call.operation;
    }

    /** The store's implementation, such as {@code S3BlobStore}. */
    public String provider() {
        return call.provider;
    }

    /** The bucket (blob calls) or table (item calls); {@code null} when the call names none. */
    public String container() {
        return call.container;
    }

    /** The object key of a blob call. */
    public Optional<String> key() {
        return call.key();
    }

    /** Bytes uploaded or downloaded; -1 when unknown (a stream, an item call). */
    public long bytes() {
        return bytes;
    }

    public Duration duration() {
        return duration;
    }

    /** {@value #OK}, or the store's error code. */
    public String outcome() {
        return outcome;
    }

    public boolean succeeded() {
        return OK.equals(outcome);
    }

    @Override
    public String toString() {
        return call.what() + (bytes >= 0 ? " " + bytes + " bytes" : "") + " in " + duration.toMillis() + " ms: " + outcome
                + " (" + call.provider + ")";
    }

    /**
     * A store call about to be made (which store and method, the bucket or table, the key):
     * where a tracer opens the call's span as a child of its operation's
     * ({@link #operationId()}). Its {@link StoreCall} end holds it.
     *
     * <pre>{@code
     * public void onStoreCallStarted(StoreCall.Started started) {
     *     Span parent = spans.get(started.operationId());
     *     spans.put(started.id(), tracer.startChild(parent, started.store() + " " + started.operation()));
     * }
     * }</pre>
     */
    public static final class Started {
        private final long id;
        private final long operationId;
        private final Store store;
        private final String operation;
        private final String provider;
        private final String container;
        private final String key;

        public Started(long id, long operationId, Store store, String operation, String provider, String container, String key) {
            this.id = id;
            this.operationId = operationId;
            this.store = Objects.requireNonNull(store, "store");
            this.operation = Objects.requireNonNull(operation, "operation");
            this.provider = Objects.requireNonNull(provider, "provider");
            this.container = container;
            this.key = key;
        }

        /** The id the call's {@link StoreCall} will carry. */
        public long id() {
            return id;
        }

        /** The operation making the call; 0 when none. */
        public long operationId() {
            return operationId;
        }

        public Store store() {
            return store;
        }

        public String operation() {
            return operation;
        }

        public String provider() {
            return provider;
        }

        /** The bucket or table; {@code null} when the call names none. */
        public String container() {
            return container;
        }

        public Optional<String> key() {
            return Optional.ofNullable(key);
        }

        /** {@code blob put bucket/key}. */
        private String what() {
            return store.name().toLowerCase(java.util.Locale.ROOT) + " " + operation + " " + (container == null ? "" : container)
                    + (key == null ? "" : "/" + key);
        }

        @Override
        public String toString() {
            return what() + " started (#" + id + " of operation #" + operationId + ")";
        }
    }
}
