package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.multipartEtag;
import static io.stowage.provider.inmemory.TestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreSettings;

import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobStoreEtagTest {

    private static final int MIB = 1024 * 1024;

    private final InMemoryBlobStore store = InMemoryBlobStore.create();

    @BeforeEach
    void bucket() {
        store.createBucket("docs", null).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        return data;
    }

    @Test
    void requestMayOverrideThresholdAndPartSize() throws Exception {
        byte[] data = random(100_000);
        BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of("docs", "small-parts"))
                        .multipartThreshold(50_000L).partSize(30_000L).build(),
                BlobContent.fromBytes(data)).join();
        assertThat(info.etag()).isEqualTo(multipartEtag(data, 30_000)).endsWith("-4");
    }

    @Test
    void storeSettingsSetThresholdAndPartSize() throws Exception {
        try (InMemoryBlobStore custom = InMemoryBlobStore.builder()
                .settings(StoreSettings.builder().multipartThreshold(5L * MIB).partSize(5L * MIB).build()).build()) {
            custom.createBucket("docs", null).join();
            byte[] data = random(6 * MIB);
            assertThat(put(custom, "docs", "six", data).etag()).isEqualTo(multipartEtag(data, 5 * MIB)).endsWith("-2");
        }
    }

    @Test
    void etagCalculatorGivesTheSameResultWhateverTheChunking() throws Exception {
        byte[] data = random(1000);
        S3Etag oneGo = new S3Etag(100, 64);
        oneGo.update(data, 0, data.length);
        S3Etag byteByByte = new S3Etag(100, 64);
        for (int i = 0; i < data.length; i++) {
            byteByByte.update(data, i, 1);
        }
        String expected = multipartEtag(data, 64);
        assertThat(oneGo.finish()).isEqualTo(expected);
        assertThat(byteByByte.finish()).isEqualTo(expected);
    }
}
