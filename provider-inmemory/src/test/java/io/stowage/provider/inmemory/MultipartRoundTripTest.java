package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.md5Hex;
import static io.stowage.provider.inmemory.TestSupport.multipartEtag;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.spi.StoreSettings;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 25 MiB file saved and read back through Stowage on the in-memory providers: uploaded in
 * S3's default 8 MiB parts (so the etag is S3's MD5 of the part MD5s with a {@code -4}
 * suffix, computed here without the production code), and the same bytes come back through
 * {@code getBytes}, {@code saveTo} and {@code openStream}.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest=MultipartRoundTripTest
 * }</pre>
 */
class MultipartRoundTripTest {

    private static final int MIB = 1024 * 1024;

    /** The model of this test. */
    @ModelConfig(table = "multipart-docs")
    public static class Doc {
        @PartitionKey
        public String id;

        @S3Attribute(bucket = "multipart-bucket", prefix = "docs/")
        public S3Value content;
    }

    @Test
    void aTwentyFiveMebibyteFileIsUploadedInPartsAndReadBackExactly(@TempDir Path dir) throws Exception {
        byte[] data = new byte[25 * MIB];
        new Random(25).nextBytes(data);
        Path source = dir.resolve("big.bin");
        Files.write(source, data);

        try (Stowage stowage = Stowage.builder().blobStoreProvider("inmemory").itemStoreProvider("inmemory").build()) {
            stowage.syncCreateBucketIfMissing("multipart-bucket");
            Table<Doc> table = stowage.table(Doc.class);
            table.syncCreateTableIfMissing();
            Doc doc = new Doc();
            doc.id = "big";
            doc.content = S3File.of(source);
            table.syncSave(doc);

            S3Value loaded = table.syncGet("big").orElseThrow().content;
            assertThat(loaded.size()).isEqualTo(data.length);
            assertThat(loaded.etag()).as("S3's multipart etag of 8 MiB parts")
                    .isEqualTo(multipartEtag(data, (int) StoreSettings.DEFAULT_PART_SIZE))
                    .endsWith("-4");
            assertThat(loaded.syncGetBytes()).as("bytes read back").isEqualTo(data);
            Path copy = loaded.syncSaveTo(dir.resolve("copy.bin"));
            assertThat(Files.mismatch(source, copy)).as("first differing byte of the saved copy").isEqualTo(-1L);
            try (InputStream in = loaded.syncOpenStream()) {
                assertThat(md5Hex(in.readAllBytes())).isEqualTo(md5Hex(data));
            }
        }
    }
}
