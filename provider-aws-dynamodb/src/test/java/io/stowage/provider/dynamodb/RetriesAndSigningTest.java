package io.stowage.provider.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.Credentials;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.KeyType;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.TableDefinition;
import io.stowage.testbackends.CannedResponseServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the DynamoDB provider sends, seen by a loopback server that throttles every
 * request as DynamoDB does: the configured retries are made (and no more) before the
 * throttling is reported, and every attempt carries the session token of temporary
 * credentials; consistent reads and on-demand tables are asked for in the request. dynalite
 * neither throttles nor checks signatures (and is always consistent), hence a server of our own.
 *
 * <pre>{@code
 * mvn -pl provider-aws-dynamodb -am test -Dtest=RetriesAndSigningTest
 * }</pre>
 */
class RetriesAndSigningTest {


    private CannedResponseServer server;

    @BeforeEach
    void startThrottlingServer() {
        server = CannedResponseServer.dynamoDbThrottling();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void throttlingIsRetriedAsConfiguredThenReportedAsThrottled() {
        StoreException e = getWith(2);

        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(e.getMessage()).contains("ThrottlingException");
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
        assertThat(e.getMessage()).contains("allowed throughput (token ***)")
                .doesNotContain("the-session-token").doesNotContain("the-secret-key");
    }

    /** dynalite is always consistent, so only the request shows that the flag is sent. */
    @Test
    void consistentReadsAndOnDemandTablesAreAskedFor() {
        try (DynamoDbItemStore store = DynamoDbItemStore.create(settings(0))) {
            catchThrowable(() -> store.get(ItemKeyRequest.builder().table("t").consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS("a"))).build()).join());
            catchThrowable(() -> store.get(ItemKeyRequest.builder().table("t")
                    .key(Map.of("pk", AttributeValue.fromS("a"))).build()).join());
            catchThrowable(() -> store.createTable(TableDefinition.of("t", "pk", KeyType.S)).join());
        }
        List<String> bodies = server.requestBodies();
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(3);
        assertThat(bodies.get(0)).contains("\"ConsistentRead\":true");
        assertThat(bodies.get(1)).doesNotContain("\"ConsistentRead\":true");
        assertThat(bodies.get(2)).contains("\"BillingMode\":\"PAY_PER_REQUEST\"");
    }

    private StoreSettings settings(int maxRetries) {
        return StoreSettings.builder()
                .endpoint(server.endpoint())
                .region("us-east-1")
                .credentials(Credentials.session("AKIDSESSION", "the-secret-key", "the-session-token"))
                .maxRetries(maxRetries)
                .build();
    }

    private StoreException getWith(int maxRetries) {
        try (DynamoDbItemStore store = DynamoDbItemStore.create(settings(maxRetries))) {
            ItemKeyRequest request = ItemKeyRequest.builder().table("throttled")
                    .key(Map.of("pk", AttributeValue.fromS("a"))).build();
            Throwable thrown = catchThrowable(() -> store.get(request).join());
            assertThat(thrown).as("get against a throttling server").hasCauseInstanceOf(StoreException.class);
            return (StoreException) thrown.getCause();
        }
    }
}
