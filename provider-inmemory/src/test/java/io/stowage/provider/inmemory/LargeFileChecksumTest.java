package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.ModelException;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.decorators.ForwardingBlobStore;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A file saved from a path is checksummed before its upload only when the upload can carry
 * the checksum (below the store's {@code multipartThreshold()}, where the store verifies it);
 * a file at or above it, whose parts carry no whole-object checksum, uploads while it is
 * checksummed, and the item still records the CRC32C of its bytes. If that read fails after
 * the object was placed, the save fails and deletes the object. The in-memory store verifies
 * checksums at every size, so the stores here declare the threshold an S3 store would.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest=LargeFileChecksumTest
 * }</pre>
 */
class LargeFileChecksumTest {

    private static final long MIB = 1024 * 1024;
    private static final long THRESHOLD = 5 * MIB;

    /** The model of this test. */
    @ModelConfig(table = "checksum-docs")
    public static class Doc {
        @PartitionKey
        public String id;

        @S3Attribute(bucket = "checksum-bucket", prefix = "docs/")
        public S3Value content;
    }

    /** A store that says it uploads everything in parts (no upload carries a checksum it verifies). */
    private static class InParts extends ForwardingBlobStore {
        InParts(BlobStore store) {
            super(store);
        }

        @Override
        public long multipartThreshold() {
            return 0;
        }
    }

    /** A provider of in-memory blob stores seen through {@code wrap}, so that Stowage opens the store from its settings. */
    private static BlobStoreProvider provider(UnaryOperator<BlobStore> wrap) {
        return new BlobStoreProvider() {
            @Override
            public String name() {
                return "inmemory-wrapped";
            }

            @Override
            public BlobStore create(StoreSettings settings) {
                return wrap.apply(new InMemoryBlobStoreProvider().create(settings));
            }
        };
    }

    private static Stowage stowage(UnaryOperator<BlobStore> wrap) {
        Stowage stowage = Stowage.builder().blobStoreProvider(provider(wrap)).itemStoreProvider("inmemory")
                .config(StowageConfig.builder().blobStore(s -> s.multipartThreshold(THRESHOLD).partSize(THRESHOLD)).build())
                .build();
        stowage.syncCreateBucketIfMissing("checksum-bucket");
        stowage.table(Doc.class).syncCreateTableIfMissing();
        return stowage;
    }

    /** What saving {@code file} as the item {@code id} threw. */
    private static Throwable failedSave(Stowage stowage, String id, S3File file) {
        Doc doc = new Doc();
        doc.id = id;
        doc.content = file;
        return catchThrowable(() -> stowage.table(Doc.class).syncSave(doc));
    }

    private static void assertNothingLeft(Stowage stowage, String id) {
        assertThat(stowage.table(Doc.class).syncGet(id)).as("item").isEmpty();
        assertThat(stowage.blobStore().list(ListBlobsRequest.builder().bucket("checksum-bucket").build()).join().blobs())
                .as("objects left in the bucket").isEmpty();
    }

    private static String crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        long v = crc.getValue();
        return "crc32c:" + java.util.Base64.getEncoder().encodeToString(
                new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static byte[] random(long size, int seed) {
        byte[] data = new byte[(int) size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void onlyAFileBelowTheMultipartThresholdWaitsForItsChecksumAndCarriesIt(@TempDir Path dir) throws Exception {
        List<PutBlobRequest> puts = new CopyOnWriteArrayList<>();
        byte[] small = random(MIB, 1);
        byte[] large = random(THRESHOLD + MIB, 2);
        Path smallFile = Files.write(dir.resolve("small.bin"), small);
        Path largeFile = Files.write(dir.resolve("large.bin"), large);
        try (Stowage stowage = stowage(store -> new ForwardingBlobStore(store) {
            @Override
            public long multipartThreshold() {
                return THRESHOLD;
            }

            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                puts.add(request);
                return super.put(request, content);
            }
        })) {
            Table<Doc> table = stowage.table(Doc.class);
            for (Map.Entry<String, Path> e : Map.of("small", smallFile, "large", largeFile).entrySet()) {
                Doc doc = new Doc();
                doc.id = e.getKey();
                doc.content = S3File.of(e.getValue());
                table.syncSave(doc);
            }

            assertThat(puts).hasSize(2);
            for (PutBlobRequest put : puts) {
                boolean inParts = put.id().key().contains("large");
                assertThat(put.checksumCrc32c()).as("checksum sent with %s", put.id().key())
                        .isEqualTo(inParts ? java.util.Optional.empty()
                                : java.util.Optional.of(crc32c(small).substring("crc32c:".length())));
            }
            S3Value loadedLarge = table.syncGet("large").orElseThrow().content;
            assertThat(loadedLarge.checksum()).as("checksum recorded for the file in parts").hasValue(crc32c(large));
            assertThat(loadedLarge.syncGetBytes()).as("bytes read back, checked against it").isEqualTo(large);
            assertThat(table.syncGet("small").orElseThrow().content.checksum()).hasValue(crc32c(small));
        }
    }

    @Test
    void aStoreThatVerifiesChecksumsAtEverySizeGetsOneWithEveryFile(@TempDir Path dir) throws Exception {
        List<PutBlobRequest> puts = new CopyOnWriteArrayList<>();
        byte[] large = random(THRESHOLD + MIB, 4);
        Path largeFile = Files.write(dir.resolve("large.bin"), large);
        try (Stowage stowage = stowage(store -> new ForwardingBlobStore(store) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                puts.add(request);
                return super.put(request, content);
            }
        })) {
            assertThat(stowage.blobStore().multipartThreshold()).as("the in-memory store's").isEqualTo(Long.MAX_VALUE);
            Doc doc = new Doc();
            doc.id = "large";
            doc.content = S3File.of(largeFile);
            stowage.table(Doc.class).syncSave(doc);

            assertThat(puts).singleElement().satisfies(put -> assertThat(put.checksumCrc32c())
                    .hasValue(crc32c(large).substring("crc32c:".length())));
        }
    }

    /** The two ways a file can change under a save: rewritten in place, or replaced by another file. */
    enum Change { REWRITTEN, REPLACED }

    @ParameterizedTest
    @EnumSource(Change.class)
    void aFileThatChangesWhileItUploadsFailsTheSaveAndLeavesNoObject(Change change, @TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("changing.bin"), random(MIB, 5));
        S3File changing = S3File.of(file);
        // The store changes the file as its upload begins; the checksum, read beside it, may see either version.
        try (Stowage stowage = stowage(store -> new InParts(store) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                try {
                    if (change == Change.REWRITTEN) {
                        Files.write(file, random(MIB, 6));
                        // A later time even where the file system counts in whole seconds.
                        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
                    } else {
                        Path other = Files.write(dir.resolve("other.bin"), random(MIB, 7));
                        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return super.put(request, content);
            }
        })) {
            Throwable failure = failedSave(stowage, "changing", changing);

            assertThat(failure).isInstanceOf(ModelException.class).hasMessageContaining("S3File 'changing.bin': " + file)
                    .hasMessageContaining(change == Change.REWRITTEN ? "was modified" : "was replaced by another file")
                    .hasMessageContaining("Save again");
            assertNothingLeft(stowage, "changing");
        }
    }

    @Test
    void aFileInPartsWhoseChecksumReadFailsAfterItsUploadFailsTheSaveAndLeavesNoObject(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("vanishing.bin"), random(MIB, 3));
        S3File vanishing = S3File.of(file);
        // Still there (its size can be read) but no longer a file whose bytes can be read.
        Files.delete(file);
        Files.createDirectory(file);
        // The store uploads other bytes instead, so the upload succeeds and only the checksum's read fails.
        try (Stowage stowage = stowage(store -> new InParts(store) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                return super.put(request, BlobContent.fromBytes(new byte[3]));
            }
        })) {
            Throwable failure = failedSave(stowage, "vanishing", vanishing);

            assertThat(failure).isInstanceOf(ModelException.class).hasMessageContaining("S3File 'vanishing.bin': cannot read " + file)
                    .hasMessageContaining("pass the path of a file that exists");
            assertNothingLeft(stowage, "vanishing");
        }
    }

    @Test
    // Opening a pipe to write waits for a reader and cannot be interrupted: a read that never starts fails here, not hangs.
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFailedUploadStopsTheChecksumReadBesideIt(@TempDir Path dir) throws Exception {
        // A named pipe stands in for a large file: what the checksum reads is what this test
        // writes, so whether the read stopped shows in the writes (deterministic, no timing).
        Path pipe = Files.write(dir.resolve("pipe.bin"), new byte[1]);
        // S3File.of takes regular files only; the pipe replaces the file once it is made.
        S3File file = S3File.of(pipe);
        Files.delete(pipe);
        assumeTrue(mkfifo(pipe), "mkfifo is not available here, so no pipe can stand in for a large file");
        try (Stowage stowage = stowage(store -> new InParts(store) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                return CompletableFuture.failedFuture(StoreException.builder(StoreErrorCode.ACCESS_DENIED, "Refused by the test")
                        .bucket(request.id().bucket()).key(request.id().key()).build());
            }
        })) {
            Throwable failure = failedSave(stowage, "refused", file);
            assertThat(failure).as("the save").hasMessageContaining("Refused by the test");

            // 64 MiB offered through a pipe that holds 64 KiB: a reader that goes on takes all of it,
            // one that stopped closes the pipe and a write fails.
            byte[] chunk = new byte[64 * 1024];
            long written = 0;
            Throwable broken = null;
            try (OutputStream out = new FileOutputStream(pipe.toFile())) {
                for (int i = 0; i < 1024; i++) {
                    out.write(chunk);
                    written += chunk.length;
                }
            } catch (IOException e) {
                broken = e;
            }
            assertThat(broken).as("a write after the checksum read stopped (%d bytes taken)", written)
                    .isInstanceOf(IOException.class);
            assertThat(written).as("bytes the checksum read took after the upload failed").isLessThan(1024L * chunk.length);
            assertNothingLeft(stowage, "refused");
        } finally {
            // Opened for reading and writing, a pipe opens at once; a read still waiting to open it then ends.
            new RandomAccessFile(pipe.toFile(), "rw").close();
        }
    }

    private static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
