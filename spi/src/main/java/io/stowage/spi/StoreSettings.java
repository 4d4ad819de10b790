package io.stowage.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings a provider creates its store from: credentials, region, endpoint,
 * timeouts, retries, proxy and multipart policy. The API resolves them once from
 * {@code StowageConfig} (shared values, then per-store overrides) and hands each
 * provider its own copy.
 *
 * <pre>{@code
 * StoreSettings settings = StoreSettings.builder()
 *         .region("eu-west-1")
 *         .endpoint(URI.create("http://127.0.0.1:9000"))
 *         .credentials(Credentials.basic("key", "secret"))
 *         .build();
 * }</pre>
 */
public final class StoreSettings {

    /** S3's default multipart threshold in Stowage: 10 MiB. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 10L * 1024 * 1024;
    /** Default part size: 8 MiB (grown when an object would need more than 10,000 parts). */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

    private final String region;
    private final URI endpoint;
    private final Credentials credentials;
    private final Duration connectTimeout;
    private final Duration apiCallTimeout;
    private final Integer maxRetries;
    private final URI proxy;
    private final long multipartThreshold;
    private final long partSize;
    private final int maxConcurrency;
    private final Map<String, String> properties;

    private StoreSettings(Builder b) {
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.credentials = b.credentials;
        this.connectTimeout = b.connectTimeout;
        this.apiCallTimeout = b.apiCallTimeout;
        this.maxRetries = b.maxRetries;
        this.proxy = b.proxy;
        this.multipartThreshold = b.multipartThreshold;
        this.partSize = b.partSize;
        this.maxConcurrency = b.maxConcurrency;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings with every value at its default. */
    public static StoreSettings defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region;
        b.endpoint = endpoint;
        b.credentials = credentials;
        b.connectTimeout = connectTimeout;
        b.apiCallTimeout = apiCallTimeout;
        b.maxRetries = maxRetries;
        b.proxy = proxy;
        b.multipartThreshold = multipartThreshold;
        b.partSize = partSize;
        b.maxConcurrency = maxConcurrency;
        b.properties.putAll(properties);
        return b;
    }

    /** The region, when one is set; otherwise the provider's own default (for AWS: the region chain). */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The endpoint override, for S3-compatible stores and local servers. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public Credentials credentials() {
        return credentials;
    }

    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    /** The time one whole API call (with its retries) may take. */
    public Optional<Duration> apiCallTimeout() {
        return Optional.ofNullable(apiCallTimeout);
    }

    public Optional<Integer> maxRetries() {
        return Optional.ofNullable(maxRetries);
    }

    /** An HTTP proxy ({@code http://host:port}); user info in it is never logged. */
    public Optional<URI> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** Objects of at least this size are uploaded in parts. */
    public long multipartThreshold() {
        return multipartThreshold;
    }

    /** The size of each part of a multipart upload. */
    public long partSize() {
        return partSize;
    }

    /** How many requests (parts, transfers) a store may run at once. */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** Provider-specific extra settings ({@code stowage.s3.*}, ...). */
    public Map<String, String> properties() {
        return properties;
    }

    /** A provider-specific setting. */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    @Override
    public String toString() {
        return "StoreSettings(region=" + region + ", endpoint=" + redact(endpoint) + ", credentials=" + credentials
                + ", connectTimeout=" + connectTimeout + ", apiCallTimeout=" + apiCallTimeout
                + ", maxRetries=" + maxRetries + ", proxy=" + redact(proxy)
                + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize
                + ", maxConcurrency=" + maxConcurrency + ", properties=" + properties.keySet() + ")";
    }

    /**
     * The URI as it may be shown: user info (a proxy's or endpoint's password) masked.
     *
     * <pre>{@code
     * StoreSettings.redact(URI.create("http://u:p@proxy:3128")); // "http://***@proxy:3128"
     * }</pre>
     */
    public static String redact(URI uri) {
        if (uri == null) {
            return null;
        }
        // The raw authority, not getUserInfo(): for a host Java cannot parse (my_proxy) that is null.
        String authority = uri.getRawAuthority();
        int at = authority == null ? -1 : authority.lastIndexOf('@');
        return at < 0 ? uri.toString() : uri.toString().replace(authority.substring(0, at + 1), "***@");
    }

    /**
     * Refuses a proxy URI the HTTP clients cannot use: it must be {@code http(s)://[user:password@]host:port}
     * with a host name Java parses (no {@code _}). The message never shows the user info.
     *
     * <pre>{@code
     * StoreSettings.requireValidProxy(URI.create("http://u:p@my_proxy:3128")); // IllegalArgumentException
     * }</pre>
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void requireValidProxy(URI proxy) {
        if (proxy == null) {
            return;
        }
        String scheme = proxy.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || proxy.getHost() == null || proxy.getPort() < 0) {
            throw new IllegalArgumentException("The proxy must be http://[user:password@]host:port with a host name "
                    + "of letters, digits, '-' and '.', was " + redact(proxy));
        }
    }
    /** Builder of {@link StoreSettings}. */
    public static final class Builder {
        private String region;
        private URI endpoint;
        private Credentials credentials = Credentials.defaultChain();
        private Duration connectTimeout;
        private Duration apiCallTimeout;
        private Integer maxRetries;
        private URI proxy;
        private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
        private long partSize = DEFAULT_PART_SIZE;
        private int maxConcurrency = 16;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder apiCallTimeout(Duration apiCallTimeout) {
            this.apiCallTimeout = apiCallTimeout;
            return this;
        }

        public Builder maxRetries(Integer maxRetries) {
            if (maxRetries != null && maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder proxy(URI proxy) {
            requireValidProxy(proxy);
            this.proxy = proxy;
            return this;
        }

        public Builder multipartThreshold(long bytes) {
            if (bytes < 5L * 1024 * 1024) {
                throw new IllegalArgumentException("multipartThreshold must be at least 5 MiB (S3's minimum part size), was " + bytes);
            }
            this.multipartThreshold = bytes;
            return this;
        }

        public Builder partSize(long bytes) {
            if (bytes < 5L * 1024 * 1024) {
                throw new IllegalArgumentException("partSize must be at least 5 MiB (S3's minimum part size), was " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be >= 1, was " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder property(String name, String value) {
            this.properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder properties(Map<String, String> properties) {
            this.properties.putAll(properties);
            return this;
        }

        public StoreSettings build() {
            return new StoreSettings(this);
        }
    }
}
