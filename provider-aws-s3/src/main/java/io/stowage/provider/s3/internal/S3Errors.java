package io.stowage.provider.s3.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;

import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.s3.ExactLengthInputStream;
import io.stowage.spi.s3.Failures;
import io.stowage.spi.s3.S3ErrorCodes;
import io.stowage.spi.s3.SecretMasker;
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
 * every known secret is masked as a last line of defence. What every S3 provider shares
 * (the code mapping, the message, the cause-chain walks) lives in {@code io.stowage.spi.s3};
 * this class adds the SDK's exception types.
 *
 * <pre>{@code
 * future.exceptionally(e -> { throw errors.map(e, "getObject", bucket, key); });
 * }</pre>
 */
public final class S3Errors {

    private final SecretMasker masker;

    /** @param secrets strings that must never appear in a message (secret key, token, proxy password) */
    public S3Errors(Collection<String> secrets) {
        // A copy: the secrets of these clients are fixed when they are built.
        this.masker = new SecretMasker(Collections.unmodifiableList(new ArrayList<>(secrets)));
    }

    /** The AWS error code of a service failure in {@code t}'s cause chain, or {@code null}. */
    public static String errorCode(Throwable t) {
        AwsServiceException service = Failures.find(Failures.unwrap(t), AwsServiceException.class);
        if (service == null || service.awsErrorDetails() == null) {
            return null;
        }
        return service.awsErrorDetails().errorCode();
    }

    /** The HTTP status of a service failure in {@code t}'s cause chain, or -1. */
    public static int statusCode(Throwable t) {
        AwsServiceException service = Failures.find(Failures.unwrap(t), AwsServiceException.class);
        return service == null ? -1 : service.statusCode();
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
        String where = "S3 " + operation + " failed";
        if (Failures.find(t, ExactLengthInputStream.LengthMismatchException.class) != null) {
            // The source yielded fewer or more bytes than its declared length: the caller's input.
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + Failures.rootMessage(t), t, bucket, key);
        }
        AwsServiceException service = Failures.find(t, AwsServiceException.class);
        if (service != null) {
            return serviceFailure(service, where, bucket, key);
        }
        if (Failures.find(t, ApiCallTimeoutException.class) != null
                || Failures.find(t, ApiCallAttemptTimeoutException.class) != null) {
            return build(StoreErrorCode.TIMEOUT, where + ": the call did not finish in time ("
                    + Failures.rootMessage(t) + ")", t, bucket, key);
        }
        // Connection first: a connect timeout means the server cannot be reached at all.
        if (isConnection(t)) {
            return build(StoreErrorCode.CONNECTION, where + ": cannot reach S3 (" + Failures.rootMessage(t) + ")",
                    t, bucket, key);
        }
        if (isTimeout(t)) {
            return build(StoreErrorCode.TIMEOUT, where + ": " + Failures.rootMessage(t), t, bucket, key);
        }
        if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + t.getMessage(), t, bucket, key);
        }
        String message = Failures.rootMessage(t);
        if (message != null && message.toLowerCase(Locale.ROOT).contains("content-length")) {
            // The body yielded fewer or more bytes than announced: the caller's input.
            return build(StoreErrorCode.INVALID_INPUT, where + ": " + message, t, bucket, key);
        }
        if (t instanceof SdkClientException && Failures.find(t, IOException.class) != null) {
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
        String message = S3ErrorCodes.message(where, text, status, code, e.requestId());
        return build(S3ErrorCodes.codeFor(code, status, key), message, e, bucket, key);
    }

    private StoreException build(StoreErrorCode code, String message, Throwable cause, String bucket, String key) {
        return new StoreException(code, redact(message), cause).bucket(bucket).key(key);
    }

    /** The message with every known secret masked. */
    public String redact(String message) {
        return masker.redact(message);
    }

    /** The shared signs, plus Netty's: its exceptions are named, not typed, for the SDK's users. */
    private static boolean isTimeout(Throwable t) {
        return Failures.isTimeout(t) || Failures.anyCause(t, c -> {
            String name = c.getClass().getSimpleName();
            return name.equals("ReadTimeoutException") || name.equals("WriteTimeoutException");
        });
    }

    /** The shared signs, plus Netty's connect exceptions and the SDK's name-resolution messages. */
    private static boolean isConnection(Throwable t) {
        return Failures.isConnection(t) || Failures.anyCause(t, c -> {
            String msg = Failures.lowerCaseMessage(c);
            return c.getClass().getSimpleName().contains("ConnectException")
                    || msg.contains("unknown host") || msg.contains("failed to resolve");
        });
    }
}
