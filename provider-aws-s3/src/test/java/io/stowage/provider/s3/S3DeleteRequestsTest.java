package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.testbackends.S3ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * The S3 provider keeps its {@code BATCH_DELETE} promise: {@code deleteAll} sends one
 * DeleteObjects request per bucket and 1,000 objects, not one DELETE per object. An SDK
 * interceptor sees every request.
 */
class S3DeleteRequestsTest {

    private static final List<String> OPERATIONS = new CopyOnWriteArrayList<>();
    private static S3BlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        store = S3BlobStore.builder()
                .settings(S3ProxyStores.settings(S3ProxyServer.shared()).build())
                .capabilities(S3ProxyStores.S3PROXY_CAPABILITIES)
                .environment(name -> null)
                .systemProperties(name -> null)
                .executionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        OPERATIONS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                })
                .build();
        bucket = S3ProxyServer.uniqueBucketName("s3-delete-requests");
        store.createBucket(bucket, null).join();
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void deleteAllSendsOneDeleteObjectsRequestPerThousandObjects() {
        assertThat(store.capabilities()).contains(BlobCapability.BATCH_DELETE);
        List<DeleteBlobRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            BlobId id = BlobId.of(bucket, "batch/" + i);
            String etag = store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {(byte) i})).join().etag();
            requests.add(DeleteBlobRequest.builder().id(id).ifMatch(etag).build());
        }
        OPERATIONS.clear();

        List<DeleteOutcome> outcomes = store.deleteAll(requests).join();

        assertThat(outcomes).filteredOn(o -> o.failure().isPresent()).as("failed deletes").isEmpty();
        assertThat(OPERATIONS).as("requests sent for 1,001 deletes").containsExactly("DeleteObjects", "DeleteObjects");
        assertThat(store.list(ListBlobsRequest.builder().bucket(bucket).prefix("batch/").build()).join().blobs())
                .as("objects left").isEmpty();
    }

    @Test
    void anErrorInTheAnswerFailsEveryRequestItMayBelongToAndNoOther() {
        DeleteBlobRequest plain = DeleteBlobRequest.of(BlobId.of(bucket, "a"));
        DeleteBlobRequest again = DeleteBlobRequest.of(BlobId.of(bucket, "a"));
        DeleteBlobRequest v1 = DeleteBlobRequest.builder().id(BlobId.of(bucket, "v")).versionId("1").build();
        DeleteBlobRequest v2 = DeleteBlobRequest.builder().id(BlobId.of(bucket, "v")).versionId("2").build();
        DeleteBlobRequest missing = DeleteBlobRequest.of(BlobId.of(bucket, "gone"));
        DeleteBlobRequest fine = DeleteBlobRequest.of(BlobId.of(bucket, "fine"));
        List<S3Error> errors = List.of(
                S3Error.builder().key("a").versionId("").code("AccessDenied").message("no").build(),
                S3Error.builder().key("v").versionId("2").code("PreconditionFailed").message("etag").build(),
                S3Error.builder().key("gone").code("NoSuchKey").build());

        List<DeleteOutcome> outcomes = S3BlobStore.outcomes(List.of(plain, again, v1, v2, missing, fine), errors);

        assertThat(outcomes).extracting(o -> o.failure().map(e -> e.code().name()).orElse("deleted"))
                .as("outcomes: an empty version id matches, a named one only its version, a missing key is deleted")
                .containsExactly("ACCESS_DENIED", "ACCESS_DENIED", "deleted", "PRECONDITION_FAILED", "deleted", "deleted");
        assertThat(outcomes.get(3).failure().orElseThrow().key()).as("key named by the failure").isEqualTo("v");
    }
}
