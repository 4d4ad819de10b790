package io.stowage.provider.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.Credentials;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.net.CannedResponseServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MinIO provider retries reads as configured (the TCK checks that), and a single-request
 * upload whose bytes it can read again (an array, a file) as configured too, but never one of
 * a stream, read once: seen by a loopback server that answers every request with S3's
 * {@code 503 SlowDown}.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=UploadRetryTest
 * }</pre>
 */
class UploadRetryTest {

    private static final BlobId ID = BlobId.of("throttled", "doc.txt");

    private CannedResponseServer server;

    @BeforeEach
    void startThrottlingServer() {
        server = CannedResponseServer.s3SlowDown();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void anUploadOfAnArrayIsRetriedAsConfiguredThenReportedThrottled() {
        StoreException e = failure(2, store -> store.put(PutBlobRequest.builder().id(ID).build(),
                BlobContent.fromBytes(new byte[] {1, 2, 3})));

        assertThat(e.code()).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(e.isDefinite()).as("every attempt was refused unprocessed").isTrue();
        assertThat(server.requests()).as("attempts: the first and 2 retries").hasSize(3);
    }

    @Test
    void anUploadOfAStreamIsNotRetried() {
        StoreException e = failure(2, store -> store.put(PutBlobRequest.builder().id(ID).build(),
                BlobContent.fromStream(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3)));

        assertThat(e.code()).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(server.requests()).as("attempts").hasSize(1);
    }

    private StoreException failure(int maxRetries, Function<MinioBlobStore, CompletableFuture<?>> call) {
        StoreSettings settings = StoreSettings.builder()
                .endpoint(server.endpoint())
                .region("us-east-1")
                .credentials(Credentials.session("AKIDSESSION", "the-secret-key", "the-session-token"))
                .maxRetries(maxRetries)
                .build();
        try (MinioBlobStore store = S3ProxyMinio.store(settings)) {
            Throwable thrown = catchThrowable(() -> call.apply(store).join());
            assertThat(thrown).as("call against a throttling server").hasCauseInstanceOf(StoreException.class);
            return (StoreException) thrown.getCause();
        }
    }
}
