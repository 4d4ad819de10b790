package io.stowage.provider.dynamodb.internal;

import java.util.ArrayList;
import java.util.List;

import io.stowage.awssupport.AwsEventLoops;
import io.stowage.awssupport.AwsProxy;
import io.stowage.spi.Credentials;
import io.stowage.spi.SharedResources;
import io.stowage.spi.StoreSettings;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds a {@link DynamoDbAsyncClient} from {@link StoreSettings}. What the settings leave
 * unset is left to the SDK, so that the standard environment ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL[_DYNAMODB]}, {@code AWS_PROFILE}, {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_RETRY_MODE}, ...) works unchanged; the region alone falls back to
 * {@code us-east-1} when no source names one.
 *
 * <pre>{@code
 * ClientFactory.Built built = ClientFactory.build(settings);
 * DynamoDbAsyncClient client = built.client();
 * }</pre>
 */
public final class ClientFactory {

    /** The region used when neither the settings nor the SDK's region chain name one. */
    public static final Region FALLBACK_REGION = Region.US_EAST_1;

    private ClientFactory() {
    }

    /**
     * A client and the resources created for it that the client does not close itself.
     *
     * <pre>{@code
     * ClientFactory.Built built = ClientFactory.build(settings);
     * built.close();
     * }</pre>
     */
    public static final class Built implements AutoCloseable {
        private final DynamoDbAsyncClient client;
        private final DynamoDbAsyncClient writes;
        private final SdkAsyncHttpClient http;
        private final SharedResources.Lease<SdkEventLoopGroup> eventLoops;
        private final List<SdkAutoCloseable> resources;

        Built(DynamoDbAsyncClient client, DynamoDbAsyncClient writes, SdkAsyncHttpClient http,
              SharedResources.Lease<SdkEventLoopGroup> eventLoops, List<SdkAutoCloseable> resources) {
            this.client = client;
            this.writes = writes;
            this.http = http;
            this.eventLoops = eventLoops;
            this.resources = List.copyOf(resources);
        }

        /** The client. */
        public DynamoDbAsyncClient client() {
            return client;
        }

        /**
         * The client for item puts and deletes: the same connections, credentials and retry
         * strategy (quota included) as {@link #client()}, less the retries after an attempt that
         * may have been applied ({@link NoResendAfterAmbiguity}).
         */
        public DynamoDbAsyncClient writes() {
            return writes;
        }

        /** Closes the clients, then what was created for them; the event loops stop in the background. */
        @Override
        public void close() {
            // The writes client borrows the first one's credentials: it goes first. Every step runs
            // even when an earlier one fails, so that nothing is left open; the first failure is thrown.
            List<AutoCloseable> steps = new ArrayList<>(List.<AutoCloseable>of(writes, client, http));
            steps.addAll(resources);
            steps.add(eventLoops);
            closeAll(steps);
        }
    }

    /** Closes each of {@code steps} in order, all of them; the first failure is thrown with the others suppressed. */
    static void closeAll(List<? extends AutoCloseable> steps) {
        RuntimeException first = null;
        for (AutoCloseable step : steps) {
            try {
                step.close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Builds a client for the settings, on event loops of its own. */
    public static Built build(StoreSettings settings) {
        return build(settings, null);
    }

    /**
     * Builds a client for the settings, on the event loops shared through {@code shared}
     * ({@code null}: loops of its own).
     */
    public static Built build(StoreSettings settings, SharedResources shared) {
        List<SdkAutoCloseable> resources = new ArrayList<>();
        DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder();
        Credentials credentials = settings.credentials();
        String profile = credentials.kind() == Credentials.Kind.PROFILE ? credentials.profileName().orElse(null) : null;

        builder.region(settings.region().map(Region::of).orElseGet(() -> resolveRegion(profile)));
        settings.endpoint().ifPresent(builder::endpointOverride);

        switch (credentials.kind()) {
            case STATIC: {
                String id = credentials.accessKeyId().orElseThrow();
                String secret = credentials.secretAccessKey().orElseThrow();
                builder.credentialsProvider(StaticCredentialsProvider.create(credentials.sessionToken()
                        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                                token -> AwsSessionCredentials.create(id, secret, token))
                        .orElseGet(() -> AwsBasicCredentials.create(id, secret))));
                break;
            }
            case PROFILE: {
                ProfileCredentialsProvider provider = ProfileCredentialsProvider.create(profile);
                resources.add(provider);
                builder.credentialsProvider(provider);
                break;
            }
            case ANONYMOUS:
                builder.credentialsProvider(AnonymousCredentialsProvider.create());
                break;
            case DEFAULT_CHAIN:
            default:
                // Left to the SDK: its default chain, which the client owns and closes.
                break;
        }

        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        settings.apiCallTimeout().ifPresent(override::apiCallTimeout);
        // Configures the SDK's retry strategy for the retry mode in force (standard unless
        // AWS_RETRY_MODE or the profile says otherwise), throttling back-off included.
        settings.maxRetries().ifPresent(retries -> override.retryStrategy(b -> b.maxAttempts(retries + 1)));
        if (profile != null) {
            override.defaultProfileName(profile);
        }
        builder.overrideConfiguration(override.build());

        SharedResources.Lease<SdkEventLoopGroup> eventLoops = AwsEventLoops.lease(shared, "stowage-dynamodb-netty");
        SdkAsyncHttpClient http = null;
        DynamoDbAsyncClient client = null;
        try {
            NettyNioAsyncHttpClient.Builder httpBuilder = NettyNioAsyncHttpClient.builder()
                    .eventLoopGroup(eventLoops.get())
                    .maxConcurrency(settings.maxConcurrency());
            settings.connectTimeout().ifPresent(httpBuilder::connectionTimeout);
            settings.proxy().ifPresent(proxy -> httpBuilder.proxyConfiguration(AwsProxy.configuration(proxy)));
            http = httpBuilder.build();
            client = builder.httpClient(http).build();
            // A second client rather than a per-request plugin: a request-level plugin makes the
            // SDK rebuild the client's configuration on every call (measured: +24 KiB per put).
            DynamoDbServiceClientConfiguration resolved = client.serviceClientConfiguration();
            RetryStrategy retries = resolved.overrideConfiguration().retryStrategy()
                    .orElseGet(AwsRetryStrategy::defaultRetryStrategy);
            DynamoDbAsyncClient writes = builder.credentialsProvider(resolved.credentialsProvider())
                    .overrideConfiguration(override.build().toBuilder().retryStrategy(NoResendAfterAmbiguity.around(retries)).build())
                    .build();
            return new Built(client, writes, http, eventLoops, resources);
        } catch (RuntimeException | Error e) {
            // A client that was never built must not hold the loops other stores share.
            List<AutoCloseable> opened = new ArrayList<>();
            if (client != null) {
                opened.add(client);
            }
            if (http != null) {
                opened.add(http);
            }
            opened.addAll(resources);
            opened.add(eventLoops);
            try {
                closeAll(opened);
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private static Region resolveRegion(String profile) {
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        if (profile != null) {
            chain.profileName(profile);
        }
        try {
            return chain.build().getRegion();
        } catch (SdkClientException noRegionAnywhere) {
            return FALLBACK_REGION;
        }
    }
}
