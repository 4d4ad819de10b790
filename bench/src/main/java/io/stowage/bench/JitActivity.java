package io.stowage.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How busy the JIT compilers were over a stretch of work: their compilation time over the
 * stretch's wall time (above 1 when several compiler threads work at once). A benchmark warms
 * up until this falls below {@link #QUIET_SHARE}: a CPU profile of the load benchmark
 * (async-profiler) showed the compiler threads taking a fifth of the samples of the measured
 * phases for minutes after a fixed warm-up, on two cores, so the phases timed the compiler
 * as much as the code.
 *
 * <pre>{@code
 * JitActivity jit = JitActivity.create();
 * do {
 *     jit.start();
 *     warmUpRound();
 * } while (jit.share() >= JitActivity.QUIET_SHARE);
 * }</pre>
 */
final class JitActivity {

    /** Below this share of a stretch's time, the JIT counts as done. */
    static final double QUIET_SHARE = 0.05;

    private final CompilationMXBean jit;
    private long compileMillisAtStart;
    private long startNanos;

    private JitActivity(CompilationMXBean jit) {
        this.jit = jit;
    }

    static JitActivity create() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return new JitActivity(bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null);
    }

    /** Starts a stretch. */
    void start() {
        compileMillisAtStart = jit == null ? 0 : jit.getTotalCompilationTime();
        startNanos = System.nanoTime();
    }

    /**
     * The compilers' time over the wall time since {@link #start()}; 0 where the JVM does not
     * tell. The JVM adds a compilation's time when it finishes, in whole milliseconds: judge
     * stretches of a second or more.
     */
    double share() {
        if (jit == null) {
            return 0;
        }
        double wallMillis = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e6);
        return (jit.getTotalCompilationTime() - compileMillisAtStart) / wallMillis;
    }

}
