package io.stowage.provider.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.CompletionException;

import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Error mapping for failures dynalite cannot produce (throttling, signatures, 403). */
class ErrorMapperTest {

    private final ErrorMapper mapper = new ErrorMapper(Set.of("s3cr3t-value"));

    @Test
    void aRefusalAfterARetriedAttemptThatMayHaveBeenAppliedIsNotDefinite() {
        // As the SDK reports it: the last attempt's failure, earlier attempts as suppressed exceptions.
        ConditionalCheckFailedException afterReset = ConditionalCheckFailedException.builder()
                .message("The conditional request failed").build();
        afterReset.addSuppressed(SdkClientException.create(
                "Request attempt 1 failure: Unable to execute HTTP request: Connection reset"));
        StoreException mapped = mapper.map(afterReset, "putItem", "documents");
        assertThat(mapped.code()).isEqualTo(StoreErrorCode.CONDITION_FAILED);
        assertThat(mapped.isDefinite()).as("an earlier attempt may have been applied").isFalse();

        ConditionalCheckFailedException afterThrottling = ConditionalCheckFailedException.builder()
                .message("The conditional request failed").build();
        afterThrottling.addSuppressed(SdkClientException.create(
                "Request attempt 1 failure: Rate of requests exceeds the allowed throughput (Service: DynamoDb, "
                        + "Status Code: 400, Request ID: X) ThrottlingException"));
        assertThat(mapper.map(afterThrottling, "putItem", "documents").isDefinite())
                .as("a throttled attempt was refused, so the refusal stays definite").isTrue();
    }

    @Test
    void serviceErrorsMapToTheirCodes() {
        assertCode(ConditionalCheckFailedException.builder().message("The conditional request failed").build(),
                StoreErrorCode.CONDITION_FAILED);
        assertCode(ResourceNotFoundException.builder().message("Requested resource not found").build(),
                StoreErrorCode.TABLE_NOT_FOUND);
        assertCode(ProvisionedThroughputExceededException.builder().message("slow down").build(), StoreErrorCode.THROTTLED);
        assertCode(RequestLimitExceededException.builder().message("slow down").build(), StoreErrorCode.THROTTLED);
        assertCode(service("ThrottlingException", 400, "Rate exceeded"), StoreErrorCode.THROTTLED);
        assertCode(service("UnrecognizedClientException", 400, "The security token included in the request is invalid."),
                StoreErrorCode.ACCESS_DENIED);
        assertCode(service("InvalidSignatureException", 400, "The request signature we calculated does not match"),
                StoreErrorCode.ACCESS_DENIED);
        assertCode(service("AccessDeniedException", 400, "not authorized to perform: dynamodb:PutItem"),
                StoreErrorCode.ACCESS_DENIED);
        assertCode(service("SomethingElse", 403, "Forbidden"), StoreErrorCode.ACCESS_DENIED);
        assertCode(service("ValidationException", 400, "Item size has exceeded the maximum allowed size"),
                StoreErrorCode.ITEM_TOO_LARGE);
        assertCode(service("ValidationException", 400, "One or more parameter values were invalid"),
                StoreErrorCode.INVALID_INPUT);
        assertCode(service("InternalServerError", 500, "Internal server error"), StoreErrorCode.OTHER);
    }

    @Test
    void clientSideFailuresMapToTheirCodes() {
        assertCode(ApiCallTimeoutException.create(1000), StoreErrorCode.TIMEOUT);
        assertCode(ApiCallAttemptTimeoutException.create(1000), StoreErrorCode.TIMEOUT);
        assertCode(SdkClientException.builder().message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused")).build(), StoreErrorCode.CONNECTION);
        assertCode(SdkClientException.builder().message("Unable to execute HTTP request: Read timed out")
                .cause(new SocketTimeoutException("Read timed out")).build(), StoreErrorCode.TIMEOUT);
        assertCode(SdkClientException.builder().message("Unable to load credentials from any of the providers").build(),
                StoreErrorCode.ACCESS_DENIED);
        assertCode(new IllegalStateException("odd"), StoreErrorCode.OTHER);
        IOException closed = new IOException("The connection was closed during the request.");
        assertCode(SdkClientException.create("Unable to execute HTTP request", closed), StoreErrorCode.CONNECTION_LOST);
        closed.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "software.amazon.awssdk.http.nio.netty.internal.NettyRequestExecutor", "configurePipeline", null, 234)});
        assertCode(SdkClientException.create("Unable to execute HTTP request", closed), StoreErrorCode.CONNECTION);
    }

    @Test
    void futureWrappersAreRemovedAndStoreExceptionsPassThrough() {
        StoreException mapped = mapper.map(new CompletionException(
                ResourceNotFoundException.builder().message("gone").build()), "get", "documents");
        assertThat(mapped.code()).isEqualTo(StoreErrorCode.TABLE_NOT_FOUND);
        assertThat(mapped.table()).isEqualTo("documents");
        assertThat(mapped.getCause()).isInstanceOf(ResourceNotFoundException.class);

        StoreException own = new StoreException(StoreErrorCode.ITEM_TOO_LARGE, "too big");
        assertThat(mapper.map(new CompletionException(own), "put", "documents")).isSameAs(own);
    }

    @Test
    void secretsAreScrubbedFromMessages() {
        StoreException mapped = mapper.map(service("ValidationException", 400, "bad header s3cr3t-value"), "put", "t");

        assertThat(mapped.getMessage()).doesNotContain("s3cr3t-value").contains("***");
    }

    private void assertCode(Throwable failure, StoreErrorCode expected) {
        StoreException mapped = mapper.map(failure, "op", "table-x");
        assertThat(mapped.code()).as("%s", failure).isEqualTo(expected);
        assertThat(mapped.table()).isEqualTo("table-x");
    }

    private static DynamoDbException service(String errorCode, int status, String message) {
        return (DynamoDbException) DynamoDbException.builder()
                .message(message)
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(errorCode).errorMessage(message).build())
                .build();
    }
}
