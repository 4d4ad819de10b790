package io.stowage.bench;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Stowage as a web service uses it, against the raw SDK with the same clients: {@code callers}
 * threads each saving a 64 KiB file and loading an item, as fast as they can; then a long run
 * of saves in a row whose live heap is sampled after forced collections, which must stay flat
 * after warm-up.
 *
 * <pre>{@code
 * LoadBenchmark.Result r = LoadBenchmark.throughput(env, 32, 40);
 * }</pre>
 */
final class LoadBenchmark {

    private static final int FILE_BYTES = 64 * 1024;
    private static final int MIN_WARM_UP_ROUNDS = 2;
    private static final int MAX_WARM_UP_ROUNDS = 16;

    private LoadBenchmark() {
    }

    /**
     * One side's run: operations per second, latency percentiles (ms) of a save plus a load,
     * and per operation the CPU of this JVM (which runs s3proxy too, so the server's share is
     * in it), the bytes the client threads allocated and the context switches of this JVM's
     * threads (-1 off Linux).
     */
    record Side(double opsPerSecond, double p50, double p99, double cpuMillisPerOp, double allocKiBPerOp, double switchesPerOp) {
    }

    /**
     * Each side's figures in every phase: re-saves of the same items (raw, Stowage, Stowage
     * with {@code cleanupInBackground}, a raw side that never overwrites an object either, and
     * one that also sends Stowage's requests: checksum, back-link, pinned delete) and saves of
     * a new item every time (raw, Stowage, and a raw side sending Stowage's requests: a
     * create-only put with checksum and back-link, the item written returning the old one),
     * where nothing is replaced.
     * A row shows each side's median, and as ratios the medians of the per-phase ratios: the
     * two sides of a phase ran minutes apart at most, so pairing them cancels what drifts.
     */
    record Result(int callers, int perCaller, List<Side> raw, List<Side> stowage, List<Side> background, List<Side> rawNew,
                  List<Side> stowageNew, List<Side> rawNeverOverwriting, List<Side> rawAsStowage, List<Side> rawNewAsStowage) {
        String markdown() {
            return row("", raw, stowage) + row(", clean-up in background", raw, background)
                    + row(", raw side never overwrites", rawNeverOverwriting, stowage)
                    + row(", raw side never overwrites, clean-up in background", rawNeverOverwriting, background)
                    + row(", raw side sends Stowage's requests", rawAsStowage, stowage)
                    + row(", a new item each time", rawNew, stowageNew)
                    + row(", a new item each time, raw side sends Stowage's requests", rawNewAsStowage, stowageNew);
        }

        private String row(String variant, List<Side> bases, List<Side> sides) {
            Side base = median(bases);
            Side side = median(sides);
            List<Double> throughput = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (int i = 0; i < bases.size(); i++) {
                throughput.add(sides.get(i).opsPerSecond / bases.get(i).opsPerSecond);
                p99.add(sides.get(i).p99 / bases.get(i).p99);
            }
            return String.format(Locale.ROOT, "| %d callers x %d (save 64 KiB + load)%s | %.0f | %.0f | %.2f | %.1f / %.1f | %.1f / %.1f "
                            + "| %.2f | %.2f / %.2f | %.0f / %.0f | %.1f / %.1f |%n", callers, perCaller, variant, base.opsPerSecond,
                    side.opsPerSecond, medianOf(throughput), base.p50, base.p99, side.p50, side.p99, medianOf(p99), base.cpuMillisPerOp,
                    side.cpuMillisPerOp, base.allocKiBPerOp, side.allocKiBPerOp, base.switchesPerOp, side.switchesPerOp);
        }
    }

    /** Who a phase runs: the raw SDK where {@code table} is {@code null}, else Stowage through it. */
    /** How a raw side saves: overwriting in place, or never overwriting (with plain requests, or with Stowage's). */
    private enum RawSave { OVERWRITE, NEVER_OVERWRITE, STOWAGE_REQUESTS }

    private record Caller(String name, Table<BenchDocument> table, boolean newItems, RawSave rawSave) {
    }

    static Result throughput(BenchEnvironment env, int callers, int perCaller, int phases) throws Exception {
        byte[] file = BenchEnvironment.randomBytes(FILE_BYTES);
        List<Caller> sides = List.of(new Caller("RAW", null, false, RawSave.OVERWRITE), new Caller("STOWAGE", env.table(), false, null),
                new Caller("BACKGROUND", env.tableCleaningInBackground(), false, null), new Caller("RAWNEW", null, true, RawSave.OVERWRITE),
                new Caller("STOWAGENEW", env.table(), true, null), new Caller("RAWKEEP", null, false, RawSave.NEVER_OVERWRITE),
                new Caller("RAWASSTOWAGE", null, false, RawSave.STOWAGE_REQUESTS),
                new Caller("RAWNEWASSTOWAGE", null, true, RawSave.STOWAGE_REQUESTS));
        java.util.Map<Caller, List<Side>> results = new java.util.HashMap<>();
        // Untimed: rounds of every side until the JIT is all but done (JitActivity says why).
        JitActivity jit = JitActivity.create();
        int rounds = 0;
        boolean compiling = true;
        while (rounds < MIN_WARM_UP_ROUNDS || (compiling && rounds < MAX_WARM_UP_ROUNDS)) {
            jit.start();
            for (Caller side : sides) {
                run(env, callers, perCaller, side, file);
            }
            double share = jit.share();
            compiling = share >= JitActivity.QUIET_SHARE;
            rounds++;
            System.out.printf(Locale.ROOT, "  load warm-up round %d: JIT compiling %.0f%% of the round's time%n", rounds,
                    share * 100);
        }
        for (Caller side : sides) {
            results.put(side, new ArrayList<>());
        }
        for (int phase = 0; phase < phases; phase++) {
            // In one order in even phases, reversed in odd ones: no side always runs on the others' leftovers.
            List<Caller> order = new ArrayList<>(sides);
            if (phase % 2 == 1) {
                Collections.reverse(order);
            }
            for (Caller side : order) {
                results.get(side).add(run(env, callers, perCaller, side, file));
            }
        }
        return new Result(callers, perCaller, results.get(sides.get(0)), results.get(sides.get(1)), results.get(sides.get(2)),
                results.get(sides.get(3)), results.get(sides.get(4)), results.get(sides.get(5)), results.get(sides.get(6)),
                results.get(sides.get(7)));
    }

    private static final java.util.concurrent.atomic.AtomicLong NEW_ITEMS = new java.util.concurrent.atomic.AtomicLong();

    private static Side run(BenchEnvironment env, int callers, int perCaller, Caller side, byte[] file) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<List<Double>>> all = new ArrayList<>();
        long cpuBefore = processCpuNanos();
        ContextSwitches.Reading switchesBefore = ContextSwitches.read();
        AllocationCounter.Snapshot allocBefore = ALLOCATIONS.snapshot();
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        for (int c = 0; c < callers; c++) {
            String caller = side.name + "#load-" + c;
            all.add(pool.submit(() -> {
                List<Double> latencies = new ArrayList<>(perCaller);
                for (int i = 0; i < perCaller; i++) {
                    String pk = side.newItems ? caller + "-" + NEW_ITEMS.incrementAndGet() : caller;
                    long t0 = System.nanoTime();
                    if (side.rawSave == RawSave.NEVER_OVERWRITE || side.rawSave == RawSave.STOWAGE_REQUESTS) {
                        RawDocuments.saveNeverOverwriting(env.raw(), pk, "v1", "load-" + NEW_ITEMS.incrementAndGet() + ".bin", file,
                                side.rawSave == RawSave.STOWAGE_REQUESTS);
                        rawLoad(env, pk);
                    } else if (side.table == null) {
                        rawSaveAndLoad(env, pk, file);
                    } else {
                        stowageSaveAndLoad(side.table, pk, file);
                    }
                    latencies.add((System.nanoTime() - t0) / 1e6);
                }
                return latencies;
            }));
        }
        List<Double> latencies = new ArrayList<>();
        for (Future<List<Double>> f : all) {
            latencies.addAll(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6;
        ContextSwitches.Reading switchesAfter = ContextSwitches.read();
        if (SWITCHES_BY_THREAD) {
            printSwitchesByThread(side.name, switchesAfter.byKindSince(switchesBefore), callers * perCaller);
            System.out.println("  PHASE " + side.name + " " + startMillis + " " + System.currentTimeMillis());
        }
        double allocKiB = ALLOCATIONS.allocatedSince(allocBefore) / 1024.0;
        pool.shutdown();
        // Its callers end before the next phase reads its counts: a thread that ends during a
        // phase takes that phase's switches with it.
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        Collections.sort(latencies);
        int ops = latencies.size();
        long switches = switchesAfter.since(switchesBefore);
        return new Side(ops / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99), cpuMillis / ops, allocKiB / ops,
                switches < 0 ? -1 : switches / (double) ops);
    }

    private static final AllocationCounter ALLOCATIONS = AllocationCounter.create();
    /**
     * {@code -Dbench.switchesByThread=true}: each phase also prints its context switches per
     * operation by kind of thread, and its start and end (epoch ms, "PHASE side start end") to
     * match a profile's samples to the side that ran.
     */
    private static final boolean SWITCHES_BY_THREAD = Boolean.getBoolean("bench.switchesByThread");

    private static void printSwitchesByThread(String side, Map<String, Long> byKind, int ops) {
        StringBuilder line = new StringBuilder("  switches per op by thread, " + side + ":");
        byKind.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() / (double) ops))
                .filter(e -> e.getValue() >= 0.05)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s=%.2f", e.getKey(), e.getValue())));
        System.out.println(line);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    private static void rawSaveAndLoad(BenchEnvironment env, String pk, byte[] file) {
        PutObjectResponse stored = env.raw().s3().putObject(RawDocuments.putObject(pk, "v1", "load.bin"),
                AsyncRequestBody.fromBytes(file)).join();
        env.raw().dynamo().putItem(PutItemRequest.builder().tableName(BenchDocument.TABLE)
                .item(RawDocuments.item(pk, "v1", "load.bin", file.length, stored.eTag())).build()).join();
        rawLoad(env, pk);
    }

    private static void rawLoad(BenchEnvironment env, String pk) {
        env.raw().dynamo().getItem(GetItemRequest.builder().tableName(BenchDocument.TABLE)
                .key(RawDocuments.key(pk, "v1")).build()).join();
    }

    private static void stowageSaveAndLoad(Table<BenchDocument> table, String pk, byte[] file) {
        BenchDocument doc = new BenchDocument();
        doc.pk = pk;
        doc.sk = "v1";
        doc.name = "load.bin";
        doc.content = S3File.of(file, "load.bin").withContentType(RawDocuments.CONTENT_TYPE)
                .withMetadata(RawDocuments.USER_METADATA);
        table.syncSave(doc);
        table.syncGet(pk, "v1").orElseThrow();
    }

    /** The live heap (MiB, after forced collections) at each tenth of {@code saves} saves in a row. */
    static List<Double> longRun(BenchEnvironment env, int saves, int callers) throws Exception {
        Stowage stowage = env.stowage("s3", b -> { });
        try (stowage) {
            Table<BenchDocument> table = stowage.table(BenchDocument.class);
            byte[] file = BenchEnvironment.randomBytes(1024);
            List<Double> live = new ArrayList<>();
            int step = Math.max(1, saves / 10);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                for (int done = 0; done < saves; done += step) {
                    int from = done;
                    int count = Math.min(step, saves - done);
                    List<Future<?>> batch = new ArrayList<>();
                    for (int c = 0; c < callers; c++) {
                        int caller = c;
                        batch.add(pool.submit(() -> {
                            for (int i = from + caller; i < from + count; i += callers) {
                                BenchDocument doc = new BenchDocument();
                                doc.pk = "LONG#" + (i % 1000);
                                doc.sk = "v1";
                                doc.content = S3File.of(file, "long.bin");
                                table.syncSave(doc);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : batch) {
                        f.get();
                    }
                    live.add(liveHeapMiB());
                }
            } finally {
                pool.shutdown();
            }
            return live;
        }
    }

    static double liveHeapMiB() {
        System.gc();
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private static Side median(List<Side> sides) {
        List<Side> byOps = new ArrayList<>(sides);
        byOps.sort((a, b) -> Double.compare(a.opsPerSecond, b.opsPerSecond));
        List<Side> byP99 = new ArrayList<>(sides);
        byP99.sort((a, b) -> Double.compare(a.p99, b.p99));
        List<Side> byP50 = new ArrayList<>(sides);
        byP50.sort((a, b) -> Double.compare(a.p50, b.p50));
        int m = sides.size() / 2;
        List<Side> byCpu = new ArrayList<>(sides);
        byCpu.sort((a, b) -> Double.compare(a.cpuMillisPerOp, b.cpuMillisPerOp));
        List<Side> byAlloc = new ArrayList<>(sides);
        byAlloc.sort((a, b) -> Double.compare(a.allocKiBPerOp, b.allocKiBPerOp));
        List<Side> bySwitches = new ArrayList<>(sides);
        bySwitches.sort((a, b) -> Double.compare(a.switchesPerOp, b.switchesPerOp));
        return new Side(byOps.get(m).opsPerSecond, byP50.get(m).p50, byP99.get(m).p99, byCpu.get(m).cpuMillisPerOp,
                byAlloc.get(m).allocKiBPerOp, bySwitches.get(m).switchesPerOp);
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
