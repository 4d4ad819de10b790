package io.stowage.provider.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class NoResendAfterAmbiguityTest {

    @Test
    void refusalsAndConnectionsNeverMadeMaySendAgain() {
        assertThat(NoResendAfterAmbiguity.plainlyRefused(answered(400, "ProvisionedThroughputExceededException"))).isTrue();
        assertThat(NoResendAfterAmbiguity.plainlyRefused(answered(400, "ThrottlingException"))).isTrue();
        assertThat(NoResendAfterAmbiguity.plainlyRefused(answered(503, "ServiceUnavailable"))).isTrue();
        assertThat(NoResendAfterAmbiguity.plainlyRefused(new CompletionException(SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused"))))).isTrue();
        IOException closedInThePool = new IOException("The connection was closed during the request.");
        closedInThePool.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "software.amazon.awssdk.http.nio.netty.internal.NettyRequestExecutor", "configurePipeline", null, 234)});
        assertThat(NoResendAfterAmbiguity.plainlyRefused(SdkClientException.create("Unable to execute HTTP request", closedInThePool)))
                .as("a pooled connection found closed before anything was written").isTrue();
    }

    @Test
    void attemptsThatMayHaveBeenAppliedAreNotSentAgain() {
        assertThat(NoResendAfterAmbiguity.plainlyRefused(answered(500, "InternalServerError"))).isFalse();
        assertThat(NoResendAfterAmbiguity.plainlyRefused(SdkClientException.create(
                "Unable to execute HTTP request", new IOException("Connection reset by peer")))).isFalse();
        assertThat(NoResendAfterAmbiguity.plainlyRefused(ApiCallAttemptTimeoutException.create(1000))).isFalse();
    }

    @Test
    void aLegacyAdapterBecomesOneStandardStrategyWithItsAttemptsSharedByEveryCall() {
        try (DynamoDbAsyncClient legacy = DynamoDbAsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE)).build()) {
            RetryStrategy adapter = legacy.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow();
            assertThat(adapter.getClass().getSimpleName()).as("what the SDK makes of the legacy mode").isEqualTo("RetryPolicyAdapter");

            RetryStrategy first = NoResendAfterAmbiguity.around(adapter).delegate();
            assertThat(first).isNotSameAs(adapter);
            assertThat(NoResendAfterAmbiguity.around(adapter).delegate()).as("one quota for every call").isSameAs(first);
        }
        RetryStrategy plain = AwsRetryStrategy.forRetryMode(RetryMode.STANDARD);
        assertThat(NoResendAfterAmbiguity.around(plain).delegate()).as("any other strategy is kept").isSameAs(plain);
    }

    private static DynamoDbException answered(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
