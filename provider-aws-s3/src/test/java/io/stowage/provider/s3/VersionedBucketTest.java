package io.stowage.provider.s3;

import static io.stowage.provider.s3.S3ProxyStores.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Version ids on a bucket with versioning on (s3proxy's in-memory store keeps versions). */
class VersionedBucketTest {

    private static S3BlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        store = S3BlobStore.create(S3ProxyStores.settings(s3).property(S3BlobStore.VERSIONING_PROPERTY, "true").build());
        bucket = S3ProxyServer.uniqueBucketName("versioned");
        store.createBucket(bucket, null).join();
        S3ProxyVersioning.enable(s3, bucket);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void versionsAreReadPresignedAndDeletedByTheirId() throws Exception {
        assertThat(store.capabilities()).contains(BlobCapability.VERSIONING);
        BlobId id = BlobId.of(bucket, "doc.txt");
        BlobInfo v1 = store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(bytes("one"))).join();
        BlobInfo v2 = store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(bytes("two"))).join();
        assertThat(v1.versionId()).isPresent();
        assertThat(v2.versionId()).isPresent().isNotEqualTo(v1.versionId());

        GetBlobRequest first = GetBlobRequest.builder().id(id).versionId(v1.versionId().orElseThrow()).build();
        assertThat(store.getBytes(first).join()).isEqualTo(bytes("one"));
        assertThat(store.head(first).join().etag()).isEqualTo(v1.etag());
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(bytes("two"));

        URI url = store.presignGet(first, Duration.ofMinutes(1)).join();
        assertThat(url.getQuery()).contains("versionId=");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("one");

        store.delete(DeleteBlobRequest.builder().id(id).versionId(v1.versionId().orElseThrow()).build()).join();
        assertThat(failure(store.getBytes(first)).code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(failure(store.head(first)).code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(bytes("two"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
