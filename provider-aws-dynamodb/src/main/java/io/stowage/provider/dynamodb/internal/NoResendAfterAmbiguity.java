package io.stowage.provider.dynamodb.internal;

import io.stowage.awssupport.NettyFailures;
import io.stowage.spi.IoFailures;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
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
 * <p>This is for item puts and deletes. Sent again after an attempt whose answer was lost, a put can be
 * applied twice, and a save another client made in between is then undone: the item ends up
 * pointing at objects that save's clean-up deleted as replaced. A condition does not always
 * prevent it: the conditions that pin a kept object (its key and etag) still hold after the
 * first application.
 *
 * <p>Item deletes follow it too. Sent again after an attempt that deleted the item, a delete
 * finds nothing (or fails its condition), so the objects of the item it deleted go unnamed;
 * unconditional, it also deletes an item another client wrote in between.
 *
 * <p>{@link ClientFactory} builds a second client with this strategy for puts and deletes. A client handed
 * in by the application gets it per request, through {@link #PLUGIN}, which costs more (the SDK
 * rebuilds the client's configuration for each such request).
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
            config.overrideConfiguration(override.toBuilder().retryStrategy(around(clients)).build());
        }
    };

    /** Weak keys: an adapter goes with its client. */
    private static final Map<RetryStrategy, RetryStrategy> STANDARD_FOR_ADAPTER = new WeakHashMap<>();

    private final RetryStrategy delegate;

    private NoResendAfterAmbiguity(RetryStrategy delegate) {
        this.delegate = delegate;
    }

    /** {@code clients}, less its retries after an attempt that may have been applied. */
    static NoResendAfterAmbiguity around(RetryStrategy clients) {
        // A legacy RetryPolicy reaches a client as the SDK's RetryPolicyAdapter, which the SDK
        // initialises per request only when it sees it unwrapped: wrapped, it would fail every
        // call. Its attempts carry over to the SDK's standard strategy instead, one per adapter,
        // so that the plugin's calls share its retry quota as the client's own calls do.
        if (clients.getClass().getSimpleName().equals("RetryPolicyAdapter")) {
            synchronized (STANDARD_FOR_ADAPTER) {
                return new NoResendAfterAmbiguity(STANDARD_FOR_ADAPTER.computeIfAbsent(clients, NoResendAfterAmbiguity::standardFor));
            }
        }
        return new NoResendAfterAmbiguity(clients);
    }

    private static RetryStrategy standardFor(RetryStrategy adapter) {
        RetryStrategy standard = AwsRetryStrategy.forRetryMode(RetryMode.STANDARD);
        int attempts;
        try {
            attempts = adapter.maxAttempts();
        } catch (RuntimeException uninitialised) {
            attempts = standard.maxAttempts();
        }
        return standard.toBuilder().maxAttempts(attempts).build();
    }

    /** The strategy this one defers to. */
    RetryStrategy delegate() {
        return delegate;
    }

    /**
     * Whether an attempt's failure shows the request was not applied: the service answered
     * with a refusal, no connection was made, or the client found its pooled connection closed
     * before it wrote anything (which the SDK's own retries normally hide).
     */
    static boolean plainlyRefused(Throwable failure) {
        Throwable e = ErrorMapper.unwrap(failure);
        if (e instanceof SdkServiceException) {
            return IoFailures.isRefusalStatus(((SdkServiceException) e).statusCode());
        }
        return IoFailures.isConnectionRefused(e) || NettyFailures.neverSent(e);
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return delegate.acquireInitialToken(request);
    }

    /** The delegate's own: an adaptive strategy waits for its rate limiter without blocking there. */
    @Override
    public CompletableFuture<AcquireInitialTokenResponse> acquireInitialTokenAsync(AcquireInitialTokenRequest request) {
        return delegate.acquireInitialTokenAsync(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (!plainlyRefused(request.failure())) {
            throw notSentAgain(request);
        }
        return delegate.refreshRetryToken(request);
    }

    @Override
    public CompletableFuture<RefreshRetryTokenResponse> refreshRetryTokenAsync(RefreshRetryTokenRequest request) {
        if (!plainlyRefused(request.failure())) {
            return CompletableFuture.failedFuture(notSentAgain(request));
        }
        return delegate.refreshRetryTokenAsync(request);
    }

    private static TokenAcquisitionFailedException notSentAgain(RefreshRetryTokenRequest request) {
        return new TokenAcquisitionFailedException("Not sent again: the attempt may have been applied, and an item write "
                + "applied twice could undo another client's write in between", request.token(), request.failure());
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

    /**
     * The delegate's builder: what it builds has no such wrapper. The SDK asks for it only to
     * apply its defaults, which {@link #useClientDefaults()} declines.
     */
    @Override
    public Builder<?, ?> toBuilder() {
        return delegate.toBuilder();
    }
}
