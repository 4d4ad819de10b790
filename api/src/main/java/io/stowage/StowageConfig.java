package io.stowage;

import io.stowage.s3support.S3PartSizes;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.spi.StoreSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What one {@link Stowage} is configured with: the providers to choose, the client
 * settings both stores inherit ({@link StoreSettings}: credentials, region, endpoint,
 * timeouts, retries, proxy, multipart policy), per-store overrides that win over them
 * (and the per-attribute {@code region} of {@code @S3Attribute} wins over both), and the
 * engine's own behaviour (key layout, orphan reports, read consistency, clock). Unset
 * values fall through to the provider's defaults, so the standard AWS environment
 * ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}, profiles, ...) works unchanged.
 * {@link #toString()} never shows a secret.
 *
 * <pre>{@code
 * StowageConfig config = StowageConfig.builder()
 *         .settings(s -> s.credentials(Credentials.profile("dev"))
 *                 .region("eu-west-1")
 *                 .apiCallTimeout(Duration.ofSeconds(30)))
 *         .itemStore(s -> s.endpoint(URI.create("http://127.0.0.1:8000")))
 *         .build();
 * }</pre>
 */
public final class StowageConfig {

    private final String blobStoreProvider;
    private final String itemStoreProvider;
    private final StoreSettings settings;
    private final StoreSettings blobStore;
    private final StoreSettings itemStore;
    private final KeyLayout keyLayout;
    private final OrphanListener orphanListener;
    private final List<StowageListener> listeners;
    private final boolean consistentReads;
    private final boolean cleanupInBackground;
    private final Clock clock;
    private final ServerSideEncryption sseCustomerKey;

    private StowageConfig(Builder b) {
        this.blobStoreProvider = b.blobStoreProvider;
        this.itemStoreProvider = b.itemStoreProvider;
        this.settings = b.settings;
        this.blobStore = b.blobStore;
        this.itemStore = b.itemStore;
        this.keyLayout = b.keyLayout;
        this.orphanListener = b.orphanListener;
        this.listeners = List.copyOf(b.listeners);
        this.consistentReads = b.consistentReads;
        this.cleanupInBackground = b.cleanupInBackground;
        this.clock = b.clock;
        this.sseCustomerKey = b.sseCustomerKey;
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
     * environment variables ({@code STOWAGE_*}); see the README's table of settings. Every
     * {@code stowage.*} system property Stowage does not know itself is passed to the
     * providers as is.
     */
    public static StowageConfig fromEnvironment() {
        return fromSources(System.getProperties()::getProperty, System::getenv);
    }

    /** As {@link #fromEnvironment()}, with explicit sources (for tests). */
    public static StowageConfig fromSources(Function<String, String> properties, Function<String, String> environment) {
        return fromSources(properties, environment, System.getProperties().stringPropertyNames());
    }

    /**
     * As {@link #fromEnvironment()}, with explicit sources: {@code properties} answers
     * {@code stowage.*} names (a framework's configuration, say), {@code environment} the
     * {@code STOWAGE_*} variables where a property is unset, and {@code propertyNames} lists the
     * properties whose {@code stowage.*} names Stowage does not know itself, passed to the
     * providers as they are (such as {@code stowage.s3.forcePathStyle}).
     */
    public static StowageConfig fromSources(Function<String, String> properties, Function<String, String> environment,
                                            java.util.Set<String> propertyNames) {
        return EnvironmentConfigReader.read(properties, environment, propertyNames);
    }

    /**
     * The name of every setting {@link #fromEnvironment()} reads, such as
     * {@code stowage.region} and {@code stowage.blobstore.apiCallTimeout}, sorted: for tools
     * that document or complete them.
     */
    public static List<String> settingNames() {
        return EnvironmentConfigReader.names().stream().map(n -> "stowage." + n).collect(java.util.stream.Collectors.toList());
    }

    /** The SSE-C key of {@code @S3Attribute(sse = Sse.CUSTOMER)} attributes; a secret, never shown. */
    public Optional<ServerSideEncryption> sseCustomerKey() {
        return Optional.ofNullable(sseCustomerKey);
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sseCustomerKey = sseCustomerKey;
        b.blobStoreProvider = blobStoreProvider;
        b.itemStoreProvider = itemStoreProvider;
        b.settings = settings;
        b.blobStore = blobStore;
        b.itemStore = itemStore;
        b.keyLayout = keyLayout;
        b.orphanListener = orphanListener;
        b.listeners.addAll(listeners);
        b.consistentReads = consistentReads;
        b.cleanupInBackground = cleanupInBackground;
        b.clock = clock;
        return b;
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

    /** The listeners of store calls and operations, in order. */
    public List<StowageListener> listeners() {
        return listeners;
    }

    public OrphanListener orphanListener() {
        return orphanListener;
    }

    public boolean consistentReads() {
        return consistentReads;
    }

    /** Whether a save completes before the objects it replaced are deleted (see {@link Builder#cleanupInBackground}). */
    public boolean cleanupInBackground() {
        return cleanupInBackground;
    }

    public Clock clock() {
        return clock;
    }

    /** The settings both stores inherit. */
    public StoreSettings settings() {
        return settings;
    }

    /** The settings the blob-store provider gets: the shared ones, overridden by the blob store's own. */
    public StoreSettings blobStoreSettings() {
        return settings.overriddenBy(blobStore);
    }

    /** The settings the item-store provider gets: the shared ones, overridden by the item store's own. */
    public StoreSettings itemStoreSettings() {
        return settings.overriddenBy(itemStore);
    }

    @Override
    public String toString() {
        return "StowageConfig(blobStoreProvider=" + blobStoreProvider + ", itemStoreProvider=" + itemStoreProvider
                + ", blobStore=" + blobStoreSettings() + ", itemStore=" + itemStoreSettings()
                + ", consistentReads=" + consistentReads + ", cleanupInBackground=" + cleanupInBackground
                + (sseCustomerKey == null ? "" : ", sseCustomerKey=(set, not shown)") + ")";
    }

    /**
     * Builder of {@link StowageConfig}. Store settings are given as {@link StoreSettings},
     * or as a function that fills in a builder; a value a builder refuses (a negative
     * timeout, a proxy Java cannot parse) fails here with a {@link StowageException} that
     * names the setting.
     *
     * <pre>{@code
     * StowageConfig.builder()
     *         .blobStoreProvider("s3")
     *         .settings(s -> s.region("us-east-1").apiCallTimeout(Duration.ofSeconds(5)))
     *         .blobStore(s -> s.apiCallTimeout(Duration.ofMinutes(10)))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String blobStoreProvider;
        private String itemStoreProvider;
        private StoreSettings settings = StoreSettings.defaults();
        private StoreSettings blobStore = StoreSettings.defaults();
        private StoreSettings itemStore = StoreSettings.defaults();
        private KeyLayout keyLayout = KeyLayout.defaultLayout();
        private OrphanListener orphanListener = OrphanListener.logging();
        private final List<StowageListener> listeners = new java.util.ArrayList<>();
        private boolean consistentReads;
        private boolean cleanupInBackground;
        private Clock clock = Clock.systemUTC();
        private ServerSideEncryption sseCustomerKey;

        private Builder() {
        }

        /**
         * The 256-bit AES key of {@code @S3Attribute(sse = Sse.CUSTOMER)} attributes (SSE-C),
         * sent with every upload, download and head of their objects; never stored in an item,
         * never logged. Lose it and the objects cannot be read.
         */
        public Builder sseCustomerKey(byte[] key) {
            notNull(key, "sseCustomerKey(null): pass the 32 bytes of an AES-256 key");
            try {
                this.sseCustomerKey = ServerSideEncryption.customer(key);
            } catch (IllegalArgumentException e) {
                throw new StowageException("StowageConfig.Builder.sseCustomerKey: " + e.getMessage());
            }
            return this;
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

        /** The settings both stores inherit. */
        public Builder settings(StoreSettings shared) {
            this.settings = notNull(shared, "settings(null): pass StoreSettings.defaults() for the providers' defaults");
            return this;
        }

        /** Changes the settings both stores inherit. */
        public Builder settings(Consumer<StoreSettings.Builder> change) {
            this.settings = edit(settings, change, "settings");
            return this;
        }

        /** Settings of the blob store that win over the shared ones (partial: what is unset is inherited). */
        public Builder blobStore(StoreSettings overrides) {
            this.blobStore = notNull(overrides, "blobStore(null): pass StoreSettings.defaults() for no overrides");
            return this;
        }

        /** Changes the blob store's own settings. */
        public Builder blobStore(Consumer<StoreSettings.Builder> change) {
            this.blobStore = edit(blobStore, change, "blobStore");
            return this;
        }

        /** Settings of the item store that win over the shared ones (partial: what is unset is inherited). */
        public Builder itemStore(StoreSettings overrides) {
            this.itemStore = notNull(overrides, "itemStore(null): pass StoreSettings.defaults() for no overrides");
            return this;
        }

        /** Changes the item store's own settings. */
        public Builder itemStore(Consumer<StoreSettings.Builder> change) {
            this.itemStore = edit(itemStore, change, "itemStore");
            return this;
        }

        public Builder keyLayout(KeyLayout layout) {
            this.keyLayout = notNull(layout, "keyLayout(null): pass KeyLayout.defaultLayout() for the default layout");
            return this;
        }

        /** Told of every object Stowage could not delete or could not verify; by default they are logged. */
        public Builder orphanListener(OrphanListener listener) {
            this.orphanListener = notNull(listener, "orphanListener(null): pass OrphanListener.logging(), the default");
            return this;
        }

        /** Adds a listener of store calls and operations (for metrics and traces); listeners are called in order. */
        public Builder listener(StowageListener listener) {
            this.listeners.add(notNull(listener, "listener(null): pass a StowageListener"));
            return this;
        }

        /** Strongly consistent gets and queries (default: eventually consistent, as DynamoDB). */
        public Builder consistentReads(boolean consistent) {
            this.consistentReads = consistent;
            return this;
        }

        /**
         * Whether a re-save completes as soon as its item is written, deleting the objects the
         * item no longer points at afterwards (default {@code false}: the save completes after
         * those deletions). The deletions, their ownership checks and their orphan reports are
         * the same either way; in the background they take two round trips (a HEAD and a
         * DELETE per replaced object) off the save's latency, and {@link Stowage#close()}
         * waits for those still running. Until one finishes, the replaced object can still be
         * read through values loaded before the save; a process that dies first leaves it to
         * {@link Table#sweepOrphans}, as a crash between write and clean-up always does.
         * Listeners hear the deletions as an operation of their own,
         * {@link OperationEvent.Kind#CLEANUP}. At most 64 run at once; past that a save
         * waits for its own, as it does while the {@code Stowage} is closing. On a blob store
         * that declares {@code BATCH_DELETE}, deletions that arrive while another of their
         * bucket is in flight go together in the next batch request, each pinned to its etag.
         */
        public Builder cleanupInBackground(boolean background) {
            this.cleanupInBackground = background;
            return this;
        }

        /** The clock of {@code @AutoGenerate(UTC_NOW)} and of the sweeper's grace period. */
        public Builder clock(Clock clock) {
            this.clock = notNull(clock, "clock(null): pass Clock.systemUTC() for the real time");
            return this;
        }

        private static StoreSettings edit(StoreSettings current, Consumer<StoreSettings.Builder> change, String what) {
            notNull(change, what + "(null): pass a function that sets values on the builder");
            StoreSettings.Builder b = current.toBuilder();
            try {
                change.accept(b);
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new StowageException("Invalid StowageConfig " + what + ": " + e.getMessage(), e);
            }
        }

        private static <V> V notNull(V value, String message) {
            if (value == null) {
                throw new StowageException("StowageConfig.Builder." + message);
            }
            return value;
        }

        /**
         * The configuration; refuses, before any store exists, multipart settings that S3
         * would refuse (parts under 5 MiB).
         */
        public StowageConfig build() {
            for (StoreSettings s : new StoreSettings[] {settings.overriddenBy(blobStore), settings.overriddenBy(itemStore)}) {
                String problem = S3PartSizes.multipartProblem(s.multipartThreshold(), s.partSize());
                if (problem != null) {
                    throw new StowageException("Invalid StowageConfig: " + problem);
                }
            }
            return new StowageConfig(this);
        }
    }
}
