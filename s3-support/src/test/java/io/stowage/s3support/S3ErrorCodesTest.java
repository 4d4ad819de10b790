package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.stowage.spi.StoreErrorCode;
import org.junit.jupiter.api.Test;

class S3ErrorCodesTest {

    @Test
    void byCodeFirst() {
        assertThat(S3ErrorCodes.codeFor("NoSuchBucket", 404, "k")).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
        assertThat(S3ErrorCodes.codeFor("NoSuchKey", 404, "k")).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(S3ErrorCodes.codeFor("NoSuchVersion", 404, "k")).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        for (String c : List.of("AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "ExpiredToken")) {
            assertThat(S3ErrorCodes.codeFor(c, 403, "k")).as(c).isEqualTo(StoreErrorCode.ACCESS_DENIED);
        }
        assertThat(S3ErrorCodes.codeFor("PreconditionFailed", 412, "k")).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertThat(S3ErrorCodes.codeFor("SlowDown", 503, "k")).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(S3ErrorCodes.codeFor("XMinioServerNotInitialized", 503, "k")).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(S3ErrorCodes.codeFor("RequestTimeout", 400, "k")).isEqualTo(StoreErrorCode.TIMEOUT);
        assertThat(S3ErrorCodes.codeFor("NotImplemented", 501, "k")).isEqualTo(StoreErrorCode.UNSUPPORTED);
    }

    @Test
    void thenByStatus() {
        assertThat(S3ErrorCodes.codeFor(null, 404, "k")).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(S3ErrorCodes.codeFor("", 404, null)).as("a bucket call").isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
        assertThat(S3ErrorCodes.codeFor(null, 401, "k")).isEqualTo(StoreErrorCode.ACCESS_DENIED);
        assertThat(S3ErrorCodes.codeFor(null, 403, "k")).isEqualTo(StoreErrorCode.ACCESS_DENIED);
        assertThat(S3ErrorCodes.codeFor(null, 412, "k")).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertThat(S3ErrorCodes.codeFor(null, 429, "k")).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(S3ErrorCodes.codeFor(null, 501, "k")).isEqualTo(StoreErrorCode.UNSUPPORTED);
        assertThat(S3ErrorCodes.codeFor("InvalidRange", 416, "k")).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(S3ErrorCodes.codeFor("InternalError", 500, "k")).isEqualTo(StoreErrorCode.OTHER);
        assertThat(S3ErrorCodes.codeFor(null, -1, "k")).isEqualTo(StoreErrorCode.OTHER);
    }

    @Test
    void messageNamesTheAnswer() {
        assertThat(S3ErrorCodes.message("S3 getObject failed", "Access Denied", 403, "AccessDenied", "REQ1"))
                .isEqualTo("S3 getObject failed: Access Denied (HTTP 403, AccessDenied, request id REQ1)");
        assertThat(S3ErrorCodes.message("MinIO statObject failed", null, 404, null, ""))
                .isEqualTo("MinIO statObject failed: HTTP 404 (HTTP 404)");
        assertThat(S3ErrorCodes.message("w", " ", 500, "InternalError", null))
                .isEqualTo("w: HTTP 500 (HTTP 500, InternalError)");
    }
}
