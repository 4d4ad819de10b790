package io.stowage.provider.dynamodb.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.stowage.awssupport.NettyFailures;
import io.stowage.spi.IoFailures;
import io.stowage.spi.SecretMasker;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Maps what the SDK fails with onto a {@link StoreException} with a {@link StoreErrorCode}
 * and the table, so that callers can react to the code instead of to SDK types. Messages
 * are scrubbed of the configured secrets, as a second line of defence: the SDK does not put
 * them in messages, but a proxy or server error text might echo a request back.
 *
 * <pre>{@code
 * ErrorMapper errors = new ErrorMapper(Set.of(secretKey));
 * future.exceptionally(e -> { throw errors.map(e, "put", "documents"); });
 * }</pre>
 */
public final class ErrorMapper {

    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "ProvisionedThroughputExceededException",
            "RequestLimitExceeded", "RequestLimitExceededException", "Throttling", "TooManyRequestsException",
            "SlowDown", "TransactionInProgressException");
    private static final Set<String> DENIED = Set.of("UnrecognizedClientException", "AccessDeniedException",
            "InvalidSignatureException", "MissingAuthenticationTokenException", "IncompleteSignatureException",
            "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch", "AccessDenied");

    private final SecretMasker masker;

    /** A mapper that masks the given secrets in messages and in the causes it keeps. */
    public ErrorMapper(Set<String> secrets) {
        this.masker = new SecretMasker(List.copyOf(secrets));
    }

    /** The failure itself, without the wrappers futures add. */
    public static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Maps a failure of {@code operation} on {@code table}. A {@link StoreException} passes
     * through unchanged.
     */
    public StoreException map(Throwable failure, String operation, String table) {
        Throwable e = unwrap(failure);
        if (e instanceof StoreException) {
            return (StoreException) e;
        }
        StoreErrorCode code = code(e);
        String message = (table == null ? operation : operation + " on table '" + table + "'") + " failed: " + describe(code, e);
        return StoreException.builder(code, scrub(message)).cause(masker.printable(e)).table(table)
                .afterAnAmbiguousAttempt(IoFailures.earlierAttemptMayHaveApplied(e)).build();
    }

    /** Removes the configured secrets from a text. */
    public String scrub(String text) {
        return masker.redact(text);
    }

    static StoreErrorCode code(Throwable e) {
        if (e instanceof ConditionalCheckFailedException) {
            return StoreErrorCode.CONDITION_FAILED;
        }
        if (e instanceof ResourceNotFoundException) {
            return StoreErrorCode.TABLE_NOT_FOUND;
        }
        if (e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceededException) {
            return StoreErrorCode.THROTTLED;
        }
        if (e instanceof AwsServiceException) {
            AwsServiceException ase = (AwsServiceException) e;
            String errorCode = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            if ("ConditionalCheckFailedException".equals(errorCode)) {
                return StoreErrorCode.CONDITION_FAILED;
            }
            if ("ResourceNotFoundException".equals(errorCode)) {
                return StoreErrorCode.TABLE_NOT_FOUND;
            }
            if (ase.isThrottlingException() || (errorCode != null && THROTTLING.contains(errorCode))) {
                return StoreErrorCode.THROTTLED;
            }
            if ((errorCode != null && DENIED.contains(errorCode)) || ase.statusCode() == 403) {
                return StoreErrorCode.ACCESS_DENIED;
            }
            if ("ValidationException".equals(errorCode) || "SerializationException".equals(errorCode)) {
                return mentionsItemSize(ase.getMessage()) ? StoreErrorCode.ITEM_TOO_LARGE : StoreErrorCode.INVALID_INPUT;
            }
            if (ase.statusCode() == 413) {
                return StoreErrorCode.ITEM_TOO_LARGE;
            }
            if (ase.statusCode() == 400) {
                return StoreErrorCode.INVALID_INPUT;
            }
            return StoreErrorCode.OTHER;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return StoreErrorCode.TIMEOUT;
        }
        if (e instanceof SdkClientException) {
            return clientSide(e);
        }
        // A NullPointerException is a bug of this provider, not a caller's mistake: OTHER.
        if (e instanceof IllegalArgumentException) {
            return StoreErrorCode.INVALID_INPUT;
        }
        return StoreErrorCode.OTHER;
    }

    /**
     * A connection never made is CONNECTION (nothing was sent), one that broke is
     * CONNECTION_LOST, a read timeout TIMEOUT: the SPI's one classification
     * ({@link IoFailures}), so that callers know whether the request may have landed.
     */
    private static StoreErrorCode clientSide(Throwable e) {
        if (NettyFailures.neverSent(e)) {
            return StoreErrorCode.CONNECTION;
        }
        StoreErrorCode io = IoFailures.codeOf(e);
        if (io != null) {
            return io;
        }
        String message = IoFailures.lowerCaseMessage(e);
        // No usable credentials is reported as refused credentials: what the user must fix is the same.
        if (message.contains("unable to load credentials") || message.contains("profile file")) {
            return StoreErrorCode.ACCESS_DENIED;
        }
        if (IoFailures.anyCause(e.getCause(), c -> c instanceof IOException)) {
            return StoreErrorCode.CONNECTION_LOST;
        }
        return StoreErrorCode.OTHER;
    }

    private static boolean mentionsItemSize(String message) {
        String m = String.valueOf(message).toLowerCase(Locale.ROOT);
        return m.contains("item size") || m.contains("maximum allowed size") || m.contains("item too large");
    }

    private static String describe(StoreErrorCode code, Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // DynamoDB's own error code is what its documentation and support cases go by; the SDK's text leaves it out.
        if (e instanceof AwsServiceException) {
            AwsServiceException ase = (AwsServiceException) e;
            String errorCode = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            if (errorCode != null && !errorCode.isBlank() && !text.contains(errorCode)) {
                text = errorCode + ": " + text;
            }
        }
        switch (code) {
            case TABLE_NOT_FOUND:
                return "the table does not exist (" + text + ")";
            case CONDITION_FAILED:
                return "the condition did not hold (" + text + ")";
            case CONNECTION:
                return "DynamoDB could not be reached (" + text + ")";
            case CONNECTION_LOST:
                return "the connection to DynamoDB broke; the request may or may not have been applied (" + text + ")";
            default:
                return text;
        }
    }
}
