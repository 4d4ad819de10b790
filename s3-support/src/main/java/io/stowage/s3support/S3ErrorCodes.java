package io.stowage.s3support;

import java.util.Set;

import io.stowage.spi.BlobId;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

/**
 * The {@link StoreErrorCode} of an S3 error answer, from its error code and HTTP status,
 * and the message every S3 provider gives it, so that the same failure reads the same
 * whichever client met it.
 *
 * <pre>{@code
 * StoreErrorCode code = S3ErrorCodes.codeFor("NoSuchKey", 404, key);
 * String message = S3ErrorCodes.message("S3 getObject failed", text, 404, "NoSuchKey", requestId);
 * }</pre>
 */
public final class S3ErrorCodes {

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled",
            "AccountProblem", "InvalidSecurity", "RequestTimeTooSkewed", "InvalidObjectState", "Forbidden");
    // MinIO answers a server that is still starting with XMinioServerNotInitialized (503): worth a retry.
    private static final Set<String> THROTTLED = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException", "ServiceUnavailable",
            "XMinioServerNotInitialized");
    private static final Set<String> OBJECT_NOT_FOUND = Set.of("NoSuchKey", "NoSuchVersion");
    // S3 answers a body that does not match the checksum sent with it with BadDigest (400).
    private static final Set<String> CHECKSUM_MISMATCH = Set.of("BadDigest", "XAmzContentChecksumMismatch", "InvalidDigest");

    private S3ErrorCodes() {
    }

    /**
     * The store code for an S3 error {@code code} (may be null) and HTTP {@code status}
     * (-1 when unknown); {@code key} is null for bucket operations, which turns a bare
     * 404 into {@link StoreErrorCode#BUCKET_NOT_FOUND}.
     */
    public static StoreErrorCode codeFor(String code, int status, String key) {
        if (code != null && !code.isEmpty()) {
            if ("NoSuchBucket".equals(code)) {
                return StoreErrorCode.BUCKET_NOT_FOUND;
            }
            if (OBJECT_NOT_FOUND.contains(code)) {
                return StoreErrorCode.OBJECT_NOT_FOUND;
            }
            if (ACCESS_DENIED.contains(code)) {
                return StoreErrorCode.ACCESS_DENIED;
            }
            if (CHECKSUM_MISMATCH.contains(code)) {
                return StoreErrorCode.CHECKSUM_MISMATCH;
            }
            // A concurrent conditional write to the same key: the claim was lost, as with 412.
            if ("PreconditionFailed".equals(code) || "ConditionalRequestConflict".equals(code)) {
                return StoreErrorCode.PRECONDITION_FAILED;
            }
            if (THROTTLED.contains(code)) {
                return StoreErrorCode.THROTTLED;
            }
            if ("RequestTimeout".equals(code)) {
                return StoreErrorCode.TIMEOUT;
            }
            if ("NotImplemented".equals(code)) {
                return StoreErrorCode.UNSUPPORTED;
            }
        }
        switch (status) {
            case 401:
            case 403:
                return StoreErrorCode.ACCESS_DENIED;
            case 404:
                // HEAD answers carry no body, so no code: a missing key unless the call was about a bucket.
                return key == null ? StoreErrorCode.BUCKET_NOT_FOUND : StoreErrorCode.OBJECT_NOT_FOUND;
            case 412:
                return StoreErrorCode.PRECONDITION_FAILED;
            case 429:
            case 503:
                return StoreErrorCode.THROTTLED;
            case 501:
                return StoreErrorCode.UNSUPPORTED;
            default:
                return status >= 400 && status < 500 ? StoreErrorCode.INVALID_INPUT : StoreErrorCode.OTHER;
        }
    }

    /**
     * {@code "where: text (HTTP status, code, request id id)"}: the server's own text (or
     * {@code "HTTP status"} when it sent none), then what identifies the answer; a null
     * code or a null or empty request id is left out.
     */
    public static String message(String where, String text, int status, String code, String requestId) {
        return where + ": " + (text == null || text.isBlank() ? "HTTP " + status : text)
                + " (HTTP " + status + (code == null ? "" : ", " + code)
                + (requestId == null || requestId.isEmpty() ? "" : ", request id " + requestId) + ")";
    }

    /**
     * The failure of one key of a DeleteObjects answer, which carries an error code and text
     * per key but no HTTP status.
     */
    public static StoreException batchEntryFailure(BlobId id, String code, String text) {
        return StoreException.builder(codeFor(code, -1, id.key()),
                        "DeleteObjects did not delete key '" + id.key() + "' in bucket '" + id.bucket() + "': "
                                + (text == null || text.isBlank() ? code : text) + (code == null ? "" : " (" + code + ")"))
                .bucket(id.bucket()).key(id.key()).build();
    }
}
