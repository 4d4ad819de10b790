package io.stowage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole benchmark at the smallest size to prove that every scenario works on
 * the real servers and reports numbers. It asserts no ratio: timings belong to the
 * benchmark's own run, never to a unit test.
 */
class StowageBenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioProducesARowOfPositiveNumbers() throws Exception {
        BenchConfig config = BenchConfig.builder()
                .rounds(1)
                .warmupRounds(0)
                .smallKiB(64)
                .largeMiB(1)
                .queryItems(10)
                .pageSize(4)
                .output(dir.resolve("results/bench-results.md"))
                .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        ResultTable table = StowageBenchmark.run(config, new PrintStream(log, true, StandardCharsets.UTF_8));

        List<Measurement> rows = table.rows();
        assertThat(rows.stream().map(Measurement::scenario).collect(Collectors.toList())).containsExactly(
                "save 64 KiB (bytes)",
                "save 64 KiB (bytes), clean-up in background",
                "save 64 KiB (bytes), raw side never overwrites",
                "save 64 KiB (bytes), a new item each time",
                "save 1 MiB (file)",
                "load metadata",
                "query 10 items",
                "download 64 KiB to memory",
                "download 1 MiB to file");
        for (Measurement m : rows) {
            assertThat(m.rounds()).as(m.scenario()).isEqualTo(1);
            assertThat(m.rawMedianMillis()).as(m.scenario()).isPositive();
            assertThat(m.stowageMedianMillis()).as(m.scenario()).isPositive();
            assertThat(m.ratio()).as(m.scenario()).isPositive();
            assertThat(m.rawMedianAllocatedBytes()).as(m.scenario()).isPositive();
            assertThat(m.stowageMedianAllocatedBytes()).as(m.scenario()).isPositive();
            assertThat(m.stowageCalls()).as("the store calls of %s", m.scenario()).isNotEmpty();
        }
        for (Measurement m : List.of(rows.get(4), rows.get(8))) {
            assertThat(m.tracksHeap()).as(m.scenario()).isTrue();
            assertThat(m.rawPeakHeapBytes()).as(m.scenario()).isPresent();
            assertThat(m.stowagePeakHeapBytes()).as(m.scenario()).isPresent();
            assertThat(m.rawPeakLiveHeapBytes()).as(m.scenario()).isPresent();
            assertThat(m.stowagePeakLiveHeapBytes()).as(m.scenario()).isPresent();
        }
        assertThat(rows.get(0).rawPeakHeapBytes()).isEmpty();

        table.writeMarkdown(config.output());
        String markdown = Files.readString(config.output());
        assertThat(markdown).contains("| scenario | raw ms | Stowage ms | time ratio (IQR) |");
        rows.forEach(m -> assertThat(markdown).contains("| " + m.scenario() + " |"));
        assertThat(table.toText()).contains("download 1 MiB to file");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("query 10 items");
    }
}
