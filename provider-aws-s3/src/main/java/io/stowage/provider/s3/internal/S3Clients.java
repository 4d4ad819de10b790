package io.stowage.provider.s3.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import io.stowage.awssupport.AwsEventLoops;
import io.stowage.awssupport.AwsProxy;
import io.stowage.spi.Credentials;
import io.stowage.spi.SharedResources;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS SDK clients of one store: one Netty HTTP client and one credentials provider
 * shared by everything, and per region, lazily, a plain {@link S3AsyncClient} (reads,
 * heads, deletes, listings, buckets, uploads below the multipart threshold), an
 * {@link S3Presigner} and, per multipart policy, a multipart-enabled client driven by an
 * {@link S3TransferManager} (uploads at or above the threshold, or of unknown length).
 *
 * <pre>{@code
 * try (S3Clients clients = new S3Clients(settings, System::getProperty, System::getenv)) {
 *     S3AsyncClient s3 = clients.forRegion(null).plain();
 * }
 * }</pre>
 */
public final class S3Clients implements AutoCloseable {

    /** The region used when neither the settings nor the SDK's region chain name one. */
    public static final String FALLBACK_REGION = "us-east-1";
    /** How many parts of an {@code InputStream} upload may be held in memory at once. */
    public static final int STREAM_BUFFER_PARTS = 2;

    private final StoreSettings settings;
    private final Optional<URI> endpoint;
    private final boolean pathStyle;
    private final String defaultRegion;
    private final AwsCredentialsProvider credentialsProvider;
    private final SharedResources.Lease<SdkEventLoopGroup> eventLoops;
    private final SdkAsyncHttpClient httpClient;
    private final ClientOverrideConfiguration overrides;
    private final ExecutorService streamExecutor;
    private final S3Errors errors;
    private final Map<String, RegionClients> regions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param systemProperties look-up of JVM system properties (tests pass a map)
     * @param environment look-up of environment variables (tests pass a map)
     */
    public S3Clients(StoreSettings settings, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this(settings, systemProperties, environment, List.of());
    }

    /**
     * @param interceptors added to every client; tests use them to see the requests a call
     *                     makes (there is no setting for them: they are not part of the API)
     */
    public S3Clients(StoreSettings settings, UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
                     List<ExecutionInterceptor> interceptors) {
        this(settings, systemProperties, environment, interceptors, null);
    }

    /**
     * @param shared where the event loops come from when they are shared with other stores
     *               ({@code null}: the store's own)
     */
    public S3Clients(StoreSettings settings, UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
                     List<ExecutionInterceptor> interceptors, SharedResources shared) {
        this.settings = settings;
        this.endpoint = Endpoints.resolve(settings, systemProperties, environment);
        this.pathStyle = Endpoints.pathStyle(settings, endpoint);
        this.defaultRegion = settings.region().filter(r -> !r.isBlank()).orElseGet(() -> chainRegion(settings));
        this.errors = new S3Errors(settings.secrets());
        this.credentialsProvider = credentialsProvider(settings.credentials());
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder();
        settings.apiCallTimeout().ifPresent(o::apiCallTimeout);
        o.retryStrategy(b -> {
            b.retryOnException(S3Clients::isStalePipeline);
            settings.maxRetries().ifPresent(n -> b.maxAttempts(n + 1));
        });
        interceptors.forEach(o::addExecutionInterceptor);
        this.overrides = o.build();
        SharedResources.Lease<SdkEventLoopGroup> loops = AwsEventLoops.lease(shared, "stowage-s3-netty");
        try {
            this.httpClient = httpClient(settings, loops.get());
        } catch (RuntimeException | Error e) {
            // A store that was never built must not hold the loops other stores share.
            loops.close();
            throw e;
        }
        this.eventLoops = loops;
        this.streamExecutor = Executors.newCachedThreadPool(AwsEventLoops.daemonThreads("stowage-s3-stream"));
    }

    /**
     * The SDK's Netty client can fail a request with "Duplicate handler name" when it reuses
     * a connection whose previous response came before its body was all sent (a conditional
     * PUT refused with 412, as claims are under contention; aws-sdk-java-v2#1903). It fails
     * while setting up the pipeline, before anything is written, so asking again is safe.
     */
    static boolean isStalePipeline(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Duplicate handler name")) {
                return true;
            }
        }
        return false;
    }

    /** The region of the store: from the settings, else the SDK chain, else {@value #FALLBACK_REGION}. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** The endpoint override in force, if any. */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /** Whether requests use path-style addressing. */
    public boolean pathStyle() {
        return pathStyle;
    }

    public S3Errors errors() {
        return errors;
    }

    /** Runs the blocking reads of {@code InputStream} uploads. */
    public ExecutorService streamExecutor() {
        return streamExecutor;
    }

    /** The clients for {@code region} ({@code null} or blank: the store's region), created on first use. */
    public RegionClients forRegion(String region) {
        if (closed) {
            throw new StoreException(StoreErrorCode.INVALID_INPUT, "The S3 blob store is closed; create a new one");
        }
        String r = region == null || region.isBlank() ? defaultRegion : region;
        RegionClients clients = regions.computeIfAbsent(r, RegionClients::new);
        if (closed) {
            // close() ran while this region was being created: do not leak its clients.
            clients.close();
            throw new StoreException(StoreErrorCode.INVALID_INPUT, "The S3 blob store is closed; create a new one");
        }
        return clients;
    }

    /** The regions that have clients so far. */
    public Set<String> openRegions() {
        return new TreeSet<>(regions.keySet());
    }

    /** Closes every client, the HTTP client, the credentials provider and the executor. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(regions.values());
        regions.clear();
        for (AutoCloseable c : all) {
            closeQuietly(c);
        }
        closeQuietly(httpClient);
        closeQuietly(eventLoops);
        if (credentialsProvider instanceof SdkAutoCloseable) {
            closeQuietly((SdkAutoCloseable) credentialsProvider);
        }
        streamExecutor.shutdownNow();
    }

    private S3AsyncClientBuilder baseBuilder(String region) {
        S3AsyncClientBuilder b = S3AsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentialsProvider)
                .httpClient(httpClient)
                .overrideConfiguration(overrides)
                .forcePathStyle(pathStyle);
        endpoint.ifPresent(b::endpointOverride);
        return b;
    }

    /**
     * The clients of one region.
     *
     * <pre>{@code
     * S3AsyncClient s3 = clients.forRegion("eu-west-1").plain();
     * }</pre>
     */
    public final class RegionClients implements AutoCloseable {
        private final String region;
        private final S3AsyncClient plain;
        private final S3Presigner presigner;
        private final Map<MultipartPolicy, Uploader> uploaders = new ConcurrentHashMap<>();

        private RegionClients(String region) {
            this.region = region;
            this.plain = baseBuilder(region).build();
            S3Presigner.Builder p = S3Presigner.builder()
                    .region(Region.of(region))
                    .credentialsProvider(credentialsProvider)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
            endpoint.ifPresent(p::endpointOverride);
            this.presigner = p.build();
        }

        public String region() {
            return region;
        }

        /** The client for everything but multipart uploads and uploads of unknown length. */
        public S3AsyncClient plain() {
            return plain;
        }

        public S3Presigner presigner() {
            return presigner;
        }

        /** The multipart uploader for a threshold and part size, created on first use. */
        public Uploader uploader(long threshold, long partSize) {
            return uploaders.computeIfAbsent(new MultipartPolicy(threshold, partSize), this::newUploader);
        }

        private Uploader newUploader(MultipartPolicy policy) {
            long parallel = Math.max(1, settings.maxConcurrency());
            MultipartConfiguration mc = MultipartConfiguration.builder()
                    // The SDK goes multipart above its threshold; Stowage's contract is "at or above".
                    .thresholdInBytes(policy.threshold - 1)
                    .minimumPartSizeInBytes(policy.partSize)
                    // Bounds what an InputStream upload holds in memory (files are read part
                    // by part from disk, arrays are in memory already): two parts, so that one
                    // is sent while the next fills. The SDK's default, four, doubles the heap
                    // for little gain once the network is the limit.
                    .apiCallBufferSizeInBytes(policy.partSize * STREAM_BUFFER_PARTS)
                    .parallelConfiguration(b -> b.maxInFlightParts((int) parallel))
                    .build();
            S3AsyncClient client = baseBuilder(region).multipartEnabled(true).multipartConfiguration(mc).build();
            S3TransferManager tm = S3TransferManager.builder().s3Client(client).build();
            return new Uploader(client, tm);
        }

        @Override
        public void close() {
            for (Uploader u : uploaders.values()) {
                closeQuietly(u);
            }
            uploaders.clear();
            closeQuietly(presigner);
            closeQuietly(plain);
        }
    }

    /**
     * A multipart-enabled client and the transfer manager that drives it.
     *
     * <pre>{@code
     * S3TransferManager tm = clients.forRegion(null).uploader(threshold, partSize).transferManager();
     * }</pre>
     */
    public static final class Uploader implements AutoCloseable {
        private final S3AsyncClient client;
        private final S3TransferManager transferManager;

        Uploader(S3AsyncClient client, S3TransferManager transferManager) {
            this.client = client;
            this.transferManager = transferManager;
        }

        public S3AsyncClient client() {
            return client;
        }

        public S3TransferManager transferManager() {
            return transferManager;
        }

        @Override
        public void close() {
            closeQuietly(transferManager);
            closeQuietly(client);
        }
    }

    private static final class MultipartPolicy {
        final long threshold;
        final long partSize;

        MultipartPolicy(long threshold, long partSize) {
            this.threshold = threshold;
            this.partSize = partSize;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MultipartPolicy && ((MultipartPolicy) o).threshold == threshold
                    && ((MultipartPolicy) o).partSize == partSize;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(threshold) * 31 + Long.hashCode(partSize);
        }
    }

    private static String chainRegion(StoreSettings settings) {
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            settings.credentials().profileName().ifPresent(chain::profileName);
            Region region = chain.build().getRegion();
            return region == null ? FALLBACK_REGION : region.id();
        } catch (SdkClientException e) {
            // No region anywhere (typical for a local S3-compatible server): S3 answers
            // for us-east-1 by default, and so do s3proxy and MinIO.
            return FALLBACK_REGION;
        }
    }

    private static AwsCredentialsProvider credentialsProvider(Credentials credentials) {
        switch (credentials.kind()) {
            case STATIC: {
                String id = credentials.accessKeyId().orElseThrow();
                String secret = credentials.secretAccessKey().orElseThrow();
                return StaticCredentialsProvider.create(credentials.sessionToken()
                        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                                token -> AwsSessionCredentials.create(id, secret, token))
                        .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
            }
            case PROFILE:
                return ProfileCredentialsProvider.create(credentials.profileName().orElseThrow());
            case ANONYMOUS:
                return AnonymousCredentialsProvider.create();
            case DEFAULT_CHAIN:
            default:
                return DefaultCredentialsProvider.builder().build();
        }
    }

    private static SdkAsyncHttpClient httpClient(StoreSettings settings, SdkEventLoopGroup eventLoops) {
        NettyNioAsyncHttpClient.Builder b = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoops)
                // Parts in flight plus reads of other calls share the pool; keep headroom
                // so that one large upload does not starve small calls.
                .maxConcurrency(Math.max(settings.maxConcurrency() * 2, 8));
        settings.connectTimeout().ifPresent(b::connectionTimeout);
        settings.proxy().ifPresent(proxy -> b.proxyConfiguration(AwsProxy.configuration(proxy)));
        return b.build();
    }


    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing releases threads and sockets; a failure to do so leaves nothing the
            // caller could act on, and must not hide the other closes.
        }
    }
}
