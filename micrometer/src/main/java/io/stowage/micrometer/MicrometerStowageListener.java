package io.stowage.micrometer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.stowage.OperationEvent;
import io.stowage.StoreCall;
import io.stowage.StowageListener;
import java.util.Locale;
import java.util.Objects;

/**
 * Stowage's store calls and operations as Micrometer meters:
 * <ul>
 *   <li>{@code stowage.store.calls} (timer), tagged {@code store} (blob, item),
 *       {@code operation} (put, getBytes, query, ...), {@code provider}, {@code container}
 *       (bucket or table) and {@code outcome} ({@code ok} or the error code);</li>
 *   <li>{@code stowage.store.bytes} (distribution summary) of the bytes each blob call moved,
 *       with the same tags;</li>
 *   <li>{@code stowage.operations} (timer), tagged {@code operation} (save, get, query,
 *       delete, sweep), {@code table} and {@code outcome}.</li>
 * </ul>
 *
 * <pre>{@code
 * Stowage stowage = Stowage.builder()
 *         .config(StowageConfig.builder().listener(MicrometerStowageListener.create(meterRegistry)).build())
 *         .build();
 * }</pre>
 */
public final class MicrometerStowageListener implements StowageListener {

    /** The timer of every store call. */
    public static final String STORE_CALLS = "stowage.store.calls";
    /** The bytes each blob call moved. */
    public static final String STORE_BYTES = "stowage.store.bytes";
    /** The timer of every operation. */
    public static final String OPERATIONS = "stowage.operations";

    private final MeterRegistry registry;

    private MicrometerStowageListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A listener that records into {@code registry}. */
    public static MicrometerStowageListener create(MeterRegistry registry) {
        return new MicrometerStowageListener(registry);
    }

    @Override
    public void onStoreCall(StoreCall call) {
        Tags tags = Tags.of("store", call.store().name().toLowerCase(Locale.ROOT), "operation", call.operation(),
                "provider", call.provider(), "container", call.container() == null ? "none" : call.container(),
                "outcome", call.outcome());
        Timer.builder(STORE_CALLS).description("Calls Stowage made to its blob and item stores").tags(tags)
                .register(registry).record(call.duration());
        if (call.bytes() >= 0) {
            DistributionSummary.builder(STORE_BYTES).description("Bytes a blob call moved").baseUnit("bytes").tags(tags)
                    .register(registry).record(call.bytes());
        }
    }

    @Override
    public void onOperation(OperationEvent operation) {
        Timer.builder(OPERATIONS).description("Stowage operations: save, get, query, delete, sweep")
                .tags("operation", operation.kind().name().toLowerCase(Locale.ROOT), "table", operation.table(),
                        "outcome", operation.outcome())
                .register(registry).record(operation.duration());
    }

    @Override
    public String toString() {
        return "MicrometerStowageListener(" + registry.getClass().getSimpleName() + ")";
    }
}
