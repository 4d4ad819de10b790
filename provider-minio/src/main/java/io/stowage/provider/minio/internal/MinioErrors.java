package io.stowage.provider.minio.internal;

import java.io.InterruptedIOException;
import java.util.Collection;
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
import io.stowage.spi.s3.ExactLengthInputStream;
import io.stowage.spi.s3.Failures;
import io.stowage.spi.s3.S3ErrorCodes;
import io.stowage.spi.s3.SecretMasker;

/**
 * Maps MinIO client failures onto {@link StoreException}s with the same codes the S3
 * provider gives for the same S3 error, plus the bucket and the key.
 *
 * <p>Messages carry the server's error text and code, never a credential. The MinIO
 * exceptions themselves are not kept as causes: {@code ErrorResponseException.toString()}
 * prints the request headers, which hold the session token of temporary credentials, so
 * the cause is a {@link MinioFailure} copy with every known secret masked. What every S3
 * provider shares (the code mapping, the message, the cause-chain walks) lives in
 * {@code io.stowage.spi.s3}; this class adds the MinIO client's exception types.
 *
 * <pre>{@code
 * future.exceptionally(e -> { throw errors.map(e, "getObject", bucket, key); });
 * }</pre>
 */
public final class MinioErrors {

    private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d{3})");

    private final SecretMasker masker;

    /**
     * @param secrets strings that must never appear in a message (secret key, token, proxy
     *                password); read at each use, so it may be a thread-safe live view
     */
    public MinioErrors(Collection<String> secrets) {
        this.masker = new SecretMasker(secrets);
    }

    /** The S3 error code of a server failure in {@code t}'s cause chain, or {@code null}. */
    public static String errorCode(Throwable t) {
        ErrorResponseException e = Failures.find(Failures.unwrap(t), ErrorResponseException.class);
        if (e == null) {
            MinioFailure copy = Failures.find(Failures.unwrap(t), MinioFailure.class);
            return copy == null ? null : copy.errorCode();
        }
        return e.errorResponse() == null ? null : e.errorResponse().code();
    }

    /** The HTTP status of a server failure in {@code t}'s cause chain, or -1. */
    public static int statusCode(Throwable t) {
        Throwable u = Failures.unwrap(t);
        MinioFailure copy = Failures.find(u, MinioFailure.class);
        if (copy != null) {
            return copy.statusCode();
        }
        ErrorResponseException e = Failures.find(u, ErrorResponseException.class);
        if (e != null && e.response() != null) {
            return e.response().code();
        }
        ServerException s = Failures.find(u, ServerException.class);
        if (s != null) {
            return s.statusCode();
        }
        InvalidResponseException i = Failures.find(u, InvalidResponseException.class);
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
        Throwable t = Failures.unwrap(failure);
        StoreException mapped = Failures.alreadyMapped(t, bucket, key);
        if (mapped != null) {
            return mapped;
        }
        String where = "MinIO " + operation + " failed";
        ErrorResponseException response = Failures.find(t, ErrorResponseException.class);
        if (response != null) {
            return serverFailure(response, where, bucket, key);
        }
        ServerException server = Failures.find(t, ServerException.class);
        InvalidResponseException invalid = Failures.find(t, InvalidResponseException.class);
        if (server != null || invalid != null) {
            MinioException e = server != null ? server : invalid;
            int status = statusCode(e);
            return build(S3ErrorCodes.codeFor(null, status, key), where + ": " + e.getMessage(),
                    sanitize(e, null, status), bucket, key);
        }
        if (Failures.find(t, InsufficientDataException.class) != null
                || Failures.find(t, ExactLengthInputStream.LengthMismatchException.class) != null) {
            // The source yielded fewer bytes than its declared length: the caller's input.
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + Failures.rootMessage(t), sanitizeChain(t),
                    bucket, key);
        }
        // Connection first: a refused or unresolvable endpoint is not a slow one.
        if (isConnection(t)) {
            return build(StoreErrorCode.CONNECTION,
                    where + ": cannot reach the server (" + Failures.rootMessage(t) + ")", sanitizeChain(t),
                    bucket, key);
        }
        if (isTimeout(t)) {
            return build(StoreErrorCode.TIMEOUT,
                    where + ": the server did not answer in time (" + Failures.rootMessage(t) + ")", sanitizeChain(t),
                    bucket, key);
        }
        if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + t.getMessage(), sanitizeChain(t), bucket, key);
        }
        if (t.getClass().getName().startsWith("io.minio.credentials.")) {
            return build(StoreErrorCode.ACCESS_DENIED,
                    where + ": no usable credentials (" + Failures.rootMessage(t) + ")", sanitizeChain(t), bucket, key);
        }
        return build(StoreErrorCode.OTHER, where + ": " + Failures.rootMessage(t), sanitizeChain(t), bucket, key);
    }

    private StoreException serverFailure(ErrorResponseException e, String where, String bucket, String key) {
        ErrorResponse details = e.errorResponse();
        String code = details == null ? null : details.code();
        int status = e.response() == null ? -1 : e.response().code();
        String text = details != null && details.message() != null ? details.message() : null;
        String requestId = details == null ? null : details.requestId();
        String message = S3ErrorCodes.message(where, text, status, code, requestId);
        return build(S3ErrorCodes.codeFor(code, status, key), message, sanitize(e, code, status), bucket, key);
    }

    private StoreException build(StoreErrorCode code, String message, Throwable cause, String bucket, String key) {
        return new StoreException(code, redact(message), cause).bucket(bucket).key(key);
    }

    /** The message with every known secret masked. */
    public String redact(String message) {
        return masker.redact(message);
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
        MinioException inner = Failures.find(t, MinioException.class);
        if (inner == null) {
            return t;
        }
        MinioFailure outer = new MinioFailure(t.getClass().getName() + ": " + redact(t.getMessage()), null, -1,
                sanitize(inner, null, -1));
        outer.setStackTrace(t.getStackTrace());
        return outer;
    }

    /** The shared signs, plus OkHttp's: it reports its own timeouts as an InterruptedIOException("timeout"). */
    private static boolean isTimeout(Throwable t) {
        return Failures.isTimeout(t) || Failures.anyCause(t,
                c -> c instanceof InterruptedIOException && Failures.lowerCaseMessage(c).contains("timeout"));
    }

    /** The shared signs, plus OkHttp's "Failed to connect to ..." message. */
    private static boolean isConnection(Throwable t) {
        return Failures.isConnection(t)
                || Failures.anyCause(t, c -> Failures.lowerCaseMessage(c).contains("failed to connect"));
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
