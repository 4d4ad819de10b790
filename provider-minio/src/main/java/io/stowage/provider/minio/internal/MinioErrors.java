package io.stowage.provider.minio.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

/**
 * Maps MinIO client failures onto {@link StoreException}s with the same codes the S3
 * provider gives for the same S3 error, plus the bucket and the key.
 *
 * <p>Messages carry the server's error text and code, never a credential. The MinIO
 * exceptions themselves are not kept as causes: {@code ErrorResponseException.toString()}
 * prints the request headers, which hold the session token of temporary credentials, so
 * the cause is a {@link MinioFailure} copy with every known secret masked.
 *
 * <pre>{@code
 * future.exceptionally(e -> { throw errors.map(e, "getObject", bucket, key); });
 * }</pre>
 */
public final class MinioErrors {

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled",
            "AccountProblem", "InvalidSecurity", "RequestTimeTooSkewed", "InvalidObjectState", "Forbidden");
    private static final Set<String> THROTTLED = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException", "ServiceUnavailable",
            "XMinioServerNotInitialized");
    private static final Set<String> OBJECT_NOT_FOUND = Set.of("NoSuchKey", "NoSuchVersion");
    private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d{3})");
    private static final int MAX_CAUSE_DEPTH = 16;

    private final Collection<String> secrets;

    /**
     * @param secrets strings that must never appear in a message (secret key, token, proxy
     *                password); read at each use, so it may be a thread-safe live view
     */
    public MinioErrors(Collection<String> secrets) {
        this.secrets = secrets;
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

    /** The S3 error code of a server failure in {@code t}'s cause chain, or {@code null}. */
    public static String errorCode(Throwable t) {
        ErrorResponseException e = find(unwrap(t), ErrorResponseException.class);
        if (e == null) {
            MinioFailure copy = find(unwrap(t), MinioFailure.class);
            return copy == null ? null : copy.errorCode();
        }
        return e.errorResponse() == null ? null : e.errorResponse().code();
    }

    /** The HTTP status of a server failure in {@code t}'s cause chain, or -1. */
    public static int statusCode(Throwable t) {
        Throwable u = unwrap(t);
        MinioFailure copy = find(u, MinioFailure.class);
        if (copy != null) {
            return copy.statusCode();
        }
        ErrorResponseException e = find(u, ErrorResponseException.class);
        if (e != null && e.response() != null) {
            return e.response().code();
        }
        ServerException s = find(u, ServerException.class);
        if (s != null) {
            return s.statusCode();
        }
        InvalidResponseException i = find(u, InvalidResponseException.class);
        if (i != null && i.getMessage() != null) {
            Matcher m = RESPONSE_CODE.matcher(i.getMessage());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
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
        String where = "MinIO " + operation + " failed";
        ErrorResponseException response = find(t, ErrorResponseException.class);
        if (response != null) {
            return serverFailure(response, where, bucket, key);
        }
        ServerException server = find(t, ServerException.class);
        InvalidResponseException invalid = find(t, InvalidResponseException.class);
        if (server != null || invalid != null) {
            MinioException e = server != null ? server : invalid;
            int status = statusCode(e);
            return build(codeFor(null, status, key), where + ": " + e.getMessage(), sanitize(e, null, status),
                    bucket, key);
        }
        if (find(t, InsufficientDataException.class) != null
                || find(t, ExactLengthInputStream.LengthMismatchException.class) != null) {
            // The source yielded fewer bytes than its declared length: the caller's input.
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + rootMessage(t), sanitizeChain(t), bucket, key);
        }
        // Connection first: a refused or unresolvable endpoint is not a slow one.
        if (isConnection(t)) {
            return build(StoreErrorCode.CONNECTION, where + ": cannot reach the server (" + rootMessage(t) + ")",
                    sanitizeChain(t), bucket, key);
        }
        if (isTimeout(t)) {
            return build(StoreErrorCode.TIMEOUT, where + ": the server did not answer in time (" + rootMessage(t) + ")",
                    sanitizeChain(t), bucket, key);
        }
        if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + t.getMessage(), sanitizeChain(t), bucket, key);
        }
        if (t.getClass().getName().startsWith("io.minio.credentials.")) {
            return build(StoreErrorCode.ACCESS_DENIED, where + ": no usable credentials (" + rootMessage(t) + ")",
                    sanitizeChain(t), bucket, key);
        }
        return build(StoreErrorCode.OTHER, where + ": " + rootMessage(t), sanitizeChain(t), bucket, key);
    }

    private StoreException serverFailure(ErrorResponseException e, String where, String bucket, String key) {
        ErrorResponse details = e.errorResponse();
        String code = details == null ? null : details.code();
        int status = e.response() == null ? -1 : e.response().code();
        String text = details != null && details.message() != null ? details.message() : null;
        String requestId = details == null ? null : details.requestId();
        String message = where + ": " + (text == null || text.isBlank() ? "HTTP " + status : text)
                + " (HTTP " + status + (code == null ? "" : ", " + code)
                + (requestId == null || requestId.isEmpty() ? "" : ", request id " + requestId) + ")";
        return build(codeFor(code, status, key), message, sanitize(e, code, status), bucket, key);
    }

    /** The store code for an S3 error code and HTTP status, as the S3 provider decides it. */
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
                // HEAD answers carry no body: a missing key unless the call was about a bucket.
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
            // Very short strings would mask ordinary words without protecting anything.
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    /** A printable copy of a MinIO exception: its toString() would show request headers. */
    private MinioFailure sanitize(MinioException e, String code, int status) {
        MinioFailure copy = new MinioFailure(e.getClass().getName() + ": " + redact(e.getMessage()), code, status,
                e.getCause() == null ? null : sanitizeChain(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** The chain with its MinIO exception replaced by a sanitized copy; other exceptions kept as they are. */
    private Throwable sanitizeChain(Throwable t) {
        if (t instanceof MinioException) {
            return sanitize((MinioException) t, null, -1);
        }
        MinioException inner = find(t, MinioException.class);
        if (inner == null) {
            return t;
        }
        MinioFailure outer = new MinioFailure(t.getClass().getName() + ": " + redact(t.getMessage()), null, -1,
                sanitize(inner, null, -1));
        outer.setStackTrace(t.getStackTrace());
        return outer;
    }

    private static boolean isTimeout(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CAUSE_DEPTH; c = c.getCause(), depth++) {
            String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException
                    || (c instanceof InterruptedIOException && msg.contains("timeout"))
                    || msg.contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnection(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CAUSE_DEPTH; c = c.getCause(), depth++) {
            String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException || c instanceof PortUnreachableException
                    || c instanceof ClosedChannelException
                    || msg.contains("connection refused") || msg.contains("connection reset")
                    || msg.contains("failed to connect")) {
                return true;
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

    /**
     * A MinIO exception as text, without the request headers its own {@code toString()}
     * prints; keeps the S3 error code and status for callers that inspect causes.
     *
     * <pre>{@code
     * int status = ((MinioErrors.MinioFailure) storeException.getCause()).statusCode();
     * }</pre>
     */
    public static final class MinioFailure extends Exception {

        private static final long serialVersionUID = 1L;

        private final String errorCode;
        private final int statusCode;

        MinioFailure(String message, String errorCode, int statusCode, Throwable cause) {
            super(message, cause);
            this.errorCode = errorCode;
            this.statusCode = statusCode;
        }

        /** The S3 error code, or {@code null}. */
        public String errorCode() {
            return errorCode;
        }

        /** The HTTP status, or -1. */
        public int statusCode() {
            return statusCode;
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
