package io.stowage.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures Stowage against the raw AWS SDK v2 on the same local servers (s3proxy in this
 * JVM, dynalite beside it) and reports ratios from one run: save small and large, load
 * metadata, query a partition, download to memory and to a file. Settings come from
 * {@code bench.*} system properties (see {@link BenchConfig}); the table is printed and
 * written as markdown to {@code bench.output}.
 *
 * <pre>{@code
 * mvn -B -q -pl bench -am -DskipTests package exec:java -Dbench.rounds=5 -Dbench.largeMiB=64
 * }</pre>
 */
public final class StowageBenchmark {

    private StowageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        ResultTable table = run(config, System.out);
        System.out.println();
        System.out.print(table.toText());
        table.writeMarkdown(config.output());
        System.out.println("Results written to " + config.output().toAbsolutePath());
    }

    /** Starts the servers, runs every scenario and stops them again; progress goes to {@code log}. */
    public static ResultTable run(BenchConfig config, PrintStream log) throws Exception {
        long started = System.nanoTime();
        log.println("Stowage benchmark: " + config);
        List<Measurement> results = new ArrayList<>();
        try (BenchEnvironment env = BenchEnvironment.start(config)) {
            log.printf("  servers up in %.1f s%n", (System.nanoTime() - started) / 1e9);
            ScenarioRunner runner = new ScenarioRunner(config, log, env.breakdown());
            for (Scenario scenario : scenarios(env)) {
                results.add(runner.run(scenario));
            }
        }
        log.printf("  done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return new ResultTable(results, config);
    }

    private static List<Scenario> scenarios(BenchEnvironment env) {
        return List.of(
                SaveScenario.small(env),
                SaveScenario.smallCleaningInBackground(env),
                SaveScenario.smallAgainstRawNeverOverwriting(env),
                SaveScenario.smallNewItems(env),
                SaveScenario.large(env),
                new LoadMetadataScenario(env),
                new QueryScenario(env),
                new DownloadBytesScenario(env),
                new DownloadFileScenario(env));
    }
}
