package io.stowage.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.stowage.OperationEvent;
import io.stowage.StoreCall;
import io.stowage.StowageListener;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stowage's operations and store calls as Micrometer {@link Observation}s, so that a save
 * shows up in a trace as one span ({@value #OPERATION}) with its upload, item write and any
 * compensating delete as child spans ({@value #STORE_CALL}), once the application bridges
 * Micrometer to a tracer (for example {@code micrometer-tracing-bridge-otel}).
 *
 * <p>An operation's observation is started on the caller's thread, so its parent is the
 * observation current there (an HTTP request's, say). Low-cardinality keys: {@code operation},
 * {@code table}, {@code store}, {@code provider}, {@code container}, {@code outcome};
 * high-cardinality: the object {@code key} and the {@code bytes} moved. A failed operation or
 * call carries an error naming its outcome ({@code CONDITION_FAILED}, {@code TIMEOUT}, ...).
 *
 * <pre>{@code
 * StowageConfig config = StowageConfig.builder()
 *         .listener(ObservationStowageListener.create(observationRegistry))
 *         .build();
 * }</pre>
 */
public final class ObservationStowageListener implements StowageListener {

    /** The name of an operation's observation: save, get, query, delete or sweep. */
    public static final String OPERATION = "stowage.operation";
    /** The name of a store call's observation. */
    public static final String STORE_CALL = "stowage.store.call";

    private final ObservationRegistry registry;
    // Observations between their start and end events; every start is followed by exactly one end.
    private final Map<Long, Observation> operations = new ConcurrentHashMap<>();
    private final Map<Long, Observation> calls = new ConcurrentHashMap<>();

    private ObservationStowageListener(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A listener that records into {@code registry}. */
    public static ObservationStowageListener create(ObservationRegistry registry) {
        return new ObservationStowageListener(registry);
    }

    @Override
    public void onOperationStarted(OperationEvent.Started started) {
        if (registry.isNoop()) {
            return;
        }
        String kind = started.kind().name().toLowerCase(Locale.ROOT);
        Observation observation = Observation.createNotStarted(OPERATION, registry)
                .contextualName("stowage " + kind + " " + started.table())
                .lowCardinalityKeyValue("operation", kind)
                .lowCardinalityKeyValue("table", started.table());
        operations.put(started.id(), observation.start());
    }

    @Override
    public void onStoreCallStarted(StoreCall.Started started) {
        if (registry.isNoop()) {
            return;
        }
        Observation parent = operations.get(started.operationId());
        String store = started.store().name().toLowerCase(Locale.ROOT);
        Observation observation = Observation.createNotStarted(STORE_CALL, registry)
                .contextualName(store + " " + started.operation())
                .lowCardinalityKeyValue("store", store)
                .lowCardinalityKeyValue("operation", started.operation())
                .lowCardinalityKeyValue("provider", started.provider())
                .lowCardinalityKeyValue("container", started.container() == null ? "none" : started.container())
                .highCardinalityKeyValue("key", started.key().orElse(""));
        if (parent != null) {
            observation.parentObservation(parent);
        }
        calls.put(started.id(), observation.start());
    }

    @Override
    public void onStoreCall(StoreCall call) {
        Observation observation = calls.remove(call.id());
        if (observation == null) {
            return;
        }
        if (call.bytes() >= 0) {
            observation.highCardinalityKeyValue("bytes", Long.toString(call.bytes()));
        }
        stop(observation, call.outcome(), call.succeeded(), call);
    }

    @Override
    public void onOperation(OperationEvent operation) {
        Observation observation = operations.remove(operation.id());
        if (observation != null) {
            stop(observation, operation.outcome(), operation.succeeded(), operation);
        }
    }

    private static void stop(Observation observation, String outcome, boolean succeeded, Object event) {
        observation.lowCardinalityKeyValue("outcome", outcome);
        if (!succeeded) {
            observation.error(new StowageCallFailed(event + ""));
        }
        observation.stop();
    }

    @Override
    public String toString() {
        return "ObservationStowageListener(" + operations.size() + " operations and " + calls.size() + " calls open)";
    }

    /** The error a failed span carries: the event's outcome, without a stack trace (it was not thrown here). */
    static final class StowageCallFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StowageCallFailed(String message) {
            super(message, null, false, false);
        }
    }
}
