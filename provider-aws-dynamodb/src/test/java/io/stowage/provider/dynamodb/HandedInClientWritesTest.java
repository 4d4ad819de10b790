package io.stowage.provider.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.stowage.provider.dynamodb.internal.ClientFactory;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.TableDefinition;
import io.stowage.tck.net.FaultProxy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * A client the application hands in keeps the rule of {@code ItemStore.put} and
 * {@code ItemStore.delete} that the clients Stowage builds keep (the wire TCK checks those): a
 * put or a delete whose answer was lost is not sent again.
 *
 * <pre>{@code
 * mvn -pl provider-aws-dynamodb -am test -Dtest=HandedInClientWritesTest
 * }</pre>
 */
class HandedInClientWritesTest {

    @Test
    void aHandedInClientDoesNotResendAnUnconditionalPutWhoseAnswerWasLost() {
        StoreSettings direct = DynaliteStores.settings().build();
        String table = "handed-in-" + Long.toHexString(System.nanoTime());
        try (DynamoDbItemStore setup = DynaliteStores.store(direct);
             FaultProxy proxy = FaultProxy.inFrontOf(direct.endpoint().orElseThrow())) {
            setup.createTable(TableDefinition.of(table, "pk", KeyType.S)).join();
            StoreSettings throughProxy = proxy.settingsFor(direct).toBuilder()
                    .maxRetries(3).apiCallTimeout(Duration.ofSeconds(10)).build();
            try (ClientFactory.Built built = ClientFactory.build(throughProxy);
                 DynamoDbItemStore store = DynamoDbItemStore.builder().client(built.client()).build()) {
                PutItemRequest put = PutItemRequest.builder().table(table).item(Map.of("pk", AttributeValue.fromS("a"))).build();
                StoreException lost = answerIsLostOnce(proxy, "PutItem", () -> store.put(put).join());

                assertThat(lost.code()).as("code: %s", lost).isEqualTo(StoreErrorCode.CONNECTION_LOST);
            }
        }
    }

    @Test
    void aHandedInClientDoesNotResendADeleteWhoseAnswerWasLost() {
        StoreSettings direct = DynaliteStores.settings().build();
        String table = "handed-in-delete-" + Long.toHexString(System.nanoTime());
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"));
        try (DynamoDbItemStore setup = DynaliteStores.store(direct);
             FaultProxy proxy = FaultProxy.inFrontOf(direct.endpoint().orElseThrow())) {
            setup.createTable(TableDefinition.of(table, "pk", KeyType.S)).join();
            setup.put(PutItemRequest.builder().table(table).item(key).build()).join();
            StoreSettings throughProxy = proxy.settingsFor(direct).toBuilder()
                    .maxRetries(3).apiCallTimeout(Duration.ofSeconds(10)).build();
            try (ClientFactory.Built built = ClientFactory.build(throughProxy);
                 DynamoDbItemStore store = DynamoDbItemStore.builder().client(built.client()).build()) {
                ItemKeyRequest delete = ItemKeyRequest.builder().table(table).key(key).build();
                StoreException lost = answerIsLostOnce(proxy, "DeleteItem", () -> store.delete(delete).join());

                assertThat(lost.code()).as("code: %s", lost).isEqualTo(StoreErrorCode.CONNECTION_LOST);
                assertThat(setup.get(ItemKeyRequest.builder().table(table).key(key).consistentRead(true).build()).join())
                        .as("the item the delete deleted").isEmpty();
            }
        }
    }

    /** The SDK's legacy adaptive mode comes as a retry-policy adapter, which cannot be wrapped as it is. */
    @Test
    void aHandedInClientWithTheLegacyAdaptiveRetryModePutsAndDoesNotResendEither() {
        StoreSettings direct = DynaliteStores.settings().build();
        String table = "handed-in-legacy-" + Long.toHexString(System.nanoTime());
        try (DynamoDbItemStore setup = DynaliteStores.store(direct);
             FaultProxy proxy = FaultProxy.inFrontOf(direct.endpoint().orElseThrow());
             DynamoDbAsyncClient legacy = DynamoDbAsyncClient.builder()
                     .endpointOverride(proxy.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                             direct.credentials().accessKeyId().orElseThrow(), direct.credentials().secretAccessKey().orElseThrow())))
                     .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE))
                     .build();
             DynamoDbItemStore store = DynamoDbItemStore.builder().client(legacy).build()) {
            setup.createTable(TableDefinition.of(table, "pk", KeyType.S)).join();
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1"));

            store.put(PutItemRequest.builder().table(table).item(item).build()).join();
            assertThat(store.get(ItemKeyRequest.builder().table(table).key(Map.of("pk", AttributeValue.fromS("a"))).build()).join())
                    .contains(item);

            PutItemRequest put = PutItemRequest.builder().table(table).item(item).build();
            answerIsLostOnce(proxy, "PutItem", () -> store.put(put).join());
        }
    }

    /**
     * Makes {@code call} (the DynamoDB {@code operation}) with the answer to its first attempt cut
     * after the server applied it; checks that it failed ambiguously and reached the server once,
     * and returns the failure.
     */
    private static StoreException answerIsLostOnce(FaultProxy proxy, String operation, ThrowingCallable call) {
        proxy.record();
        proxy.resetResponseAfter(0).times(1);
        Throwable failure = catchThrowable(call);
        proxy.clearFaults();

        assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(StoreException.class);
        StoreException lost = (StoreException) failure.getCause();
        assertThat(lost.isDefinite()).isFalse();
        assertThat(proxy.dynamoDbRequestsSent(operation)).as("%s requests that reached the server", operation).isEqualTo(1);
        return lost;
    }
}
