package io.stowage.s3support;

import io.stowage.spi.IoFailures;
import io.stowage.spi.SecretMasker;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;

/**
 * Turns a client library's failure into a {@link StoreException}, the same way for every
 * S3 provider: the server's error answer through {@link S3ErrorCodes}, then the caller's
 * input, timeouts and connection failures (told apart as refused, which is definite, or
 * lost, which is ambiguous; see {@link StoreErrorCode#isDefinite()}), with every known
 * secret masked in the message. A provider supplies only what its library makes
 * different: how to find the server's answer in an exception, and its own signs of a
 * timeout or a broken connection.
 *
 * <p>A {@link NullPointerException} is a provider bug, not a caller's mistake: it maps to
 * {@link StoreErrorCode#OTHER}.
 *
 * <pre>{@code
 * final class MyErrors extends S3ErrorMapper {
 *     MyErrors(Collection<String> secrets) { super("MyS3", secrets); }
 *     protected ServerAnswer serverAnswer(Throwable t) {
 *         MyClientException e = Failures.find(t, MyClientException.class);
 *         return e == null ? null : new ServerAnswer(e.code(), e.status(), e.text(), e.requestId(), e);
 *     }
 * }
 * }</pre>
 */
public abstract class S3ErrorMapper {

    private final String service;
    private final SecretMasker masker;

    /**
     * @param service the name messages start with ({@code "S3"}, {@code "MinIO"})
     * @param secrets strings that must never appear in a message (secret key, token, proxy
     *                password); read at each use, so it may be a thread-safe live view
     */
    protected S3ErrorMapper(String service, Collection<String> secrets) {
        this.service = service;
        this.masker = new SecretMasker(secrets);
    }

    /** A mapper over a fixed copy of {@code secrets}. */
    protected static Collection<String> fixed(Collection<String> secrets) {
        return Collections.unmodifiableList(new ArrayList<>(secrets));
    }

    /**
     * The store exception for a failure of {@code operation} on {@code bucket}/{@code key}
     * ({@code key} null for bucket operations).
     */
    public final StoreException map(Throwable failure, String operation, String bucket, String key) {
        Throwable t = Failures.unwrap(failure);
        StoreException mapped = Failures.alreadyMapped(t, bucket, key);
        if (mapped != null) {
            return mapped;
        }
        String where = service + " " + operation + " failed";
        if (Failures.find(t, ExactLengthInputStream.LengthMismatchException.class) != null || isShortInput(t)) {
            // The source yielded fewer or more bytes than its declared length: the caller's input.
            return build(StoreErrorCode.INVALID_INPUT, where + ": the stream did not hold the size declared for it ("
                    + Failures.rootMessage(t) + "); pass its exact size to S3File.of(stream, size, name), or use S3File.of(Path)",
                    t, bucket, key);
        }
        ServerAnswer answer = serverAnswer(t);
        if (answer != null) {
            String message = S3ErrorCodes.message(where, answer.text, answer.status, answer.code, answer.requestId);
            return build(S3ErrorCodes.codeFor(answer.code, answer.status, key), message, answer.cause, bucket, key);
        }
        if (isCallTimeout(t)) {
            return build(StoreErrorCode.TIMEOUT, where + ": the call did not finish in time ("
                    + Failures.rootMessage(t) + ")", t, bucket, key);
        }
        // Refused first: a connect timeout means the server cannot be reached at all, and nothing was sent.
        if (IoFailures.isConnectionRefused(t) || isConnectionRefused(t)) {
            return build(StoreErrorCode.CONNECTION, where + ": cannot reach the server (" + Failures.rootMessage(t)
                    + ")", t, bucket, key);
        }
        if (IoFailures.isTimeout(t) || isTimeout(t)) {
            return build(StoreErrorCode.TIMEOUT, where + ": the server did not answer in time ("
                    + Failures.rootMessage(t) + ")", t, bucket, key);
        }
        if (IoFailures.isConnectionLost(t) || isConnectionLost(t)) {
            return build(StoreErrorCode.CONNECTION_LOST, where + ": the connection broke; the request may or may "
                    + "not have been applied (" + Failures.rootMessage(t) + ")", t, bucket, key);
        }
        if (t instanceof IllegalArgumentException) {
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + t.getMessage(), t, bucket, key);
        }
        StoreErrorCode other = otherCode(t);
        return build(other == null ? StoreErrorCode.OTHER : other, where + ": " + Failures.rootMessage(t), t, bucket, key);
    }

    /** The message with every known secret masked. */
    public final String redact(String message) {
        return masker.redact(message);
    }

    /** The S3 error code of the server's answer in {@code t}'s cause chain, or {@code null}. */
    public final String errorCode(Throwable t) {
        ServerAnswer answer = serverAnswer(Failures.unwrap(t));
        return answer == null ? null : answer.code;
    }

    /** The HTTP status of the server's answer in {@code t}'s cause chain, or -1. */
    public final int statusCode(Throwable t) {
        ServerAnswer answer = serverAnswer(Failures.unwrap(t));
        return answer == null ? -1 : answer.status;
    }

    /** The server's error answer in {@code t}'s cause chain, or {@code null} when the failure is not one. */
    protected abstract ServerAnswer serverAnswer(Throwable t);

    /** The library's own sign of a whole call running out of time. */
    protected boolean isCallTimeout(Throwable t) {
        return false;
    }

    /** The library's own signs of a read or write timeout, beyond the JDK's. */
    protected boolean isTimeout(Throwable t) {
        return false;
    }

    /** The library's own signs of a connection that could not be made, beyond the JDK's. */
    protected boolean isConnectionRefused(Throwable t) {
        return false;
    }

    /** The library's own signs of a connection that broke, beyond the JDK's. */
    protected boolean isConnectionLost(Throwable t) {
        return false;
    }

    /** The library's own sign of an upload body shorter or longer than announced. */
    protected boolean isShortInput(Throwable t) {
        return false;
    }

    /** A code for failures none of the above explains, or {@code null} for {@code OTHER}. */
    protected StoreErrorCode otherCode(Throwable t) {
        return null;
    }

    private StoreException build(StoreErrorCode code, String message, Throwable cause, String bucket, String key) {
        return StoreException.builder(code, redact(message)).cause(masker.printable(printable(cause))).bucket(bucket).key(key)
                .afterAnAmbiguousAttempt(cause != null && IoFailures.earlierAttemptMayHaveApplied(cause)).build();
    }

    /** The cause as it may be kept and printed; a library whose exceptions print secrets returns a copy. */
    protected Throwable printable(Throwable cause) {
        return cause;
    }

    /**
     * The parts of a server's error answer: S3 error code (may be null), HTTP status (-1
     * when unknown), the server's text, the request id, and the exception to keep as cause.
     *
     * <pre>{@code
     * new ServerAnswer("NoSuchKey", 404, "The specified key does not exist.", "4442587FB7D0A2F9", e);
     * }</pre>
     */
    public static final class ServerAnswer {
        private final String code;
        private final int status;
        private final String text;
        private final String requestId;
        private final Throwable cause;

        public ServerAnswer(String code, int status, String text, String requestId, Throwable cause) {
            this.code = code;
            this.status = status;
            this.text = text;
            this.requestId = requestId;
            this.cause = cause;
        }

        /** The HTTP status of the answer, or -1. */
        public int status() {
            return status;
        }
    }
}
