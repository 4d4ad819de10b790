package io.stowage.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.spi.Credentials;
import io.stowage.testbackends.DynaliteServer;
import io.stowage.testbackends.S3ProxyServer;

/**
 * Everything both sides of a run share: an s3proxy and a dynalite of the run's own, the
 * bucket and table, a {@link Stowage} over the {@code s3} and {@code dynamodb} providers
 * (found by name through ServiceLoader, as an application would), the raw clients, and
 * the test files.
 *
 * <p>s3proxy keeps objects in files here (under {@link BenchConfig#workDir()}): its
 * in-memory store would hold every object in this JVM's heap, which would both swamp the
 * heap figures and hide what the clients do.
 *
 * <pre>{@code
 * try (BenchEnvironment env = BenchEnvironment.start(BenchConfig.fromSystemProperties())) {
 *     env.table().syncGet("STOWAGE#save", "v1");
 * }
 * }</pre>
 */
final class BenchEnvironment implements AutoCloseable {

    private static final long SEED = 20240601L;

    private final BenchConfig config;
    private final Path workDir;
    private final S3ProxyServer s3;
    private final DynaliteServer dynamo;
    private final Stowage stowage;
    private final Table<BenchDocument> table;
    private final RawClients raw;
    private final byte[] smallBytes;
    private final Path largeFile;
    private final CallBreakdown breakdown;
    private Stowage cleaningInBackground;

    private BenchEnvironment(BenchConfig config, Path workDir, S3ProxyServer s3, DynaliteServer dynamo,
                             Stowage stowage, RawClients raw, byte[] smallBytes, Path largeFile, CallBreakdown breakdown) {
        this.config = config;
        this.breakdown = breakdown;
        this.workDir = workDir;
        this.s3 = s3;
        this.dynamo = dynamo;
        this.stowage = stowage;
        this.table = stowage.table(BenchDocument.class);
        this.raw = raw;
        this.smallBytes = smallBytes;
        this.largeFile = largeFile;
    }

    /** Starts the servers, creates the bucket, the table and the files. */
    static BenchEnvironment start(BenchConfig config) throws IOException {
        Path workDir = Files.createTempDirectory(Files.createDirectories(config.workDir()), "stowage-bench-");
        S3ProxyServer s3 = null;
        DynaliteServer dynamo = null;
        Stowage stowage = null;
        RawClients raw = null;
        CallBreakdown breakdown = new CallBreakdown();
        try {
            s3 = S3ProxyServer.startOnDisk(workDir.resolve("s3proxy"));
            dynamo = DynaliteServer.start();
            S3ProxyServer blobServer = s3;
            DynaliteServer itemServer = dynamo;
            stowage = Stowage.builder()
                    .blobStoreProvider("s3")
                    .itemStoreProvider("dynamodb")
                    .config(StowageConfig.builder()
                            .settings(b -> b.region(S3ProxyServer.REGION))
                            .blobStore(b -> b.endpoint(blobServer.endpoint())
                                    .credentials(Credentials.basic(blobServer.accessKey(), blobServer.secretKey())))
                            .itemStore(b -> b.endpoint(itemServer.endpoint())
                                    .credentials(Credentials.basic(itemServer.accessKey(), itemServer.secretKey())))
                            .listener(breakdown)
                            .build())
                    .build();
            raw = new RawClients(s3.endpoint(), s3.accessKey(), s3.secretKey(),
                    dynamo.endpoint(), dynamo.accessKey(), dynamo.secretKey(), S3ProxyServer.REGION);
            byte[] small = randomBytes(config.smallBytes());
            Path large = writeRandomFile(workDir.resolve("large.bin"), config.largeBytes());
            BenchEnvironment env = new BenchEnvironment(config, workDir, s3, dynamo, stowage, raw, small, large, breakdown);
            env.createBucketAndTable();
            return env;
        } catch (IOException | RuntimeException e) {
            closeAll(e, raw, stowage, dynamo, s3);
            deleteTree(workDir);
            throw e;
        }
    }

    private void createBucketAndTable() {
        stowage.syncCreateBucketIfMissing(BenchDocument.BUCKET);
        table.syncCreateTableIfMissing();
    }

    /** The store calls of every Stowage this environment builds, while a breakdown is taken. */
    CallBreakdown breakdown() {
        return breakdown;
    }

    BenchConfig config() {
        return config;
    }

    /**
     * Another Stowage on the same servers: {@code blobProvider} ({@code s3} or {@code minio})
     * with {@code blobSettings} over the defaults (part size, concurrency); the caller closes it.
     */
    Stowage stowage(String blobProvider, java.util.function.Consumer<io.stowage.spi.StoreSettings.Builder> blobSettings) {
        return stowage(blobProvider, blobSettings, false);
    }

    /**
     * The documents table of a Stowage on the same servers whose saves delete the objects they
     * replaced after completing ({@code cleanupInBackground}); closed with the environment.
     */
    synchronized Table<BenchDocument> tableCleaningInBackground() {
        if (cleaningInBackground == null) {
            cleaningInBackground = stowage("s3", b -> { }, true);
        }
        return cleaningInBackground.table(BenchDocument.class);
    }

    private Stowage stowage(String blobProvider, java.util.function.Consumer<io.stowage.spi.StoreSettings.Builder> blobSettings,
                            boolean cleanupInBackground) {
        return Stowage.builder()
                .blobStoreProvider(blobProvider)
                .itemStoreProvider("dynamodb")
                .config(StowageConfig.builder()
                        .settings(b -> b.region(S3ProxyServer.REGION))
                        .blobStore(b -> {
                            b.endpoint(s3.endpoint()).credentials(Credentials.basic(s3.accessKey(), s3.secretKey()));
                            blobSettings.accept(b);
                        })
                        .itemStore(b -> b.endpoint(dynamo.endpoint())
                                .credentials(Credentials.basic(dynamo.accessKey(), dynamo.secretKey())))
                        .listener(breakdown)
                        .cleanupInBackground(cleanupInBackground)
                        .build())
                .build();
    }

    S3ProxyServer s3Server() {
        return s3;
    }

    Path workDir() {
        return workDir;
    }

    Table<BenchDocument> table() {
        return table;
    }

    RawClients raw() {
        return raw;
    }

    /** The small file's content; never modified. */
    byte[] smallBytes() {
        return smallBytes;
    }

    Path largeFile() {
        return largeFile;
    }

    /** A fresh folder for a scenario's downloads. */
    Path newDirectory(String name) throws IOException {
        return Files.createDirectories(workDir.resolve(name));
    }

    @Override
    public void close() {
        RuntimeException failure = new RuntimeException("Closing the benchmark environment failed");
        closeAll(failure, raw, cleaningInBackground, stowage, dynamo, s3);
        deleteTree(workDir);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(Throwable collector, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                collector.addSuppressed(e);
            }
        }
    }

    static byte[] randomBytes(long size) {
        byte[] data = new byte[Math.toIntExact(size)];
        // Random, not zeros: nothing on the way may win by compressing or deduplicating.
        new Random(SEED).nextBytes(data);
        return data;
    }

    private static Path writeRandomFile(Path file, long size) throws IOException {
        Random random = new Random(SEED + 1);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
        return file;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Leftovers in the temp folder are harmless; the results are what matters.
            System.err.println("Could not delete " + root + " entirely: " + e.getMessage());
        }
    }
}
