package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.internal.Crc32c;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class Crc32cTest {

    /** RFC 3720's check value for "123456789" is 0xE3069283; S3 sends it as base64 of the four bytes. */
    @Test
    void theChecksumIsTheCastagnoliCrcInS3sBase64Form() {
        assertThat(Crc32c.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo("crc32c:4waSgw==");
        assertThat(Crc32c.base64("crc32c:4waSgw==")).isEqualTo("4waSgw==");
        assertThat(Crc32c.base64("sha256:abc")).isNull();
    }

    @Test
    void bytesFilesAndStreamsGiveTheSameChecksum(@TempDir Path dir) throws IOException {
        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("data.bin"), data);
        Crc32c.Counting in = Crc32c.counting(new ByteArrayInputStream(data));
        in.transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(Crc32c.of(file)).isEqualTo(Crc32c.of(data)).isEqualTo(in.checksum())
                .isEqualTo(Crc32c.ofAsync(file).join());
    }

    @Test
    void aFileThatCannotBeReadFailsTheAsynchronousChecksumWithTheReadsError(@TempDir Path dir) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> Crc32c.ofAsync(dir.resolve("missing.bin")).join());
        assertThat(failure).isInstanceOf(java.util.concurrent.CompletionException.class)
                .cause().isInstanceOf(java.io.UncheckedIOException.class)
                .cause().isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aStreamNotReadThroughHasNoChecksumYet() throws IOException {
        Crc32c.Counting in = Crc32c.counting(new ByteArrayInputStream(new byte[100]));
        assertThat(in.read(new byte[10])).isEqualTo(10);
        assertThat(in.checksum()).isNull();
        InputStream sized = Crc32c.counting(new ByteArrayInputStream(new byte[100]), 100);
        assertThat(sized.readNBytes(100)).hasSize(100);
        assertThat(((Crc32c.Counting) sized).checksum()).as("known once the declared size is read")
                .isEqualTo(Crc32c.of(new byte[100]));
    }

    @Test
    void aRetryThatResetsToTheStartCountsTheBytesOnce() throws IOException {
        byte[] data = new byte[5000];
        new java.util.Random(3).nextBytes(data);
        Crc32c.Counting in = Crc32c.counting(new ByteArrayInputStream(data), data.length);
        assertThat(in.markSupported()).isTrue();
        in.mark(Integer.MAX_VALUE);
        assertThat(in.readNBytes(1234)).hasSize(1234);
        in.reset();
        assertThat(in.readAllBytes()).isEqualTo(data);
        assertThat(in.checksum()).as("the checksum of the bytes once").isEqualTo(Crc32c.of(data));
    }

    @Test
    void aResetToTheMiddleGivesTheChecksumUpRatherThanGetItWrong() throws IOException {
        Crc32c.Counting in = Crc32c.counting(new ByteArrayInputStream(new byte[100]), 100);
        in.readNBytes(10);
        in.mark(100);
        in.readNBytes(20);
        in.reset();
        assertThat(in.readAllBytes()).hasSize(90);
        assertThat(in.checksum()).isNull();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readThroughAPipeTheAsynchronousChecksumIsOfEveryByteWritten(@TempDir Path dir) throws Exception {
        Path pipe = dir.resolve("pipe");
        assumeTrue(mkfifo(pipe), "mkfifo is not available here");
        byte[] data = new byte[1024 * 1024];
        new java.util.Random(11).nextBytes(data);
        CompletableFuture<String> checksum = Crc32c.ofAsync(pipe);
        try (OutputStream out = new FileOutputStream(pipe.toFile())) {
            out.write(data);
        }
        assertThat(checksum.join()).isEqualTo(Crc32c.of(data));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void cancellingTheAsynchronousChecksumStopsItsRead(@TempDir Path dir) throws Exception {
        Path pipe = dir.resolve("pipe");
        assumeTrue(mkfifo(pipe), "mkfifo is not available here");
        CompletableFuture<String> checksum = Crc32c.ofAsync(pipe);
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        IOException broken = null;
        try (OutputStream out = new FileOutputStream(pipe.toFile())) {
            out.write(chunk);
            written += chunk.length;
            checksum.cancel(false);
            // 64 MiB through a pipe that holds 64 KiB: a read that goes on takes it all, one that stopped closes the pipe.
            for (int i = 1; i < 1024; i++) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException e) {
            broken = e;
        } finally {
            new RandomAccessFile(pipe.toFile(), "rw").close();
        }
        assertThat(broken).as("a write after the cancel (%d bytes taken)", written).isNotNull();
        assertThat(written).isLessThan(1024L * chunk.length);
        assertThat(checksum).isCancelled();
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
