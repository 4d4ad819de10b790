package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobStoreBucketRulesTest {

    private final InMemoryBlobStore store = InMemoryBlobStore.create();

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my.bucket-1", "0docs9", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void bucketNamesFollowingS3RulesAreAccepted(String name) {
        store.createBucket(name, null).join();
        assertThat(store.bucketExists(name, null).join()).isTrue();
    }

    @Test
    void keyWithUnpairedSurrogateIsInvalidInput() {
        store.createBucket("docs", null).join();
        StoreException e = failure(store.put(PutBlobRequest.builder().id(BlobId.of("docs", "a\uD800b")).build(),
                BlobContent.fromBytes(new byte[1])));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }
}
