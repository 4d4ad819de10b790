package io.stowage.provider.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;

class ClientFactoryTest {

    @Test
    void settingsWinOverTheEnvironment() {
        StoreSettings settings = StoreSettings.builder()
                .region("eu-west-3")
                .endpoint(URI.create("http://127.0.0.1:9"))
                .credentials(Credentials.basic("AKID", "secret"))
                .proxy(URI.create("http://user:p%40ss+word@127.0.0.1:3128"))
                .maxRetries(0)
                .build();
        try (ClientFactory.Built built = ClientFactory.build(settings)) {
            assertThat(built.client().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
            assertThat(built.client().serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:9"));
        }
    }

    @Test
    void regionComesFromTheSdkChainWhenUnset() {
        String before = System.getProperty("aws.region");
        System.setProperty("aws.region", "ap-southeast-2");
        try (ClientFactory.Built built = ClientFactory.build(StoreSettings.builder()
                .credentials(Credentials.anonymous()).build())) {
            assertThat(built.client().serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
        } finally {
            if (before == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", before);
            }
        }
    }

    @Test
    void putsGoThroughAClientLikeTheFirstThatDoesNotResendAfterAmbiguity() {
        StoreSettings settings = StoreSettings.builder()
                .region("eu-west-3")
                .endpoint(URI.create("http://127.0.0.1:9"))
                .credentials(Credentials.basic("AKID", "secret"))
                .maxRetries(4)
                .build();
        try (ClientFactory.Built built = ClientFactory.build(settings)) {
            DynamoDbServiceClientConfiguration first = built.client().serviceClientConfiguration();
            DynamoDbServiceClientConfiguration writes = built.writes().serviceClientConfiguration();
            assertThat(writes.region()).isEqualTo(first.region());
            assertThat(writes.endpointOverride()).isEqualTo(first.endpointOverride());
            assertThat(writes.credentialsProvider()).as("the first client's credentials").isSameAs(first.credentialsProvider());
            RetryStrategy firstRetries = first.overrideConfiguration().retryStrategy().orElseThrow();
            RetryStrategy writeRetries = writes.overrideConfiguration().retryStrategy().orElseThrow();
            assertThat(firstRetries.maxAttempts()).as("the first client's attempts").isEqualTo(5);
            assertThat(writeRetries).isInstanceOf(NoResendAfterAmbiguity.class);
            assertThat(writeRetries.maxAttempts()).as("the same attempts after a plain refusal").isEqualTo(5);
        }
    }

    @Test
    void withoutMaxRetriesTheWritesClientKeepsTheSdksDefaultAttempts() {
        try (ClientFactory.Built built = ClientFactory.build(StoreSettings.builder().region("eu-west-3")
                .endpoint(URI.create("http://127.0.0.1:9")).credentials(Credentials.basic("AKID", "secret")).build())) {
            RetryStrategy first = built.client().serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow();
            RetryStrategy writes = built.writes().serviceClientConfiguration().overrideConfiguration()
                    .retryStrategy().orElseThrow();
            assertThat(first.maxAttempts()).as("the SDK's default for DynamoDB").isGreaterThan(1);
            assertThat(writes.maxAttempts()).isEqualTo(first.maxAttempts());
        }
    }

    @Test
    void closeAllClosesEveryStepAndThrowsTheFirstFailure() {
        List<String> closed = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("first");
        AutoCloseable failsFirst = () -> {
            closed.add("a");
            throw first;
        };
        AutoCloseable failsAgain = () -> {
            closed.add("b");
            throw new java.io.IOException("second");
        };
        AutoCloseable fine = () -> closed.add("c");

        assertThatThrownBy(() -> ClientFactory.closeAll(List.of(failsFirst, failsAgain, fine))).isSameAs(first);
        assertThat(closed).containsExactly("a", "b", "c");
        assertThat(first.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasCauseInstanceOf(java.io.IOException.class));
    }
}
