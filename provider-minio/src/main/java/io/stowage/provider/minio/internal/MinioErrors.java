package io.stowage.provider.minio.internal;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import io.stowage.spi.IoFailures;
import io.stowage.s3support.Failures;
import io.stowage.s3support.S3ErrorMapper;
import io.stowage.spi.StoreErrorCode;
import java.io.InterruptedIOException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MinIO client's side of the failure mapping that every S3 provider shares
 * ({@link S3ErrorMapper}): where its exceptions keep the server's answer, and OkHttp's own
 * signs of timeouts and connections that fail.
 *
 * <p>The MinIO exceptions themselves are not kept as causes: {@code ErrorResponseException.toString()}
 * prints the request headers, which hold the session token of temporary credentials, so
 * the cause is a {@link MinioFailure} copy with every known secret masked.
 *
 * <pre>{@code
 * future.exceptionally(e -> { throw errors.map(e, "getObject", bucket, key); });
 * }</pre>
 */
public final class MinioErrors extends S3ErrorMapper {

    private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d{3})");

    /**
     * @param secrets strings that must never appear in a message (secret key, token, proxy
     *                password); read at each use, so it may be a thread-safe live view
     */
    public MinioErrors(Collection<String> secrets) {
        super("MinIO", secrets);
    }

    @Override
    protected ServerAnswer serverAnswer(Throwable t) {
        MinioFailure copy = Failures.find(t, MinioFailure.class);
        if (copy != null && copy.statusCode() > 0) {
            return new ServerAnswer(copy.errorCode(), copy.statusCode(), null, null, copy);
        }
        ErrorResponseException response = Failures.find(t, ErrorResponseException.class);
        if (response != null) {
            ErrorResponse details = response.errorResponse();
            String code = details == null ? null : details.code();
            int status = response.response() == null ? -1 : response.response().code();
            String text = details != null && details.message() != null ? details.message() : null;
            String requestId = details == null ? null : details.requestId();
            return new ServerAnswer(code, status, text, requestId, sanitize(response, code, status));
        }
        ServerException server = Failures.find(t, ServerException.class);
        InvalidResponseException invalid = Failures.find(t, InvalidResponseException.class);
        if (server != null || invalid != null) {
            MinioException e = server != null ? server : invalid;
            int status = statusOf(e);
            return new ServerAnswer(null, status, e.getMessage(), null, sanitize(e, null, status));
        }
        return null;
    }

    /** The HTTP status the server answered {@code failure} with, or -1 when it did not answer. */
    public int httpStatus(Throwable failure) {
        ServerAnswer answer = serverAnswer(failure);
        return answer == null ? -1 : answer.status();
    }

    private static int statusOf(MinioException e) {
        if (e instanceof ServerException) {
            return ((ServerException) e).statusCode();
        }
        if (e.getMessage() != null) {
            Matcher m = RESPONSE_CODE.matcher(e.getMessage());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    /** OkHttp reports its own timeouts as an InterruptedIOException("timeout"). */
    @Override
    protected boolean isTimeout(Throwable t) {
        return IoFailures.anyCause(t,
                c -> c instanceof InterruptedIOException && IoFailures.lowerCaseMessage(c).contains("timeout"));
    }

    /** The client's check of a stream that yielded fewer bytes than its declared length. */
    @Override
    protected boolean isShortInput(Throwable t) {
        return Failures.find(t, InsufficientDataException.class) != null;
    }

    /** The client's credential providers fail with their own exceptions when they have nothing to give. */
    @Override
    protected StoreErrorCode otherCode(Throwable t) {
        return t.getClass().getName().startsWith("io.minio.credentials.") ? StoreErrorCode.ACCESS_DENIED : null;
    }

    @Override
    protected Throwable printable(Throwable cause) {
        if (cause instanceof MinioFailure) {
            return cause;
        }
        if (cause instanceof MinioException) {
            return sanitize((MinioException) cause, null, -1);
        }
        MinioException inner = Failures.find(cause, MinioException.class);
        if (inner == null) {
            return cause;
        }
        MinioFailure outer = new MinioFailure(cause.getClass().getName() + ": " + redact(cause.getMessage()), null, -1,
                sanitize(inner, null, -1));
        outer.setStackTrace(cause.getStackTrace());
        return outer;
    }

    /** A printable copy of a MinIO exception: its toString() would show request headers. */
    private MinioFailure sanitize(MinioException e, String code, int status) {
        MinioFailure copy = new MinioFailure(e.getClass().getName() + ": " + redact(e.getMessage()), code, status,
                e.getCause() == null ? null : printable(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
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
