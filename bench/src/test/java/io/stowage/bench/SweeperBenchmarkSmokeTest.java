package io.stowage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the sweeper benchmark on 2,000 objects to prove that it seeds, sweeps and counts
 * correctly. It asserts no speed: timings belong to the benchmark's own run.
 */
class SweeperBenchmarkSmokeTest {

    @Test
    void theSweepFindsEveryOrphanAndKeepsEveryReferencedObject() throws Exception {
        SweeperBenchmark.Result result = SweeperBenchmark.run(2000);

        assertThat(result.dryRun.listed()).isEqualTo(2000);
        assertThat(result.dryRun.orphaned()).isEqualTo(1000);
        assertThat(result.dryRun.deleted()).isZero();
        assertThat(result.sweep.referenced()).isEqualTo(1000);
        assertThat(result.sweep.deleted()).isEqualTo(1000);
        assertThat(result.sweep.failed()).isZero();
        assertThat(result.dryRunObjectsPerSecond).isPositive();
        assertThat(result.markdown()).contains("sweeper").contains("2,000");
    }
}
