package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.spi.BlobId;
import io.stowage.spi.Credentials;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.testbackends.CannedResponseServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the S3 provider sends, seen by a loopback server that answers every request with
 * S3's {@code 503 SlowDown}: the configured retries are made (and no more) before the
 * throttling is reported, and every attempt carries the session token of temporary
 * credentials. s3proxy never throttles, hence a server of our own.
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 -am test -Dtest=RetriesAndSigningTest
 * }</pre>
 */
class RetriesAndSigningTest {


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
    void slowDownIsRetriedAsConfiguredThenReportedAsThrottled() {
        StoreException e = getWith(2);

        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(e.bucket()).isEqualTo("throttled");
        assertThat(e.key()).isEqualTo("doc.txt");
        assertThat(server.requests()).as("attempts: the first and two retries").hasSize(3);
    }

    @Test
    void noRetriesMeansOneAttempt() {
        StoreException e = getWith(0);

        assertThat(e.code()).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(server.requests()).as("attempts").hasSize(1);
    }

    @Test
    void everyAttemptCarriesTheSessionTokenAndNoMessageShowsIt() {
        StoreException e = getWith(1);

        assertThat(server.requests()).hasSize(2).allSatisfy(headers -> {
            assertThat(CannedResponseServer.header(headers, "X-Amz-Security-Token")).isEqualTo("the-session-token");
            assertThat(CannedResponseServer.header(headers, "Authorization")).contains("Credential=AKIDSESSION/");
        });
        // The server echoes the token into its error text; the message must mask it.
        assertThat(e.getMessage()).contains("Please reduce your request rate (token ***)")
                .doesNotContain("the-session-token").doesNotContain("the-secret-key");
    }

    private StoreException getWith(int maxRetries) {
        StoreSettings settings = StoreSettings.builder()
                .endpoint(server.endpoint())
                .region("us-east-1")
                .credentials(Credentials.session("AKIDSESSION", "the-secret-key", "the-session-token"))
                .maxRetries(maxRetries)
                .build();
        try (S3BlobStore store = S3ProxyStores.store(settings)) {
            Throwable thrown = catchThrowable(
                    () -> store.getBytes(GetBlobRequest.of(BlobId.of("throttled", "doc.txt"))).join());
            assertThat(thrown).as("getBytes against a throttling server").hasCauseInstanceOf(StoreException.class);
            return (StoreException) thrown.getCause();
        }
    }
}
