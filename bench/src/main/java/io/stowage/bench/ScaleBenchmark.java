package io.stowage.bench;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.provider.inmemory.InMemoryBlobStore;
import io.stowage.provider.inmemory.InMemoryItemStore;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What the paired rows of {@link StowageBenchmark} do not show: the MinIO provider against the
 * raw MinIO client, parts in parallel against one at a time, part sizes, load from many
 * callers, a long run's live heap, a 1 GiB file in a 128 MiB heap, the in-memory providers'
 * own speed and the sweeper's. Sizes come from {@code bench.*} properties (see the README);
 * the markdown goes to {@code bench.scaleOutput}.
 *
 * <pre>{@code
 * mvn -B -q -pl bench -am -DskipTests package exec:java -Dexec.mainClass=io.stowage.bench.ScaleBenchmark
 * }</pre>
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {
    }

    /** The sizes of one run; the smoke test makes them tiny. */
    record Sizes(long partsBytes, long partSizesBytes, int loadCallers, int loadPerCaller, int loadPhases, int longRunSaves,
                 long smallHeapBytes, int inMemoryOps, int sweepObjects) {

        static Sizes fromSystemProperties() {
            return new Sizes(Long.getLong("bench.partsMiB", 512) << 20, Long.getLong("bench.partSizesMiB", 64) << 20,
                    Integer.getInteger("bench.loadCallers", 32), Integer.getInteger("bench.loadPerCaller", 40),
                    Integer.getInteger("bench.loadPhases", 6), Integer.getInteger("bench.longRunSaves", 100_000),
                    Long.getLong("bench.smallHeapMiB", 1024) << 20, Integer.getInteger("bench.inMemoryOps", 20_000),
                    Integer.getInteger("bench.sweepObjects", 100_000));
        }
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        String markdown = run(config, Sizes.fromSystemProperties(), System.out);
        System.out.println();
        System.out.print(markdown);
        Path out = Path.of(System.getProperty("bench.scaleOutput", "bench/target/scale-results.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println("Results written to " + out.toAbsolutePath());
    }

    static String run(BenchConfig config, Sizes sizes, PrintStream log) throws Exception {
        // bench.scaleParts=load,smallHeap runs only those parts; by default all of them.
        java.util.Set<String> parts = java.util.Set.of(System.getProperty("bench.scaleParts",
                "minio,parts,partSize,load,longRun,smallHeap,inMemory,sweeper").split(","));
        StringBuilder md = new StringBuilder();
        try (BenchEnvironment env = BenchEnvironment.start(config)) {
            ScenarioRunner runner = new ScenarioRunner(config, log, env.breakdown());
            if (parts.contains("minio")) {
                minioRows(env, runner, config, md);
            }
            if (parts.contains("parts")) {
                parallelParts(env, sizes, md, log);
            }
            if (parts.contains("partSize")) {
                partSizes(env, sizes, md, log);
            }
            if (parts.contains("load")) {
                LoadBenchmark.Result load = LoadBenchmark.throughput(env, sizes.loadCallers, sizes.loadPerCaller, sizes.loadPhases);
                log.print("  load: " + load.markdown());
                md.append("\n### Under load (S3 provider, ").append(sizes.loadPhases).append(" alternating phases; ratios are medians of "
                        + "per-phase ratios)\n\n")
                        .append("| load | raw ops/s | Stowage ops/s | throughput ratio | raw p50 / p99 ms | Stowage p50 / p99 ms "
                                + "| p99 ratio | JVM CPU ms per op, raw / Stowage | client alloc KiB per op, raw / Stowage "
                                + "| context switches per op, raw / Stowage |\n"
                                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n").append(load.markdown());
            }
            if (parts.contains("longRun")) {
                List<Double> live = LoadBenchmark.longRun(env, sizes.longRunSaves, sizes.loadCallers);
                log.println("  long run live heap MiB: " + live);
                md.append("\n### ").append(sizes.longRunSaves).append(" saves in a row (1 KiB, ").append(sizes.loadCallers)
                        .append(" callers, S3 provider): live heap after each tenth, MiB\n\n")
                        .append(live.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).reduce((a, b) -> a + ", " + b)
                                .orElse("")).append("\n");
            }
            if (parts.contains("smallHeap")) {
                md.append("\n### ").append(io.stowage.bench.Sizes.label(sizes.smallHeapBytes))
                        .append(" file in a JVM with -Xmx128m (save from a file, then saveTo)\n\n"
                                + "| blob store | save s | download s | peak heap in use MiB (of 128) |\n|---|---:|---:|---:|\n");
                for (String provider : new String[] {"s3", "minio"}) {
                    md.append(smallHeap(env, provider, sizes.smallHeapBytes, log));
                }
            }
        }
        if (parts.contains("inMemory")) {
            md.append("\n### In-memory providers (1 KiB file, ").append(sizes.inMemoryOps).append(" operations)\n\n"
                    + "| threads | saves/s | loads/s | KiB allocated per save / per load |\n|---|---:|---:|---:|\n");
            for (int threads : new int[] {1, 8}) {
                md.append(inMemory(threads, sizes.inMemoryOps, log));
            }
        }
        if (parts.contains("sweeper")) {
            SweeperBenchmark.Result sweep = SweeperBenchmark.run(sizes.sweepObjects);
            md.append("\n### Sweeper (in memory)\n\n").append(sweep.markdown());
        }
        return md.toString();
    }

    private static void minioRows(BenchEnvironment env, ScenarioRunner runner, BenchConfig config, StringBuilder md)
            throws Exception {
        List<Measurement> minio = new ArrayList<>();
        try (MinioScenarios scenarios = MinioScenarios.start(env)) {
            for (MinioScenarios.SaveMode mode : MinioScenarios.SaveMode.values()) {
                minio.add(runner.run(scenarios.save(mode)));
            }
            minio.add(runner.run(scenarios.download()));
        }
        md.append("### MinIO provider against the raw MinIO client\n\n").append(new ResultTable(minio, config).toMarkdown())
                .append('\n');
    }

    private static void parallelParts(BenchEnvironment env, Sizes sizes, StringBuilder md, PrintStream log) throws Exception {
        md.append("### Parts in parallel against one at a time (").append(io.stowage.bench.Sizes.label(sizes.partsBytes))
                .append(" file)\n\n| blob store | parts at once | median s | MiB/s |\n|---|---:|---:|---:|\n");
        Path file = writeFile(env, "parts.bin", sizes.partsBytes);
        for (String provider : new String[] {"raw SDK", "s3", "minio"}) {
            boolean raw = "raw SDK".equals(provider);
            double one = raw ? rawUpload(env, file, 1, log) : upload(env, provider, file, 1, 8L << 20, log);
            double all = raw ? rawUpload(env, file, 0, log) : upload(env, provider, file, 0, 8L << 20, log);
            md.append(row(provider, "1", one, sizes.partsBytes)).append(row(provider, "default (8)", all, sizes.partsBytes));
            log.printf(Locale.ROOT, "  parts %s: one at a time %.2f s, default %.2f s, speed-up %.2f%n", provider, one, all,
                    one / all);
        }
        Files.delete(file);
    }

    private static void partSizes(BenchEnvironment env, Sizes sizes, StringBuilder md, PrintStream log) throws Exception {
        md.append("\n### Part size (").append(io.stowage.bench.Sizes.label(sizes.partSizesBytes))
                .append(" file, default concurrency)\n\n| blob store | part size | median s | MiB/s |\n|---|---:|---:|---:|\n");
        Path file = writeFile(env, "sized.bin", sizes.partSizesBytes);
        for (String provider : new String[] {"s3", "minio"}) {
            for (long partMiB : new long[] {8, 16, 32}) {
                double s = upload(env, provider, file, 0, partMiB << 20, log);
                md.append(String.format(Locale.ROOT, "| %s | %d MiB | %.2f | %.0f |%n", provider, partMiB, s,
                        sizes.partSizesBytes / 1048576.0 / s));
            }
        }
        Files.delete(file);
    }

    private static String row(String provider, String parts, double seconds, long bytes) {
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f |%n", provider, parts, seconds, bytes / 1048576.0 / seconds);
    }

    private static Path writeFile(BenchEnvironment env, String name, long size) throws Exception {
        Path file = env.workDir().resolve(name);
        try (var out = Files.newOutputStream(file)) {
            byte[] chunk = BenchEnvironment.randomBytes(1 << 20);
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return file;
    }

    /**
     * The raw side of the parts row: the median of three {@code S3TransferManager.uploadFile}
     * calls (after one untimed) with at most {@code partsInFlight} parts at once (0: the
     * default), in seconds. It shows what the server allows, whatever Stowage does.
     */
    private static double rawUpload(BenchEnvironment env, Path file, int partsInFlight, PrintStream log) {
        try (RawClients.OwnTransferManager tm = env.raw().transferManager(partsInFlight)) {
            List<Double> seconds = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                long t0 = System.nanoTime();
                tm.manager.uploadFile(software.amazon.awssdk.transfer.s3.model.UploadFileRequest.builder()
                        .putObjectRequest(RawDocuments.putObject("RAW#parts", "v" + partsInFlight, "parts.bin"))
                        .source(file).build()).completionFuture().join();
                if (round > 0) {
                    seconds.add((System.nanoTime() - t0) / 1e9);
                }
            }
            Collections.sort(seconds);
            log.printf(Locale.ROOT, "  upload raw SDK parts in flight %s: %s s%n", partsInFlight == 0 ? "default" : partsInFlight,
                    seconds);
            return seconds.get(seconds.size() / 2);
        }
    }

    /** The median of three uploads of {@code file} (after one untimed), in seconds; {@code concurrency} 0: the default. */
    private static double upload(BenchEnvironment env, String provider, Path file, int concurrency, long partSize,
                                 PrintStream log) throws Exception {
        try (Stowage stowage = env.stowage(provider, b -> {
            b.partSize(partSize);
            if (concurrency > 0) {
                b.maxConcurrency(concurrency);
            }
        })) {
            Table<BenchDocument> table = stowage.table(BenchDocument.class);
            List<Double> seconds = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                BenchDocument doc = new BenchDocument();
                doc.pk = "PARTS#" + provider + "-" + concurrency + "-" + partSize;
                doc.sk = "v1";
                doc.content = S3File.of(file);
                long t0 = System.nanoTime();
                table.syncSave(doc);
                if (round > 0) {
                    seconds.add((System.nanoTime() - t0) / 1e9);
                }
            }
            Collections.sort(seconds);
            log.printf(Locale.ROOT, "  upload %s concurrency %s part %d MiB: %s s%n", provider,
                    concurrency == 0 ? "default" : concurrency, partSize >> 20, seconds);
            return seconds.get(seconds.size() / 2);
        }
    }

    private static String smallHeap(BenchEnvironment env, String provider, long size, PrintStream log) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File out = env.workDir().resolve("small-heap-" + provider + ".log").toFile();
        Process child = new ProcessBuilder(List.of(javaBin, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                classPath(), SmallHeapRun.class.getName(), provider, env.s3Server().endpoint().toString(),
                env.s3Server().accessKey(), env.s3Server().secretKey(), env.workDir().resolve("small-heap").toString(),
                Long.toString(size))).redirectErrorStream(true).redirectOutput(out).start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        String printed = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("saveMs=(\\d+) downloadMs=(\\d+) peakHeapMiB=(\\d+)")
                .matcher(printed);
        if (child.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("The -Xmx128m run on " + provider + " failed:\n" + printed);
        }
        log.printf("  %s in -Xmx128m on %s: %s%n", io.stowage.bench.Sizes.label(size), provider, m.group());
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s |%n", provider, Long.parseLong(m.group(1)) / 1000.0,
                Long.parseLong(m.group(2)) / 1000.0, m.group(3));
    }

    /**
     * This benchmark's class path: the class loader's own under {@code exec:java} (whose
     * {@code java.class.path} is Maven's), else the JVM's.
     */
    private static String classPath() {
        if (ScaleBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader) {
            StringBuilder path = new StringBuilder();
            for (java.net.URL url : ((java.net.URLClassLoader) ScaleBenchmark.class.getClassLoader()).getURLs()) {
                try {
                    path.append(path.length() == 0 ? "" : File.pathSeparator).append(Path.of(url.toURI()));
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException("Not a file on the class path: " + url, e);
                }
            }
            return path.toString();
        }
        return System.getProperty("java.class.path");
    }

    private static String inMemory(int threads, int ops, PrintStream log) throws Exception {
        try (Stowage stowage = Stowage.builder().blobStore(InMemoryBlobStore.create()).itemStore(InMemoryItemStore.create()).build()) {
            stowage.syncCreateBucketIfMissing(BenchDocument.BUCKET);
            Table<BenchDocument> table = stowage.table(BenchDocument.class);
            table.syncCreateTableIfMissing();
            byte[] file = BenchEnvironment.randomBytes(1024);
            timed(threads, ops / 4, i -> save(table, i, file));
            Timed saves = timed(threads, ops, i -> save(table, i, file));
            Timed loads = timed(threads, ops, i -> table.syncGet("MEM#" + (i % 1000), "v1").orElseThrow());
            log.printf(Locale.ROOT, "  in memory, %d thread(s): %.0f saves/s, %.0f loads/s, %.1f / %.1f KiB allocated per save / load%n",
                    threads, saves.perSecond, loads.perSecond, saves.kibPerCall, loads.kibPerCall);
            return String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.1f / %.1f |%n", threads, saves.perSecond, loads.perSecond,
                    saves.kibPerCall, loads.kibPerCall);
        }
    }

    private static void save(Table<BenchDocument> table, int i, byte[] file) {
        BenchDocument doc = new BenchDocument();
        doc.pk = "MEM#" + (i % 1000);
        doc.sk = "v1";
        doc.content = S3File.of(file, "m.bin");
        table.syncSave(doc);
    }

    /** Calls per second, and KiB every thread allocated per call (the stores' pools included: no network below them). */
    private record Timed(double perSecond, double kibPerCall) {
    }

    /** {@code ops} calls spread over {@code threads}. */
    private static Timed timed(int threads, int ops, java.util.function.IntConsumer call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AllocationCounter allocation = AllocationCounter.create();
        try {
            AllocationCounter.Snapshot before = allocation.snapshot();
            long t0 = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                all.add(pool.submit(() -> {
                    for (int i = first; i < ops; i += threads) {
                        call.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            double perSecond = ops / ((System.nanoTime() - t0) / 1e9);
            // Before the pool shuts down: a thread that has ended takes its count with it.
            return new Timed(perSecond, allocation.allocatedSince(before) / 1024.0 / ops);
        } finally {
            pool.shutdown();
        }
    }
}
