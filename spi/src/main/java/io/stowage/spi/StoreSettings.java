package io.stowage.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings a provider creates its store from: credentials, region, endpoint,
 * timeouts, retries, proxy and multipart policy. Every value is optional, so one type
 * serves both as a store's settings and as partial overrides of shared ones: the API
 * keeps shared settings and per-store overrides and hands each provider
 * {@code shared.overriddenBy(overrides)}. An unset value means the provider's own default
 * (for AWS: the standard environment, profiles and region chain).
 *
 * <pre>{@code
 * StoreSettings shared = StoreSettings.builder()
 *         .region("eu-west-1")
 *         .credentials(Credentials.basic("key", "secret"))
 *         .apiCallTimeout(Duration.ofSeconds(30))
 *         .build();
 * StoreSettings blobs = shared.overriddenBy(StoreSettings.builder()
 *         .endpoint(URI.create("http://127.0.0.1:9000"))
 *         .build());
 * }</pre>
 */
public final class StoreSettings {

    /** Stowage's default multipart threshold: 10 MiB. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 10L * 1024 * 1024;
    /** Default part size: 8 MiB (grown when an object would need more than 10,000 parts). */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** Default number of requests (parts, transfers) a store runs at once. */
    public static final int DEFAULT_MAX_CONCURRENCY = 16;

    private static final StoreSettings EMPTY = builder().build();

    private final String region;
    private final URI endpoint;
    private final Credentials credentials;
    private final Duration connectTimeout;
    private final Duration apiCallTimeout;
    private final Integer maxRetries;
    private final URI proxy;
    private final Long multipartThreshold;
    private final Long partSize;
    private final Integer maxConcurrency;
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

    /** Settings with nothing set: every value at the provider's default. */
    public static StoreSettings defaults() {
        return EMPTY;
    }

    /** A builder holding this instance's values. */
    public Builder toBuilder() {
        return builder().region(region).endpoint(endpoint).credentials(credentials).connectTimeout(connectTimeout)
                .apiCallTimeout(apiCallTimeout).maxRetries(maxRetries).proxy(proxy)
                .multipartThreshold(multipartThreshold).partSize(partSize).maxConcurrency(maxConcurrency)
                .properties(properties);
    }

    /**
     * These settings with every value that {@code overrides} sets taken from it instead;
     * properties are merged, the overriding ones winning. The one place settings combine.
     *
     * <pre>{@code
     * StoreSettings blobs = shared.overriddenBy(blobStoreOverrides);
     * }</pre>
     */
    public StoreSettings overriddenBy(StoreSettings overrides) {
        Objects.requireNonNull(overrides, "overrides");
        Builder b = builder()
                .region(pick(overrides, s -> s.region))
                .endpoint(pick(overrides, s -> s.endpoint))
                .credentials(pick(overrides, s -> s.credentials))
                .connectTimeout(pick(overrides, s -> s.connectTimeout))
                .apiCallTimeout(pick(overrides, s -> s.apiCallTimeout))
                .maxRetries(pick(overrides, s -> s.maxRetries))
                .proxy(pick(overrides, s -> s.proxy))
                .multipartThreshold(pick(overrides, s -> s.multipartThreshold))
                .partSize(pick(overrides, s -> s.partSize))
                .maxConcurrency(pick(overrides, s -> s.maxConcurrency));
        return b.properties(properties).properties(overrides.properties).build();
    }

    private <V> V pick(StoreSettings overrides, Function<StoreSettings, V> field) {
        V overriding = field.apply(overrides);
        return overriding != null ? overriding : field.apply(this);
    }

    /** The region, when one is set; otherwise the provider's own default (for AWS: the region chain). */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The endpoint override, for S3-compatible stores and local servers. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** The credentials; the provider's default chain when none are set. */
    public Credentials credentials() {
        return credentials != null ? credentials : Credentials.defaultChain();
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

    /** Objects of at least this size are uploaded in parts (default {@value #DEFAULT_MULTIPART_THRESHOLD}). */
    public long multipartThreshold() {
        return multipartThreshold != null ? multipartThreshold : DEFAULT_MULTIPART_THRESHOLD;
    }

    /** The size of each part of a multipart upload (default {@value #DEFAULT_PART_SIZE}). */
    public long partSize() {
        return partSize != null ? partSize : DEFAULT_PART_SIZE;
    }

    /** How many requests (parts, transfers) a store may run at once (default {@value #DEFAULT_MAX_CONCURRENCY}). */
    public int maxConcurrency() {
        return maxConcurrency != null ? maxConcurrency : DEFAULT_MAX_CONCURRENCY;
    }

    /** Provider-specific extra settings ({@code stowage.s3.*}, ...). */
    public Map<String, String> properties() {
        return properties;
    }

    /** A provider-specific setting, trimmed. */
    public Optional<String> property(String name) {
        String value = properties.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A provider-specific yes/no setting: {@code true} only when set to "true" (any case, spaces ignored). */
    public boolean flag(String name) {
        return property(name).map("true"::equalsIgnoreCase).orElse(false);
    }

    @Override
    public String toString() {
        return "StoreSettings(region=" + region + ", endpoint=" + redact(endpoint) + ", credentials=" + credentials()
                + ", connectTimeout=" + connectTimeout + ", apiCallTimeout=" + apiCallTimeout
                + ", maxRetries=" + maxRetries + ", proxy=" + redact(proxy)
                + ", multipartThreshold=" + multipartThreshold() + ", partSize=" + partSize()
                + ", maxConcurrency=" + maxConcurrency() + ", properties=" + properties.keySet() + ")";
    }

    /**
     * Every secret these settings hold, for a provider to mask in what it reports (a server
     * may echo them back in an error): the secret key, the session token, and the user info
     * of the proxy and of the endpoint, whole and as the password alone, raw and decoded.
     *
     * <pre>{@code
     * SecretMasker masker = new SecretMasker(settings.secrets());
     * }</pre>
     */
    public List<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>();
        credentials().secretAccessKey().ifPresent(secrets::add);
        credentials().sessionToken().ifPresent(secrets::add);
        for (URI uri : new URI[] {proxy, endpoint}) {
            if (uri == null || uri.getRawUserInfo() == null) {
                continue;
            }
            for (String info : new String[] {uri.getRawUserInfo(), uri.getUserInfo()}) {
                if (info == null) {
                    continue;
                }
                secrets.add(info);
                int colon = info.indexOf(':');
                if (colon >= 0 && colon < info.length() - 1) {
                    secrets.add(info.substring(colon + 1));
                }
            }
        }
        return List.copyOf(secrets);
    }

    /**
     * The URI as it may be shown: user info (a proxy's or endpoint's password) masked.
     *
     * <pre>{@code
     * StoreSettings.redact(URI.create("http://u:p@proxy:3128")); // "http://***@proxy:3128"
     * StoreSettings.redact(URI.create("u:p@proxy:3128"));        // "***@proxy:3128"
     * }</pre>
     */
    public static String redact(URI uri) {
        if (uri == null) {
            return null;
        }
        String text = uri.toString();
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            return text.replace(userInfo + "@", "***@");
        }
        // Java found no user info, yet there is an '@': a host it cannot parse (my_proxy), no "//" at all
        // ("user:password@proxy:3128" reads as scheme "user"), or a password with '/', '?' or '#' that ends
        // the authority early. All before the last '@' may be a secret.
        int start = text.indexOf("://");
        return (start >= 0 && start < at ? text.substring(0, start + 3) : "") + "***" + text.substring(at);
    }

    /**
     * Builder of {@link StoreSettings}. Every setter takes {@code null} for "not set"; a
     * value that can never work (a negative timeout, a proxy Java cannot parse) is refused
     * with an {@link IllegalArgumentException} that names the setting and never shows a
     * password.
     *
     * <pre>{@code
     * StoreSettings settings = StoreSettings.builder()
     *         .endpoint(URI.create("http://127.0.0.1:9000"))
     *         .maxRetries(3)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String region;
        private URI endpoint;
        private Credentials credentials;
        private Duration connectTimeout;
        private Duration apiCallTimeout;
        private Integer maxRetries;
        private URI proxy;
        private Long multipartThreshold;
        private Long partSize;
        private Integer maxConcurrency;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder region(String region) {
            if (region != null && region.isBlank()) {
                throw new IllegalArgumentException("region must not be blank; pass null to use the provider's default");
            }
            this.region = region == null ? null : region.trim();
            return this;
        }

        public Builder endpoint(URI endpoint) {
            if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
                throw new IllegalArgumentException("endpoint must be an absolute http(s) URI with a host, was "
                        + redact(endpoint) + "; pass one such as http://127.0.0.1:9000");
            }
            this.endpoint = endpoint;
            return this;
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        public Builder apiCallTimeout(Duration apiCallTimeout) {
            this.apiCallTimeout = positive("apiCallTimeout", apiCallTimeout);
            return this;
        }

        public Builder maxRetries(Integer maxRetries) {
            if (maxRetries != null && maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries + "; pass 0 for no retries");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * An HTTP proxy, {@code http(s)://[user:password@]host:port} with a host name Java
         * parses (no {@code _}).
         */
        public Builder proxy(URI proxy) {
            if (proxy != null) {
                String scheme = proxy.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        || proxy.getHost() == null || proxy.getPort() < 0) {
                    throw new IllegalArgumentException("The proxy must be http://[user:password@]host:port with a host "
                            + "name of letters, digits, '-' and '.', was " + redact(proxy));
                }
            }
            this.proxy = proxy;
            return this;
        }

        public Builder multipartThreshold(Long bytes) {
            this.multipartThreshold = positive("multipartThreshold", bytes);
            return this;
        }

        public Builder partSize(Long bytes) {
            this.partSize = positive("partSize", bytes);
            return this;
        }

        public Builder maxConcurrency(Integer maxConcurrency) {
            if (maxConcurrency != null && maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be >= 1, was " + maxConcurrency + "; pass 1 or more");
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder property(String name, String value) {
            if (name == null || name.isBlank() || value == null) {
                throw new IllegalArgumentException("property(" + name + ", " + (value == null ? null : "...")
                        + "): a provider property needs a name and a value; pass both, as in property(\"s3.versioning\", \"true\")");
            }
            this.properties.put(name, value);
            return this;
        }

        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        public StoreSettings build() {
            return new StoreSettings(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException(name + " must be positive, was " + value
                        + "; pass a positive duration, or null for the provider's default");
            }
            return value;
        }

        private static Long positive(String name, Long value) {
            if (value != null && value < 1) {
                throw new IllegalArgumentException(name + " must be positive, was " + value
                        + "; pass a positive number of bytes, or null for the provider's default");
            }
            return value;
        }
    }
}
