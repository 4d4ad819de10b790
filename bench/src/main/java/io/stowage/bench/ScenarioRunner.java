package io.stowage.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs a scenario: set-up, warm-up rounds, then measured rounds that alternate the two
 * sides (raw first in even rounds, Stowage first in odd ones), so that both share the
 * machine's noise and neither always runs on the other's warm caches. For the
 * large-file scenarios, heap in use is sampled during the measured rounds, and one more
 * untimed round per side measures the live heap (see {@link HeapSampler}). A last untimed
 * Stowage round records the store calls it made ({@link CallBreakdown}): where its time goes.
 *
 * <pre>{@code
 * Measurement m = new ScenarioRunner(config, System.out, env.breakdown()).run(new QueryScenario(env));
 * }</pre>
 */
final class ScenarioRunner {

    private final BenchConfig config;
    private final PrintStream log;
    private final CallBreakdown breakdown;
    private static final Duration MAX_JIT_WAIT = Duration.ofSeconds(30);
    /**
     * The first scenario also warms up what every later one shares (the SDK, the servers,
     * the engine), so it may wait longer: with 30 s the first row was measured with the JIT
     * still compiling for half of each second.
     */
    private static final Duration MAX_FIRST_JIT_WAIT = Duration.ofSeconds(120);
    private static final Duration JIT_STRETCH = Duration.ofSeconds(1);

    private final AllocationCounter allocations = AllocationCounter.create();
    private final JitActivity jit = JitActivity.create();
    private boolean first = true;

    ScenarioRunner(BenchConfig config, PrintStream log, CallBreakdown breakdown) {
        this.config = config;
        this.log = log;
        this.breakdown = breakdown;
    }

    Measurement run(Scenario scenario) throws Exception {
        long started = System.nanoTime();
        scenario.prepare();
        for (int i = 0; i < config.warmupRounds(); i++) {
            round(scenario, Side.RAW, null);
            round(scenario, Side.STOWAGE, null);
        }
        // Then more warm-up rounds while the JIT is busy compiling (JitActivity says why), for
        // at most MAX_JIT_WAIT; none where no warm-up was asked for (the smoke test). Each
        // stretch judged lasts at least JIT_STRETCH: the JVM adds a compilation's time when it
        // finishes, in whole milliseconds, so one short round says little either way.
        int extra = 0;
        double lastShare = 0;
        long jitDeadline = System.nanoTime() + (first ? MAX_FIRST_JIT_WAIT : MAX_JIT_WAIT).toNanos();
        first = false;
        boolean compiling = config.warmupRounds() > 0;
        while (compiling && System.nanoTime() < jitDeadline) {
            jit.start();
            long stretchEnd = System.nanoTime() + JIT_STRETCH.toNanos();
            do {
                round(scenario, Side.RAW, null);
                round(scenario, Side.STOWAGE, null);
                extra++;
            } while (System.nanoTime() < stretchEnd);
            lastShare = jit.share();
            compiling = lastShare >= JitActivity.QUIET_SHARE;
        }
        Measurement m = new Measurement(scenario.name(), scenario.rawDescription(), scenario.stowageDescription(),
                scenario.tracksHeap());
        Supplier<HeapSampler> inUse = scenario.tracksHeap() ? HeapSampler::inUse : null;
        for (int i = 0; i < config.rounds(); i++) {
            Side first = i % 2 == 0 ? Side.RAW : Side.STOWAGE;
            for (Side side : List.of(first, first.other())) {
                Round r = round(scenario, side, inUse);
                if (side == Side.RAW) {
                    m.addRaw(r.millisPerCall(), r.allocatedPerCall(), r.heapBytes());
                } else {
                    m.addStowage(r.millisPerCall(), r.allocatedPerCall(), r.heapBytes());
                }
            }
        }
        if (scenario.tracksHeap()) {
            m.addRawLiveHeap(round(scenario, Side.RAW, HeapSampler::live).heapBytes());
            m.addStowageLiveHeap(round(scenario, Side.STOWAGE, HeapSampler::live).heapBytes());
        }
        breakdown.start();
        round(scenario, Side.STOWAGE, null);
        m.stowageCalls(breakdown.stop(scenario.callsPerRound()));
        log.printf(Locale.ROOT, "  %-26s raw %8.2f ms [%s]   stowage %8.2f ms [%s]   ratio %5.2f   "
                        + "alloc ratio %5.2f   (%.1f s; %d warm-up rounds more, the JIT at %.0f%% of the last second)%n",
                scenario.name(), m.rawMedianMillis(), range(m.rawMillis()), m.stowageMedianMillis(),
                range(m.stowageMillis()), m.ratio(), m.allocationRatio(), (System.nanoTime() - started) / 1e9, extra,
                lastShare * 100);
        log.println("    stowage calls per operation: " + m.stowageCalls());
        return m;
    }

    /** The spread of the rounds, so that a reader can tell a real difference from noise. */
    private static String range(List<Double> millis) {
        return String.format(Locale.ROOT, "%.2f-%.2f", Collections.min(millis), Collections.max(millis));
    }

    /** One round of one side; the heap is sampled across its calls when {@code sampler} is given. */
    private Round round(Scenario scenario, Side side, Supplier<HeapSampler> sampler) throws Exception {
        int calls = scenario.callsPerRound();
        long elapsed = 0;
        long heap = 0;
        HeapSampler running = sampler == null ? null : sampler.get();
        AllocationCounter.Snapshot before = allocations.snapshot();
        long allocated = 0;
        try {
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                if (side == Side.RAW) {
                    scenario.raw();
                } else {
                    scenario.stowage();
                }
                elapsed += System.nanoTime() - t0;
                if (i == calls - 1) {
                    allocated = allocations.allocatedSince(before);
                }
                if (running != null && i == calls - 1) {
                    // Before the clean-up: deleting a file is not the client's memory.
                    heap = running.stop();
                    running = null;
                }
                scenario.afterEach();
            }
        } finally {
            if (running != null) {
                running.stop();
            }
        }
        return new Round(elapsed / 1e6 / calls, allocated / (double) calls, heap);
    }

    private enum Side {
        RAW, STOWAGE;

        Side other() {
            return this == RAW ? STOWAGE : RAW;
        }
    }

    private record Round(double millisPerCall, double allocatedPerCall, long heapBytes) {
    }
}
