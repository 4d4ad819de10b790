package io.stowage.provider.minio.internal;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.minio.MinioAsyncClient;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The MinIO clients of one store: one OkHttp client (timeouts, proxy, concurrency) shared
 * by one {@link PagingMinioClient} per region, created on first use, and a small pool for
 * the blocking work the client leaves to its caller (reading response bodies, peeking
 * into streams of unknown length).
 *
 * <p>How {@link StoreSettings} map:
 * <ul>
 *   <li>endpoint: required; from the settings, else {@code aws.endpointUrlS3} /
 *       {@code aws.endpointUrl} system properties, else {@code AWS_ENDPOINT_URL_S3} /
 *       {@code AWS_ENDPOINT_URL};</li>
 *   <li>region: the settings, else {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}, else
 *       {@code us-east-1}; always set, so the client never asks the server for a bucket's
 *       location;</li>
 *   <li>connect timeout: OkHttp's connect timeout (default 10 s);</li>
 *   <li>API-call timeout: OkHttp's read and write timeouts, i.e. the longest wait for the
 *       server at any point of a call (default 5 minutes, MinIO's own), not a deadline for
 *       a whole transfer, which would cut long downloads of large objects;
 *       {@code stowage.minio.readTimeout} / {@code stowage.minio.writeTimeout} (ISO-8601,
 *       e.g. {@code PT30S}) override each;</li>
 *   <li>max retries: reads, heads, deletes and lists answered with 429 or 5xx are retried
 *       that many times ({@link RetryInterceptor}; default {@value #DEFAULT_MAX_RETRIES}, as
 *       the AWS SDK's standard mode), and so are single PUTs of an array or a file
 *       ({@link MinioUploads}); a PUT of a stream, read once, and the parts of a multipart
 *       upload are not; 0 also turns off OkHttp's retry of failed connections;</li>
 *   <li>max concurrency: OkHttp's dispatcher limits (requests in all and per host) and the
 *       size of the blocking pool;</li>
 *   <li>proxy: an HTTP proxy, with Basic proxy authentication from its user info.</li>
 * </ul>
 *
 * <pre>{@code
 * MinioClients clients = new MinioClients(settings, System::getenv, System::getProperty);
 * clients.forRegion(null).statObject(...);
 * }</pre>
 */
public final class MinioClients implements AutoCloseable {

    /** Property overriding the read timeout (ISO-8601 duration). */
    public static final String READ_TIMEOUT_PROPERTY = "stowage.minio.readTimeout";
    /** Property overriding the write timeout (ISO-8601 duration). */
    public static final String WRITE_TIMEOUT_PROPERTY = "stowage.minio.writeTimeout";

    /** Retries when the settings name none: the AWS SDK's standard mode makes 3 attempts. */
    public static final int DEFAULT_MAX_RETRIES = 2;

    private static final String DEFAULT_REGION = "us-east-1";
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_IO_TIMEOUT = Duration.ofMinutes(5);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final URI endpoint;
    private final HttpUrl endpointUrl;
    private final String defaultRegion;
    private final MinioCredentials credentials;
    private final OkHttpClient http;
    private final MinioErrors errors;
    private final ExecutorService io;
    private final Map<String, PagingMinioClient> byRegion = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RetryInterceptor retries;

    public MinioClients(StoreSettings settings, UnaryOperator<String> environment,
                        UnaryOperator<String> systemProperties) {
        this(settings, environment, systemProperties, List.of());
    }

    /**
     * @param interceptors added to the HTTP client after the retry interceptor; tests use
     *                     them to see the requests a call makes (they are no part of the API)
     */
    public MinioClients(StoreSettings settings, UnaryOperator<String> environment,
                        UnaryOperator<String> systemProperties, List<Interceptor> interceptors) {
        this.endpoint = resolveEndpoint(settings, environment, systemProperties);
        this.endpointUrl = HttpUrl.get(endpoint.toString());
        this.defaultRegion = resolveRegion(settings, environment);
        this.credentials = MinioCredentials.resolve(settings.credentials(), environment, systemProperties);
        this.errors = new MinioErrors(new SecretsView(settings.secrets(), credentials.secrets()));
        this.retries = new RetryInterceptor(settings.maxRetries().orElse(DEFAULT_MAX_RETRIES),
                settings.apiCallTimeout().orElse(DEFAULT_IO_TIMEOUT));
        this.http = httpClient(settings, retries, interceptors);
        // At least two: a multipart upload blocks one thread while it reads and sends its parts,
        // and with maxConcurrency(1) nothing else could run on the pool meanwhile.
        int threads = Math.max(2, settings.maxConcurrency());
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "stowage-minio-" + pool + "-io-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.io = executor;
    }

    private static OkHttpClient httpClient(StoreSettings settings, RetryInterceptor retries, List<Interceptor> interceptors) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(settings.maxConcurrency());
        dispatcher.setMaxRequestsPerHost(settings.maxConcurrency());
        Duration callWait = settings.apiCallTimeout().orElse(DEFAULT_IO_TIMEOUT);
        Duration read = duration(settings, READ_TIMEOUT_PROPERTY).orElse(callWait);
        Duration write = duration(settings, WRITE_TIMEOUT_PROPERTY).orElse(callWait);
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(settings.connectTimeout().orElse(DEFAULT_CONNECT_TIMEOUT))
                .readTimeout(read)
                .writeTimeout(write)
                // As MinIO's own default client: S3 servers speak HTTP/1.1, and h2 upgrades confuse some proxies.
                .protocols(List.of(Protocol.HTTP_1_1))
                .retryOnConnectionFailure(settings.maxRetries().map(n -> n > 0).orElse(true))
                .addInterceptor(retries);
        interceptors.forEach(b::addInterceptor);
        // StoreSettings admits only proxies with a host and a port (requireValidProxy).
        settings.proxy().ifPresent(p -> {
            b.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), p.getPort())));
            String userInfo = p.getRawUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
                String header = okhttp3.Credentials.basic(user, password);
                b.proxyAuthenticator((route, response) -> {
                    if (header.equals(response.request().header("Proxy-Authorization"))) {
                        return null;
                    }
                    return response.request().newBuilder().header("Proxy-Authorization", header).build();
                });
            }
        });
        return b.build();
    }

    /** The client for {@code region} ({@code null}: the store's). */
    public PagingMinioClient forRegion(String region) {
        if (closed.get()) {
            throw new StoreException(StoreErrorCode.INVALID_INPUT, "The MinIO blob store is closed; create a new one");
        }
        String r = region == null || region.isBlank() ? defaultRegion : region;
        return byRegion.computeIfAbsent(r, this::newClient);
    }

    private PagingMinioClient newClient(String region) {
        MinioAsyncClient.Builder b = MinioAsyncClient.builder()
                .endpoint(endpointUrl)
                .region(region)
                .httpClient(http, false);
        if (credentials.provider() != null) {
            b.credentialsProvider(credentials.provider());
        }
        return new PagingMinioClient(b.build());
    }

    /**
     * The keys to sign a presigned request with, fetched from the credentials provider (which
     * refreshes them as it needs); {@code null} when requests are anonymous.
     */
    public io.stowage.s3support.SigV4Presigner.Keys signingKeys() {
        if (credentials.provider() == null) {
            return null;
        }
        io.minio.credentials.Credentials c = credentials.provider().fetch();
        return new io.stowage.s3support.SigV4Presigner.Keys(c.accessKey(), c.secretKey(), c.sessionToken());
    }

    /** The region a request for {@code region} ({@code null}: the store's) goes to. */
    public String regionOf(String region) {
        return region == null || region.isBlank() ? defaultRegion : region;
    }

    /** The retry rules of every call (count, back-off, time budget). */
    public RetryInterceptor retries() {
        return retries;
    }

    /** The pool for blocking work (body reads, stream peeks) and delayed retries. */
    public ExecutorService io() {
        return io;
    }

    public MinioErrors errors() {
        return errors;
    }

    public URI endpoint() {
        return endpoint;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Where the credentials come from, without secrets. */
    public String credentialsSource() {
        return credentials.toString();
    }

    /** The regions that have clients so far. */
    public Collection<String> openRegions() {
        return Collections.unmodifiableSet(byRegion.keySet());
    }

    /** Stops the pool and OkHttp's threads and connections. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        io.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        byRegion.clear();
    }

    static URI resolveEndpoint(StoreSettings settings, UnaryOperator<String> env, UnaryOperator<String> sys) {
        if (settings.endpoint().isPresent()) {
            return check(settings.endpoint().get().toString(), "StoreSettings.endpoint");
        }
        String[][] sources = {
                {sys.apply("aws.endpointUrlS3"), "system property aws.endpointUrlS3"},
                {sys.apply("aws.endpointUrl"), "system property aws.endpointUrl"},
                {env.apply("AWS_ENDPOINT_URL_S3"), "AWS_ENDPOINT_URL_S3"},
                {env.apply("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL"}};
        for (String[] source : sources) {
            if (source[0] != null && !source[0].isBlank()) {
                return check(source[0].trim(), source[1]);
            }
        }
        throw new StoreException(StoreErrorCode.INVALID_INPUT, "The MinIO blob store needs an endpoint "
                + "(e.g. http://127.0.0.1:9000): set it in the store settings (endpoint), or set AWS_ENDPOINT_URL_S3 "
                + "or AWS_ENDPOINT_URL");
    }

    private static URI check(String value, String source) {
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                throw new IllegalArgumentException("the MinIO client does not support a path in the endpoint");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreErrorCode.INVALID_INPUT, "Invalid MinIO endpoint from " + source + " ("
                    + redactUserInfo(value) + "): " + e.getMessage());
        }
    }

    static String resolveRegion(StoreSettings settings, UnaryOperator<String> env) {
        if (settings.region().isPresent() && !settings.region().get().isBlank()) {
            return settings.region().get().trim();
        }
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return DEFAULT_REGION;
    }

    private static Optional<Duration> duration(StoreSettings settings, String property) {
        return settings.property(property).map(v -> {
            try {
                return Duration.parse(v.trim());
            } catch (DateTimeParseException e) {
                throw new StoreException(StoreErrorCode.INVALID_INPUT,
                        property + " must be an ISO-8601 duration such as PT30S, was '" + v + "'");
            }
        });
    }

    /** Percent-decoding only: URLDecoder alone would turn a literal '+' of user info into a space. */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redactUserInfo(String value) {
        int at = value.indexOf('@');
        int scheme = value.indexOf("://");
        return at > 0 && scheme > 0 && at > scheme ? value.substring(0, scheme + 3) + "***" + value.substring(at) : value;
    }

    /** The fixed secrets and the credentials' live ones, as one collection. */
    private static final class SecretsView extends AbstractCollection<String> {
        private final List<String> fixed;
        private final List<String> live;

        SecretsView(List<String> fixed, List<String> live) {
            this.fixed = fixed;
            this.live = live;
        }

        @Override
        public Iterator<String> iterator() {
            List<String> all = new ArrayList<>(fixed);
            all.addAll(live);
            return all.iterator();
        }

        @Override
        public int size() {
            return fixed.size() + live.size();
        }
    }
}
