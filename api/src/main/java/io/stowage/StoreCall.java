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

    private final Store store;
    private final String operation;
    private final String provider;
    private final String container;
    private final String key;
    private final long bytes;
    private final Duration duration;
    private final String outcome;

    /** A call; {@code key} may be {@code null}, {@code bytes} -1 when unknown. */
    public StoreCall(Store store, String operation, String provider, String container, String key, long bytes,
                     Duration duration, String outcome) {
        this.store = Objects.requireNonNull(store, "store");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.container = container;
        this.key = key;
        this.bytes = bytes;
        this.duration = Objects.requireNonNull(duration, "duration");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    public Store store() {
        return store;
    }

    /** The store method: {@code put}, {@code getBytes}, {@code head}, {@code query}, ... */
    public String operation() {
        return operation;
    }

    /** The store's implementation, such as {@code S3BlobStore}. */
    public String provider() {
        return provider;
    }

    /** The bucket (blob calls) or table (item calls); {@code null} when the call names none. */
    public String container() {
        return container;
    }

    /** The object key of a blob call. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
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
        return store.name().toLowerCase(java.util.Locale.ROOT) + " " + operation + " " + (container == null ? "" : container)
                + (key == null ? "" : "/" + key) + (bytes >= 0 ? " " + bytes + " bytes" : "") + " in "
                + duration.toMillis() + " ms: " + outcome + " (" + provider + ")";
    }
}
