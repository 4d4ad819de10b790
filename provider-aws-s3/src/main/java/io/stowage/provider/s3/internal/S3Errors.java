package io.stowage.provider.s3.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Maps AWS SDK failures onto {@link StoreException}s with a {@link StoreErrorCode}, the
 * bucket and the key. Messages carry S3's own error text and code, never a credential:
 * every known secret is masked as a last line of defence.
 *
 * <pre>{@code
 * future.exceptionally(e -> { throw errors.map(e, "getObject", bucket, key); });
 * }</pre>
 */
public final class S3Errors {

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled",
            "AccountProblem", "InvalidSecurity", "RequestTimeTooSkewed", "InvalidObjectState", "Forbidden");
    private static final Set<String> THROTTLED = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException", "ServiceUnavailable");
    private static final Set<String> OBJECT_NOT_FOUND = Set.of("NoSuchKey", "NoSuchVersion");
    private static final int MAX_CAUSE_DEPTH = 16;

    private final List<String> secrets;

    /** @param secrets strings that must never appear in a message (secret key, token, proxy password) */
    public S3Errors(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    /** Removes {@link CompletionException} and {@link ExecutionException} layers. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The AWS error code of a service failure in {@code t}'s cause chain, or {@code null}. */
    public static String errorCode(Throwable t) {
        AwsServiceException service = find(unwrap(t), AwsServiceException.class);
        if (service == null || service.awsErrorDetails() == null) {
            return null;
        }
        return service.awsErrorDetails().errorCode();
    }

    /** The HTTP status of a service failure in {@code t}'s cause chain, or -1. */
    public static int statusCode(Throwable t) {
        AwsServiceException service = find(unwrap(t), AwsServiceException.class);
        return service == null ? -1 : service.statusCode();
    }

    /**
     * The store exception for a failure of {@code operation} on {@code bucket}/{@code key}
     * ({@code key} null for bucket operations).
     */
    public StoreException map(Throwable failure, String operation, String bucket, String key) {
        Throwable t = unwrap(failure);
        if (t instanceof StoreException) {
            StoreException se = (StoreException) t;
            if (se.bucket() == null) {
                se.bucket(bucket);
            }
            if (se.key() == null) {
                se.key(key);
            }
            return se;
        }
        String where = "S3 " + operation + " failed";
        if (find(t, ExactLengthInputStream.LengthMismatchException.class) != null) {
            // The source yielded fewer or more bytes than its declared length: the caller's input.
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + rootMessage(t), t, bucket, key);
        }
        AwsServiceException service = find(t, AwsServiceException.class);
        if (service != null) {
            return serviceFailure(service, where, bucket, key);
        }
        if (find(t, ApiCallTimeoutException.class) != null || find(t, ApiCallAttemptTimeoutException.class) != null) {
            return build(StoreErrorCode.TIMEOUT, where + ": the call did not finish in time (" + rootMessage(t) + ")",
                    t, bucket, key);
        }
        // Connection first: a connect timeout means the server cannot be reached at all.
        if (isConnection(t)) {
            return build(StoreErrorCode.CONNECTION, where + ": cannot reach S3 (" + rootMessage(t) + ")", t, bucket, key);
        }
        if (isTimeout(t)) {
            return build(StoreErrorCode.TIMEOUT, where + ": " + rootMessage(t), t, bucket, key);
        }
        if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + t.getMessage(), t, bucket, key);
        }
        String message = rootMessage(t);
        if (message != null && message.toLowerCase(Locale.ROOT).contains("content-length")) {
            // The body yielded fewer or more bytes than announced: the caller's input.
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + message, t, bucket, key);
        }
        if (t instanceof SdkClientException && find(t, IOException.class) != null) {
            return build(StoreErrorCode.CONNECTION, where + ": " + message, t, bucket, key);
        }
        return build(StoreErrorCode.OTHER, where + ": " + message, t, bucket, key);
    }

    private StoreException serviceFailure(AwsServiceException e, String where, String bucket, String key) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        if (code == null && e instanceof NoSuchBucketException) {
            code = "NoSuchBucket";
        } else if (code == null && e instanceof NoSuchKeyException) {
            code = "NoSuchKey";
        }
        int status = e.statusCode();
        String text = details != null && details.errorMessage() != null ? details.errorMessage() : null;
        String message = where + ": " + (text == null || text.isBlank() ? "HTTP " + status : text)
                + " (HTTP " + status + (code == null ? "" : ", " + code)
                + (e.requestId() == null ? "" : ", request id " + e.requestId()) + ")";
        return build(codeFor(code, status, key), message, e, bucket, key);
    }

    static StoreErrorCode codeFor(String code, int status, String key) {
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
            if ("PreconditionFailed".equals(code)) {
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

    private StoreException build(StoreErrorCode code, String message, Throwable cause, String bucket, String key) {
        return new StoreException(code, redact(message), cause).bucket(bucket).key(key);
    }

    /** The message with every known secret masked. */
    public String redact(String message) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return out;
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String name = c.getClass().getSimpleName();
            String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException
                    || name.equals("ReadTimeoutException") || name.equals("WriteTimeoutException")
                    || msg.contains("timed out")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static boolean isConnection(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException || c instanceof PortUnreachableException
                    || c instanceof ClosedChannelException
                    || c.getClass().getSimpleName().contains("ConnectException")
                    || msg.contains("connection refused") || msg.contains("connection reset")
                    || msg.contains("unknown host") || msg.contains("failed to resolve")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CAUSE_DEPTH; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        int depth = 0;
        String best = t.getMessage();
        while (root.getCause() != null && root.getCause() != root && depth++ < MAX_CAUSE_DEPTH) {
            root = root.getCause();
            if (root.getMessage() != null) {
                best = root.getMessage();
            }
        }
        String top = t.getMessage();
        if (top != null && best != null && !top.equals(best) && !top.contains(best)) {
            return top + ": " + best;
        }
        return top != null ? top : (best != null ? best : t.getClass().getSimpleName());
    }
}
