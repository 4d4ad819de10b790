package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static io.stowage.provider.inmemory.TestSupport.put;
import static io.stowage.provider.inmemory.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
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

    @Test
    void createBucketIsIdempotentAndBucketExistsReportsIt() {
        assertThat(store.bucketExists("docs", null).join()).isFalse();
        store.createBucket("docs", null).join();
        store.createBucket("docs", "eu-west-1").join();
        assertThat(store.bucketExists("docs", null).join()).isTrue();
    }

    @Test
    void putIntoMissingBucketFailsWithBucketNotFoundNamingTheBucket() {
        StoreException e = failure(store.put(PutBlobRequest.builder().id(BlobId.of("nope", "k")).build(),
                BlobContent.fromBytes(new byte[1])));
        assertThat(e.code()).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
        assertThat(e.bucket()).isEqualTo("nope");
        assertThat(e.getMessage()).contains("nope").contains("createBucket");
    }

    @Test
    void readAndListOfMissingBucketFailWithBucketNotFound() {
        assertThat(failure(store.getBytes(GetBlobRequest.of(BlobId.of("nope", "k")))).code())
                .isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
        assertThat(failure(store.list("nope", null, "", null, 10)).bucket()).isEqualTo("nope");
        assertThat(failure(store.delete(BlobId.of("nope", "k"), null)).code()).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
    }

    @Test
    void missingObjectFailsWithObjectNotFoundNamingBucketAndKey() {
        store.createBucket("docs", null).join();
        StoreException e = failure(store.head(GetBlobRequest.of(BlobId.of("docs", "missing.txt"))));
        assertThat(e.code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(e.bucket()).isEqualTo("docs");
        assertThat(e.key()).isEqualTo("missing.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Docs", "doc_s", "-docs", "docs-", "do..cs", "192.168.0.1", "d.-x",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void bucketNamesBreakingS3RulesAreInvalidInput(String name) {
        StoreException e = failure(store.createBucket(name, null));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my.bucket-1", "0docs9", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void bucketNamesFollowingS3RulesAreAccepted(String name) {
        store.createBucket(name, null).join();
        assertThat(store.bucketExists(name, null).join()).isTrue();
    }

    @Test
    void keyOfExactly1024Utf8BytesIsAcceptedAndOneMoreIsInvalidInput() {
        store.createBucket("docs", null).join();
        String key1024 = "é".repeat(512);
        put(store, "docs", key1024, utf8("x"));
        assertThat(store.getBytes(GetBlobRequest.of(BlobId.of("docs", key1024))).join()).isEqualTo(utf8("x"));
        StoreException e = failure(store.put(PutBlobRequest.builder().id(BlobId.of("docs", key1024 + "a")).build(),
                BlobContent.fromBytes(new byte[1])));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("1025").contains("1024");
    }

    @Test
    void keyWithUnpairedSurrogateIsInvalidInput() {
        store.createBucket("docs", null).join();
        StoreException e = failure(store.put(PutBlobRequest.builder().id(BlobId.of("docs", "a\uD800b")).build(),
                BlobContent.fromBytes(new byte[1])));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    @Test
    void deleteOfMissingObjectCompletesNormally() {
        store.createBucket("docs", null).join();
        store.delete(BlobId.of("docs", "never-there"), null).join();
    }
}
