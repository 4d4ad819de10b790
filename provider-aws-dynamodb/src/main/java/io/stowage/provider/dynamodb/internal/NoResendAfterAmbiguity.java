package io.stowage.provider.dynamodb.internal;

import io.stowage.spi.IoFailures;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The client's retry strategy, less the retries after an attempt that may have been applied:
 * a request is sent again only when the last attempt was plainly refused (a 4xx or 503 answer,
 * throttling included) or never left (no connection was made). Every other decision (how many
 * attempts, the back-off, the retry quota) stays the client's.
 *
 * <p>This is for unconditional item writes. Sent again after an attempt whose answer was lost,
 * such a write can be applied twice, and a write another client made in between is then undone:
 * an item can end up pointing at objects that writer's save deleted as replaced. A conditional
 * write needs no such care, since its condition refuses a second application.
 *
 * <p>{@link ClientFactory} builds a second client with this strategy for such writes. A client
 * handed in by the application gets it per request, through {@link #PLUGIN}, which costs more
 * (the SDK rebuilds the client's configuration for each such request).
 *
 * <pre>{@code
 * client.putItem(PutItemRequest.builder()
 *         .tableName("documents").item(item)
 *         .overrideConfiguration(o -> o.addPlugin(NoResendAfterAmbiguity.PLUGIN))
 *         .build());
 * }</pre>
 */
public final class NoResendAfterAmbiguity implements RetryStrategy {

    /** The request-level plugin that wraps the client's retry strategy in this one. */
    public static final SdkPlugin PLUGIN = config -> {
        ClientOverrideConfiguration override = config.overrideConfiguration();
        RetryStrategy clients = override.retryStrategy().orElseGet(AwsRetryStrategy::defaultRetryStrategy);
        if (!(clients instanceof NoResendAfterAmbiguity)) {
            config.overrideConfiguration(override.toBuilder().retryStrategy(new NoResendAfterAmbiguity(clients)).build());
        }
    };

    private final RetryStrategy delegate;

    NoResendAfterAmbiguity(RetryStrategy delegate) {
        this.delegate = delegate;
    }

    /**
     * Whether an attempt's failure shows the request was not applied: the service answered
     * with a refusal, or no connection was made.
     */
    static boolean plainlyRefused(Throwable failure) {
        Throwable e = ErrorMapper.unwrap(failure);
        if (e instanceof SdkServiceException) {
            int status = ((SdkServiceException) e).statusCode();
            return (status >= 400 && status < 500) || status == 503;
        }
        return IoFailures.isConnectionRefused(e);
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return delegate.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (!plainlyRefused(request.failure())) {
            throw new TokenAcquisitionFailedException("Not sent again: the attempt may have been applied, and an unconditional "
                    + "write applied twice could undo another client's write in between", request.token(), request.failure());
        }
        return delegate.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        return delegate.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
        return delegate.maxAttempts();
    }

    /** Already configured: the client resolved its strategy before the request wrapped it. */
    @Override
    public boolean useClientDefaults() {
        return false;
    }

    @Override
    public Builder<?, ?> toBuilder() {
        return delegate.toBuilder();
    }
}
