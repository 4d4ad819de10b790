package io.stowage.bench;

/**
 * One comparison: the same piece of work done with the raw AWS SDK and with Stowage.
 * {@link ScenarioRunner} calls {@link #prepare()} once, then alternates {@link #raw()}
 * and {@link #stowage()}, timing each call and nothing else; {@link #afterEach()} runs
 * untimed after every call to undo what it left behind (a downloaded file, say).
 *
 * <pre>{@code
 * Scenario scenario = new LoadMetadataScenario(env);
 * scenario.prepare();
 * scenario.raw();
 * scenario.stowage();
 * }</pre>
 */
interface Scenario {

    /** The row label in the results. */
    String name();

    /** What the raw side does, for the results' legend. */
    String rawDescription();

    /** What the Stowage side does, for the results' legend. */
    String stowageDescription();

    /** Whether the peak heap increase is sampled while it runs (the large-file scenarios). */
    default boolean tracksHeap() {
        return false;
    }

    /**
     * How many calls one timed round makes. Calls of a few milliseconds are repeated so
     * that a round is long enough for the clock and for noise to average out; the time
     * reported is per call.
     */
    default int callsPerRound() {
        return 1;
    }

    /** Untimed set-up: objects and items the timed calls read. */
    default void prepare() throws Exception {
    }

    void raw() throws Exception;

    void stowage() throws Exception;

    /** Untimed clean-up after each call of either side. */
    default void afterEach() throws Exception {
    }
}
