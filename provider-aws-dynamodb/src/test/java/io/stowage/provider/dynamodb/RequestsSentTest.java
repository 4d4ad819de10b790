package io.stowage.provider.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.Credentials;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.KeyType;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.TableDefinition;
import io.stowage.tck.net.CannedResponseServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the DynamoDB provider asks for, seen by a loopback server: consistent reads and
 * on-demand tables. dynalite is always consistent and has no billing modes, so only the
 * requests show it. (Retries, session tokens and proxies are the TCK's checks.)
 *
 * <pre>{@code
 * mvn -pl provider-aws-dynamodb -am test -Dtest=RequestsSentTest
 * }</pre>
 */
class RequestsSentTest {

    private CannedResponseServer server;

    @BeforeEach
    void startThrottlingServer() {
        server = CannedResponseServer.dynamoDbThrottling();
    }

    @AfterEach
    void stopServer() {
        server.close();
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
}
