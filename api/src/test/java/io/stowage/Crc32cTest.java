package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.internal.Crc32c;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
}
