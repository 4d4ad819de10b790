package io.stowage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every part of the scale benchmark at a tiny size (a 12 MiB file in the 128 MiB child
 * JVM, a few callers, a few hundred operations) to prove that each works against the real
 * servers and reports its figures. It asserts no timing.
 */
class ScaleBenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyPartReportsItsFigures() throws Exception {
        BenchConfig config = BenchConfig.builder().rounds(1).warmupRounds(0).smallKiB(64).largeMiB(1).queryItems(2).pageSize(2)
                .output(dir.resolve("bench-results.md")).build();
        ScaleBenchmark.Sizes sizes = new ScaleBenchmark.Sizes(11L << 20, 11L << 20, 4, 2, 2, 40, 12L << 20, 200, 200);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        String markdown = ScaleBenchmark.run(config, sizes, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(markdown).contains("| MinIO: save 64 KiB (bytes) |", "| MinIO: save 64 KiB (bytes), a new item each time |",
                        "| MinIO: download 64 KiB to memory |")
                .contains("| raw SDK | 1 |", "| raw SDK | default (8) |")
                .contains("| s3 | 1 |", "| minio | default (8) |", "| s3 | 32 MiB |", "| minio | 8 MiB |")
                .contains("4 callers x 2 (save 64 KiB + load) |", "4 callers x 2 (save 64 KiB + load), clean-up in background |",
                        "4 callers x 2 (save 64 KiB + load), raw side never overwrites |",
                        "4 callers x 2 (save 64 KiB + load), raw side never overwrites, clean-up in background |",
                        "4 callers x 2 (save 64 KiB + load), raw side sends Stowage's requests |",
                        "4 callers x 2 (save 64 KiB + load), a new item each time |")
                .contains("| context switches per op, raw / Stowage |")
                .contains("40 saves in a row")
                .contains("| s3 | ", "| minio | ")
                .contains("| 1 | ", "| 8 | ")
                .contains("Sweeper");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("in -Xmx128m on s3", "in -Xmx128m on minio");
    }
}
