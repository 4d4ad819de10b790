package io.stowage.provider.s3.internal;

import io.stowage.awssupport.NettyFailures;
import io.stowage.spi.IoFailures;
import io.stowage.s3support.Failures;
import io.stowage.s3support.S3ErrorMapper;
import java.util.Collection;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The AWS SDK's side of the failure mapping that every S3 provider shares
 * ({@link S3ErrorMapper}): where the SDK keeps the service's answer, and Netty's own
 * exceptions for timeouts and broken connections, which it names rather than types.
 *
 * <pre>{@code
 * future.exceptionally(e -> { throw errors.map(e, "getObject", bucket, key); });
 * }</pre>
 */
public final class S3Errors extends S3ErrorMapper {

    /** @param secrets strings that must never appear in a message (secret key, token, proxy password) */
    public S3Errors(Collection<String> secrets) {
        // A copy: the secrets of these clients are fixed when they are built.
        super("S3", fixed(secrets));
    }

    @Override
    protected ServerAnswer serverAnswer(Throwable t) {
        AwsServiceException e = Failures.find(t, AwsServiceException.class);
        if (e == null) {
            return null;
        }
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        if (code == null && e instanceof NoSuchBucketException) {
            code = "NoSuchBucket";
        } else if (code == null && e instanceof NoSuchKeyException) {
            code = "NoSuchKey";
        }
        String text = details != null && details.errorMessage() != null ? details.errorMessage() : null;
        return new ServerAnswer(code, e.statusCode(), text, e.requestId(), e);
    }

    @Override
    protected boolean isCallTimeout(Throwable t) {
        return Failures.find(t, ApiCallTimeoutException.class) != null
                || Failures.find(t, ApiCallAttemptTimeoutException.class) != null;
    }

    /** Netty names its timeouts rather than typing them for the SDK's users. */
    @Override
    protected boolean isTimeout(Throwable t) {
        return IoFailures.anyCause(t, c -> {
            String name = c.getClass().getSimpleName();
            return name.equals("ReadTimeoutException") || name.equals("WriteTimeoutException");
        });
    }

    /** Nothing was sent: no connection made, or a pooled one found closed before the request was written. */
    @Override
    protected boolean isConnectionRefused(Throwable t) {
        return IoFailures.anyCause(t, c -> c.getClass().getSimpleName().contains("ConnectException")
                || c.getClass().getSimpleName().equals("ConnectTimeoutException")) || NettyFailures.neverSent(t);
    }

    /** The SDK reports a body cut short by the server as a client failure around an IOException. */
    @Override
    protected boolean isConnectionLost(Throwable t) {
        return t instanceof SdkClientException && Failures.find(t, java.io.IOException.class) != null;
    }

    /** The SDK's own check of a body that yielded fewer or more bytes than announced. */
    @Override
    protected boolean isShortInput(Throwable t) {
        String message = Failures.rootMessage(t);
        return message != null && message.toLowerCase(Locale.ROOT).contains("content-length");
    }
}
