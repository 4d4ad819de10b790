package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.internal.PendingFile;
import io.stowage.spi.BlobContent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3FileTest {

    @Test
    void from_bytes_needs_a_name_and_guesses_the_content_type() {
        S3File file = S3File.of("hello".getBytes(StandardCharsets.UTF_8), "report.pdf");
        assertThat(file.filename()).isEqualTo("report.pdf");
        assertThat(file.size()).isEqualTo(5);
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(file.isStored()).isFalse();
        assertThat(S3File.of(new byte[0], "data.unknownext").contentType()).isEqualTo("application/octet-stream");
        assertThatThrownBy(() -> S3File.of(new byte[1], null)).isInstanceOf(ModelException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> S3File.of(new byte[1], " ")).isInstanceOf(ModelException.class);
        assertThatThrownBy(() -> S3File.of((byte[]) null, "a.txt")).isInstanceOf(ModelException.class);
    }

    @Test
    void from_bytes_copies_the_array() {
        byte[] data = {1, 2, 3};
        S3File file = S3File.of(data, "a.bin");
        data[0] = 9;
        assertThat(PendingFile.contentOf(file).join().content().bytes()).containsExactly(1, 2, 3);
        assertThat(PendingFile.contentOf(file).join().knownChecksum()).as("CRC32C known before the upload")
                .isEqualTo(io.stowage.internal.Crc32c.of(new byte[] {1, 2, 3}));
    }

    @Test
    void from_path_takes_the_name_and_size_and_streams(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("invoice.pdf");
        Files.write(path, new byte[1234]);
        S3File file = S3File.of(path);
        assertThat(file.filename()).isEqualTo("invoice.pdf");
        assertThat(file.size()).isEqualTo(1234);
        assertThat(PendingFile.contentOf(file).join().content().kind()).isEqualTo(BlobContent.Kind.PATH);
        assertThat(PendingFile.contentOf(file).join().knownChecksum()).isEqualTo(io.stowage.internal.Crc32c.of(new byte[1234]));
        PendingFile.UploadContent inParts = PendingFile.contentOf(file, 1234).join();
        assertThat(inParts.knownChecksum()).as("a file that goes in parts is not checksummed before its upload").isNull();
        assertThat(inParts.checksumOfSent().join()).as("but while it uploads").isEqualTo(io.stowage.internal.Crc32c.of(new byte[1234]));
        assertThat(PendingFile.contentOf(file, 1235).join().knownChecksum()).as("one byte below the threshold")
                .isEqualTo(io.stowage.internal.Crc32c.of(new byte[1234]));
        assertThatThrownBy(() -> S3File.of(dir.resolve("missing.pdf"))).isInstanceOf(ModelException.class)
                .hasMessageContaining("missing.pdf");
        assertThatThrownBy(() -> S3File.of(dir)).isInstanceOf(ModelException.class);
    }

    @Test
    void from_stream_needs_a_size_and_a_name() {
        S3File file = S3File.of(new ByteArrayInputStream(new byte[10]), 10, "a.csv");
        assertThat(file.contentType()).isEqualTo("text/csv");
        PendingFile.UploadContent upload = PendingFile.contentOf(file).join();
        assertThat(upload.content().length()).contains(10L);
        assertThat(upload.knownChecksum()).as("a stream's checksum is learnt while it is read").isNull();
        assertThatThrownBy(() -> S3File.of(new ByteArrayInputStream(new byte[1]), -1, "a.csv")).isInstanceOf(ModelException.class);
        assertThatThrownBy(() -> S3File.of(null, 1, "a.csv")).isInstanceOf(ModelException.class);
    }

    @Test
    void with_methods_return_copies() {
        S3File original = S3File.of(new byte[1], "a.txt");
        Map<String, String> meta = new HashMap<>(Map.of("author", "John"));
        S3File changed = original.withName("b.json").withContentType("application/x-custom").withMetadata(meta);
        meta.put("later", "change");
        assertThat(original.filename()).isEqualTo("a.txt");
        assertThat(original.contentType()).isEqualTo("text/plain");
        assertThat(original.metadata()).isEmpty();
        assertThat(changed.filename()).isEqualTo("b.json");
        assertThat(changed.contentType()).isEqualTo("application/x-custom");
        assertThat(changed.metadata()).containsExactly(Map.entry("author", "John"));
        assertThatThrownBy(() -> changed.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void location_is_unknown_until_saved() {
        S3File file = S3File.of(new byte[1], "a.txt");
        assertThatThrownBy(file::bucket).isInstanceOf(S3AttributeException.class).hasMessageContaining("not saved");
        assertThatThrownBy(file::key).isInstanceOf(S3AttributeException.class)
                .satisfies(e -> assertThat(((S3AttributeException) e).reason())
                        .isEqualTo(S3AttributeException.Reason.INVALID_INPUT));
        assertThatThrownBy(file::etag).isInstanceOf(S3AttributeException.class);
        assertThat(file.lastModified()).isEmpty();
        assertThat(file.getBytes()).failsWithin(java.time.Duration.ofSeconds(1))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(S3AttributeException.class);
        assertThatThrownBy(file::syncGetBytes).isInstanceOf(S3AttributeException.class).hasMessageContaining("not saved");
        assertThatThrownBy(() -> file.syncSaveTo(Path.of("x"))).isInstanceOf(S3AttributeException.class);
        assertThatThrownBy(file::syncPresignedUrl).isInstanceOf(S3AttributeException.class);
    }
}
