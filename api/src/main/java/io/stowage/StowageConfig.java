package io.stowage;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Settings set once and inherited by both stores: credentials, region, endpoint,
 * timeouts, retries, proxy and multipart policy, with per-store overrides that win
 * (and the per-attribute {@code region} of {@code @S3Attribute} wins over both).
 * Unset values fall through to the provider's own defaults, so the standard AWS
 * environment ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}, profiles, ...) works
 * unchanged. {@link #toString()} never shows a secret.
 *
 * <pre>{@code
 * StowageConfig config = StowageConfig.builder()
 *         .credentials(Credentials.profile("dev"))
 *         .region("eu-west-1")
 *         .apiCallTimeout(Duration.ofSeconds(30))
 *         .itemStore(StoreOverrides.builder().endpoint(URI.create("http://127.0.0.1:8000")).build())
 *         .build();
 * }</pre>
 */
public final class StowageConfig {

    private final String blobStoreProvider;
    private final String itemStoreProvider;
    private final Credentials credentials;
    private final String region;
    private final URI endpoint;
    private final Duration connectTimeout;
    private final Duration apiCallTimeout;
    private final Integer maxRetries;
    private final URI proxy;
    private final Long multipartThreshold;
    private final Long partSize;
    private final Integer maxConcurrency;
    private final StoreOverrides blobStore;
    private final StoreOverrides itemStore;
    private final Map<String, String> properties;
    private final KeyLayout keyLayout;
    private final Consumer<OrphanedObject> orphanListener;
    private final boolean consistentReads;
    private final Clock clock;

    private StowageConfig(Builder b) {
        this.blobStoreProvider = b.blobStoreProvider;
        this.itemStoreProvider = b.itemStoreProvider;
        this.credentials = b.credentials;
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.connectTimeout = b.connectTimeout;
        this.apiCallTimeout = b.apiCallTimeout;
        this.maxRetries = b.maxRetries;
        this.proxy = b.proxy;
        this.multipartThreshold = b.multipartThreshold;
        this.partSize = b.partSize;
        this.maxConcurrency = b.maxConcurrency;
        this.blobStore = b.blobStore;
        this.itemStore = b.itemStore;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.keyLayout = b.keyLayout;
        this.orphanListener = b.orphanListener;
        this.consistentReads = b.consistentReads;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults only. */
    public static StowageConfig defaults() {
        return builder().build();
    }

    /**
     * Settings from system properties ({@code stowage.*}) and, where a property is unset,
     * environment variables ({@code STOWAGE_*}): {@code blobstore}, {@code itemstore},
     * {@code region}, {@code endpoint}, {@code blobstore.endpoint}, {@code blobstore.region},
     * {@code itemstore.endpoint}, {@code itemstore.region} (and likewise
     * {@code blobstore.}/{@code itemstore.} + {@code connectTimeout}, {@code apiCallTimeout},
     * {@code maxRetries}, {@code proxy}, which win over the shared value), {@code profile},
     * {@code connectTimeout} and {@code apiCallTimeout} (ISO-8601 durations such as PT30S),
     * {@code maxRetries}, {@code proxy}, {@code multipartThreshold}, {@code partSize},
     * {@code maxConcurrency}, {@code consistentReads}. Every other {@code stowage.*} system
     * property is passed to the providers as is.
     */
    public static StowageConfig fromEnvironment() {
        return fromSources(System.getProperties()::getProperty, System::getenv);
    }

    /** As {@link #fromEnvironment()}, with explicit sources (for tests). */
    public static StowageConfig fromSources(Function<String, String> properties, Function<String, String> environment) {
        return EnvironmentConfigReader.read(properties, environment, System.getProperties().stringPropertyNames());
    }

    public Optional<String> blobStoreProvider() {
        return Optional.ofNullable(blobStoreProvider);
    }

    public Optional<String> itemStoreProvider() {
        return Optional.ofNullable(itemStoreProvider);
    }

    public KeyLayout keyLayout() {
        return keyLayout;
    }

    public Consumer<OrphanedObject> orphanListener() {
        return orphanListener;
    }

    public boolean consistentReads() {
        return consistentReads;
    }

    public Clock clock() {
        return clock;
    }

    /** The settings the blob-store provider gets: shared values, then the blob-store overrides. */
    public StoreSettings blobStoreSettings() {
        return settings(blobStore);
    }

    /** The settings the item-store provider gets: shared values, then the item-store overrides. */
    public StoreSettings itemStoreSettings() {
        return settings(itemStore);
    }

    private StoreSettings settings(StoreOverrides overrides) {
        StoreSettings.Builder b = StoreSettings.builder()
                .region(overrides.region().orElse(region))
                .endpoint(overrides.endpoint().orElse(endpoint))
                .credentials(overrides.credentials().orElse(credentials))
                .connectTimeout(overrides.connectTimeout().orElse(connectTimeout))
                .apiCallTimeout(overrides.apiCallTimeout().orElse(apiCallTimeout))
                .maxRetries(overrides.maxRetries().orElse(maxRetries))
                .proxy(overrides.proxy().orElse(proxy))
                .properties(properties)
                .properties(overrides.properties());
        if (multipartThreshold != null) {
            b.multipartThreshold(multipartThreshold);
        }
        if (partSize != null) {
            b.partSize(partSize);
        }
        if (maxConcurrency != null) {
            b.maxConcurrency(maxConcurrency);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "StowageConfig(blobStoreProvider=" + blobStoreProvider + ", itemStoreProvider=" + itemStoreProvider
                + ", blobStore=" + blobStoreSettings() + ", itemStore=" + itemStoreSettings()
                + ", consistentReads=" + consistentReads + ")";
    }

    /** Builder of {@link StowageConfig}. */
    public static final class Builder {
        private String blobStoreProvider;
        private String itemStoreProvider;
        private Credentials credentials = Credentials.defaultChain();
        private String region;
        private URI endpoint;
        private Duration connectTimeout;
        private Duration apiCallTimeout;
        private Integer maxRetries;
        private URI proxy;
        private Long multipartThreshold;
        private Long partSize;
        private Integer maxConcurrency;
        private StoreOverrides blobStore = StoreOverrides.none();
        private StoreOverrides itemStore = StoreOverrides.none();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private KeyLayout keyLayout = KeyLayout.defaultLayout();
        private Consumer<OrphanedObject> orphanListener = o -> System.getLogger("io.stowage").log(
                System.Logger.Level.WARNING, "Object left behind (delete it by hand or with a lifecycle rule): " + o);
        private boolean consistentReads;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The blob-store provider's name ({@code s3}, {@code minio}, {@code inmemory}, ...). */
        public Builder blobStoreProvider(String name) {
            this.blobStoreProvider = name;
            return this;
        }

        /** The item-store provider's name ({@code dynamodb}, {@code inmemory}, ...). */
        public Builder itemStoreProvider(String name) {
            this.itemStoreProvider = name;
            return this;
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = notNull(credentials, "StowageConfig.Builder.credentials(null): pass Credentials.defaultChain() for the AWS default chain");
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder apiCallTimeout(Duration timeout) {
            this.apiCallTimeout = timeout;
            return this;
        }

        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        public Builder proxy(URI proxy) {
            try {
                StoreSettings.requireValidProxy(proxy);
            } catch (IllegalArgumentException e) {
                throw new StowageException("StowageConfig.Builder.proxy: " + e.getMessage());
            }
            this.proxy = proxy;
            return this;
        }

        /** Files of at least this many bytes are uploaded in parts (default 10 MiB, at least 5 MiB). */
        public Builder multipartThreshold(long bytes) {
            this.multipartThreshold = bytes;
            return this;
        }

        /** The size of each part (default 8 MiB, at least 5 MiB). */
        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        public Builder maxConcurrency(int requests) {
            this.maxConcurrency = requests;
            return this;
        }

        public Builder blobStore(StoreOverrides overrides) {
            this.blobStore = notNull(overrides, "StowageConfig.Builder.blobStore(null): pass StoreOverrides.none() for no overrides");
            return this;
        }

        public Builder itemStore(StoreOverrides overrides) {
            this.itemStore = notNull(overrides, "StowageConfig.Builder.itemStore(null): pass StoreOverrides.none() for no overrides");
            return this;
        }

        /** A provider-specific setting, passed to both providers. */
        public Builder property(String name, String value) {
            this.properties.put(name, value);
            return this;
        }

        public Builder keyLayout(KeyLayout layout) {
            this.keyLayout = notNull(layout, "StowageConfig.Builder.keyLayout(null): pass KeyLayout.defaultLayout() for the default layout");
            return this;
        }

        /** Told of every object Stowage could not delete; by default they are logged as warnings. */
        public Builder orphanListener(Consumer<OrphanedObject> listener) {
            this.orphanListener = notNull(listener, "StowageConfig.Builder.orphanListener(null): pass a listener; the default one logs each orphan");
            return this;
        }

        /** Strongly consistent gets and queries (default: eventually consistent, as DynamoDB). */
        public Builder consistentReads(boolean consistent) {
            this.consistentReads = consistent;
            return this;
        }

        /** The clock of {@code @AutoGenerate(UTC_NOW)}. */
        public Builder clock(Clock clock) {
            this.clock = notNull(clock, "StowageConfig.Builder.clock(null): pass Clock.systemUTC() for the real time");
            return this;
        }

        private static <V> V notNull(V value, String message) {
            if (value == null) {
                throw new StowageException(message);
            }
            return value;
        }

        public StowageConfig build() {
            // Validate multipart settings here so a bad value fails at build time, not at the first upload.
            StoreSettings.Builder check = StoreSettings.builder();
            try {
                if (multipartThreshold != null) {
                    check.multipartThreshold(multipartThreshold);
                }
                if (partSize != null) {
                    check.partSize(partSize);
                }
                if (maxConcurrency != null) {
                    check.maxConcurrency(maxConcurrency);
                }
                if (maxRetries != null) {
                    check.maxRetries(maxRetries);
                }
            } catch (IllegalArgumentException e) {
                throw new StowageException("Invalid StowageConfig: " + e.getMessage(), e);
            }
            return new StowageConfig(this);
        }
    }
}
