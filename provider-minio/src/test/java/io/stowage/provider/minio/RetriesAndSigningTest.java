package io.stowage.provider.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.Credentials;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.testbackends.CannedResponseServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the MinIO provider sends, seen by a loopback server that answers every request with
 * S3's {@code 503 SlowDown}: reads are retried as configured (the MinIO client itself never
 * retries), uploads are not (their bodies may not be replayable), and every attempt carries
 * the session token of temporary credentials.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=RetriesAndSigningTest
 * }</pre>
 */
class RetriesAndSigningTest {

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
    void slowDownOfAReadIsRetriedAsConfiguredThenReportedAsThrottled() {
        StoreException e = failure(2, store -> store.getBytes(GetBlobRequest.of(ID)));

        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(e.bucket()).isEqualTo("throttled");
        assertThat(e.key()).isEqualTo("doc.txt");
        assertThat(server.requests()).as("attempts: the first and two retries").hasSize(3);
    }

    @Test
    void noRetriesMeansOneAttempt() {
        StoreException e = failure(0, store -> store.getBytes(GetBlobRequest.of(ID)));

        assertThat(e.code()).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(server.requests()).as("attempts").hasSize(1);
    }

    @Test
    void uploadsAreNotRetried() {
        StoreException e = failure(2, store -> store.put(PutBlobRequest.builder().id(ID).build(),
                BlobContent.fromBytes(new byte[] {1, 2, 3})));

        assertThat(e.code()).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(server.requests()).as("attempts").hasSize(1);
    }

    @Test
    void everyAttemptCarriesTheSessionTokenAndNoMessageShowsIt() {
        StoreException e = failure(1, store -> store.getBytes(GetBlobRequest.of(ID)));

        assertThat(server.requests()).hasSize(2).allSatisfy(headers -> {
            assertThat(CannedResponseServer.header(headers, "X-Amz-Security-Token")).isEqualTo("the-session-token");
            assertThat(CannedResponseServer.header(headers, "Authorization")).contains("Credential=AKIDSESSION/");
        });
        // The server echoes the token into its error text; the message must mask it.
        assertThat(e.getMessage()).contains("Please reduce your request rate (token ***)")
                .doesNotContain("the-session-token").doesNotContain("the-secret-key");
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
