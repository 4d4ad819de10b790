package io.stowage.provider.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private final S3Errors errors = new S3Errors(List.of(SECRET));

    private static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status).requestId("REQ1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message for " + code).build())
                .build();
    }

    @Test
    void serviceErrorsByCodeThenStatus() {
        assertThat(code(s3(404, "NoSuchBucket"), "k")).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
        assertThat(code(NoSuchBucketException.builder().statusCode(404).build(), "k")).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
        assertThat(code(s3(404, "NoSuchKey"), "k")).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(code(s3(404, "NoSuchVersion"), "k")).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(code(s3(404, null), "k")).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(code(s3(404, null), null)).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
        for (String c : List.of("AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "ExpiredToken")) {
            assertThat(code(s3(403, c), "k")).isEqualTo(StoreErrorCode.ACCESS_DENIED);
        }
        assertThat(code(s3(403, null), "k")).isEqualTo(StoreErrorCode.ACCESS_DENIED);
        assertThat(code(s3(412, "PreconditionFailed"), "k")).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertThat(code(s3(412, null), "k")).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertThat(code(s3(416, "InvalidRange"), "k")).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(code(s3(400, "EntityTooLarge"), "k")).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(code(s3(503, "SlowDown"), "k")).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(code(s3(400, "RequestTimeout"), "k")).isEqualTo(StoreErrorCode.TIMEOUT);
        assertThat(code(s3(501, "NotImplemented"), "k")).isEqualTo(StoreErrorCode.UNSUPPORTED);
        assertThat(code(s3(500, "InternalError"), "k")).isEqualTo(StoreErrorCode.OTHER);
    }

    @Test
    void clientErrors() {
        assertThat(code(ApiCallTimeoutException.create(1000), "k")).isEqualTo(StoreErrorCode.TIMEOUT);
        assertThat(code(ApiCallAttemptTimeoutException.create(1000), "k")).isEqualTo(StoreErrorCode.TIMEOUT);
        assertThat(code(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Read timed out", new SocketTimeoutException())), "k")).isEqualTo(StoreErrorCode.TIMEOUT);
        assertThat(code(SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")), "k")).isEqualTo(StoreErrorCode.CONNECTION);
        assertThat(code(SdkClientException.create("Unable to execute HTTP request",
                new UnknownHostException("nowhere.invalid")), "k")).isEqualTo(StoreErrorCode.CONNECTION);
        assertThat(code(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Broken pipe")), "k")).as("a connection that broke after sending may have been applied")
                .isEqualTo(StoreErrorCode.CONNECTION_LOST);
        IOException closedInThePool = new IOException("The connection was closed during the request.");
        closedInThePool.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "software.amazon.awssdk.http.nio.netty.internal.NettyRequestExecutor", "configurePipeline", null, 234)});
        assertThat(code(SdkClientException.create("Unable to execute HTTP request", closedInThePool), "k"))
                .as("a pooled connection found closed before anything was written").isEqualTo(StoreErrorCode.CONNECTION);
        assertThat(code(new IllegalArgumentException("bad"), "k")).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(code(new IllegalStateException("odd"), "k")).isEqualTo(StoreErrorCode.OTHER);
    }

    @Test
    void unwrapsCompletionAndKeepsResource() {
        StoreException e = errors.map(new CompletionException(new CompletionException(s3(403, "AccessDenied"))),
                "getObject", "bucket", "a/key");
        assertThat(e.code()).isEqualTo(StoreErrorCode.ACCESS_DENIED);
        assertThat(e.bucket()).isEqualTo("bucket");
        assertThat(e.key()).isEqualTo("a/key");
        assertThat(e.getMessage()).contains("getObject", "AccessDenied", "403", "REQ1", "bucket=bucket", "key=a/key");
        assertThat(errors.statusCode(new CompletionException(e))).isEqualTo(403);
    }

    @Test
    void storeExceptionsPassThrough() {
        StoreException original = new StoreException(StoreErrorCode.UNSUPPORTED, "no");
        StoreException e = errors.map(new CompletionException(original), "op", "b", "k");
        assertThat(e.code()).isEqualTo(StoreErrorCode.UNSUPPORTED);
        assertThat(e.bucket()).isEqualTo("b");
        assertThat(original.bucket()).as("the original is immutable").isNull();
    }

    @Test
    void secretsAreMasked() {
        StoreException e = errors.map(SdkClientException.create("failed with " + SECRET), "putObject", "b", "k");
        assertThat(e.getMessage()).doesNotContain(SECRET).contains("***");
    }

    private StoreErrorCode code(Throwable t, String key) {
        return errors.map(t, "op", "bucket", key).code();
    }
}
