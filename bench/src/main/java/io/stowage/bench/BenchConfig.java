package io.stowage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How long and how big a benchmark run is: rounds, file sizes, query shape and where the
 * markdown results go. Read from system properties ({@code -Dbench.rounds=5}, ...) or
 * built directly, as the smoke test does.
 *
 * <pre>{@code
 * BenchConfig config = BenchConfig.fromSystemProperties();
 * BenchConfig tiny = config.toBuilder().rounds(1).warmupRounds(0).largeMiB(1).build();
 * }</pre>
 */
public final class BenchConfig {

    /** Measured rounds per scenario and side; the median is reported. */
    public static final String ROUNDS = "bench.rounds";
    /** Untimed rounds per scenario and side before measuring (JIT, connection pools, caches). */
    public static final String WARMUP_ROUNDS = "bench.warmup";
    /** Size of the small file, in KiB (save and download to memory). */
    public static final String SMALL_KIB = "bench.smallKiB";
    /** Size of the large file, in MiB (multipart save and download to a file). */
    public static final String LARGE_MIB = "bench.largeMiB";
    /** Items in the queried partition. */
    public static final String QUERY_ITEMS = "bench.queryItems";
    /** Items per query page, the same for both sides. */
    public static final String PAGE_SIZE = "bench.pageSize";
    /** The markdown results file. */
    public static final String OUTPUT = "bench.output";
    /** Where the run's files go (test files, s3proxy's objects, downloads), in a folder deleted afterwards. */
    public static final String WORK_DIR = "bench.workDir";

    private final int rounds;
    private final int warmupRounds;
    private final int smallKiB;
    private final int largeMiB;
    private final int queryItems;
    private final int pageSize;
    private final Path output;
    private final Path workDir;

    private BenchConfig(Builder b) {
        this.rounds = atLeast(b.rounds, 1, ROUNDS);
        this.warmupRounds = atLeast(b.warmupRounds, 0, WARMUP_ROUNDS);
        this.smallKiB = atLeast(b.smallKiB, 1, SMALL_KIB);
        this.largeMiB = atLeast(b.largeMiB, 1, LARGE_MIB);
        this.queryItems = atLeast(b.queryItems, 1, QUERY_ITEMS);
        this.pageSize = atLeast(b.pageSize, 1, PAGE_SIZE);
        this.output = Objects.requireNonNull(b.output, OUTPUT);
        this.workDir = Objects.requireNonNull(b.workDir, WORK_DIR);
    }

    /** The defaults, overridden by whichever {@code bench.*} system properties are set. */
    public static BenchConfig fromSystemProperties() {
        return fromSource(System::getProperty);
    }

    static BenchConfig fromSource(UnaryOperator<String> properties) {
        Builder b = builder();
        b.rounds = intProperty(properties, ROUNDS, b.rounds);
        b.warmupRounds = intProperty(properties, WARMUP_ROUNDS, b.warmupRounds);
        b.smallKiB = intProperty(properties, SMALL_KIB, b.smallKiB);
        b.largeMiB = intProperty(properties, LARGE_MIB, b.largeMiB);
        b.queryItems = intProperty(properties, QUERY_ITEMS, b.queryItems);
        b.pageSize = intProperty(properties, PAGE_SIZE, b.pageSize);
        String out = properties.apply(OUTPUT);
        if (out != null && !out.isBlank()) {
            b.output = Path.of(out.trim());
        }
        String work = properties.apply(WORK_DIR);
        if (work != null && !work.isBlank()) {
            b.workDir = Path.of(work.trim());
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.rounds = rounds;
        b.warmupRounds = warmupRounds;
        b.smallKiB = smallKiB;
        b.largeMiB = largeMiB;
        b.queryItems = queryItems;
        b.pageSize = pageSize;
        b.output = output;
        b.workDir = workDir;
        return b;
    }

    public int rounds() {
        return rounds;
    }

    public int warmupRounds() {
        return warmupRounds;
    }

    public long smallBytes() {
        return smallKiB * 1024L;
    }

    public long largeBytes() {
        return largeMiB * 1024L * 1024L;
    }

    public int queryItems() {
        return queryItems;
    }

    public int pageSize() {
        return pageSize;
    }

    public Path output() {
        return output;
    }

    public Path workDir() {
        return workDir;
    }

    @Override
    public String toString() {
        return ROUNDS + "=" + rounds + ", " + WARMUP_ROUNDS + "=" + warmupRounds + ", " + SMALL_KIB + "=" + smallKiB
                + ", " + LARGE_MIB + "=" + largeMiB + ", " + QUERY_ITEMS + "=" + queryItems + ", " + PAGE_SIZE + "="
                + pageSize + ", " + WORK_DIR + "=" + workDir;
    }

    private static int intProperty(UnaryOperator<String> properties, String name, int fallback) {
        String text = properties.apply(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a whole number, was '" + text + "'", e);
        }
    }

    /**
     * Memory-backed {@code /dev/shm} where there is one: every call writes tens of MiB to
     * files (s3proxy's objects, downloads), and on a disk the kernel's write-back then
     * stalls whichever side happens to run, which drowns the difference being measured.
     * The files stay out of the Java heap either way.
     */
    private static Path defaultWorkDir() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /**
     * Builder of {@link BenchConfig}; starts from the defaults of a full run.
     *
     * <pre>{@code
     * BenchConfig config = BenchConfig.builder().rounds(3).largeMiB(16).build();
     * }</pre>
     */
    public static final class Builder {
        // Defaults sized so that a full run stays under about three minutes on two cores.
        private int rounds = 9;
        private int warmupRounds = 3;
        private int smallKiB = 1024;
        private int largeMiB = 64;
        private int queryItems = 100;
        private int pageSize = 25;
        private Path output = Path.of("target", "bench-results.md");
        private Path workDir = defaultWorkDir();

        private Builder() {
        }

        public Builder rounds(int rounds) {
            this.rounds = rounds;
            return this;
        }

        public Builder warmupRounds(int warmupRounds) {
            this.warmupRounds = warmupRounds;
            return this;
        }

        public Builder smallKiB(int kib) {
            this.smallKiB = kib;
            return this;
        }

        public Builder largeMiB(int mib) {
            this.largeMiB = mib;
            return this;
        }

        public Builder queryItems(int items) {
            this.queryItems = items;
            return this;
        }

        public Builder pageSize(int items) {
            this.pageSize = items;
            return this;
        }

        public Builder output(Path output) {
            this.output = output;
            return this;
        }

        public Builder workDir(Path directory) {
            this.workDir = directory;
            return this;
        }

        public BenchConfig build() {
            return new BenchConfig(this);
        }
    }
}
