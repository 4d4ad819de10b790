package io.stowage;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings for one store that win over the shared ones of {@link StowageConfig}:
 * typically another endpoint or region for the blob store than for the item store, or
 * longer timeouts for the store that moves large files. What is not set here is
 * inherited from the shared settings.
 *
 * <pre>{@code
 * StowageConfig.builder()
 *         .region("us-east-1")
 *         .apiCallTimeout(Duration.ofSeconds(5))
 *         .blobStore(StoreOverrides.builder()
 *                 .endpoint(URI.create("http://127.0.0.1:9000"))
 *                 .apiCallTimeout(Duration.ofMinutes(10))
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class StoreOverrides {

    private static final StoreOverrides NONE = builder().build();

    private final String region;
    private final URI endpoint;
    private final Credentials credentials;
    private final Duration connectTimeout;
    private final Duration apiCallTimeout;
    private final Integer maxRetries;
    private final URI proxy;
    private final Map<String, String> properties;

    private StoreOverrides(Builder b) {
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.credentials = b.credentials;
        this.connectTimeout = b.connectTimeout;
        this.apiCallTimeout = b.apiCallTimeout;
        this.maxRetries = b.maxRetries;
        this.proxy = b.proxy;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No overrides. */
    public static StoreOverrides none() {
        return NONE;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    public Optional<Duration> apiCallTimeout() {
        return Optional.ofNullable(apiCallTimeout);
    }

    public Optional<Integer> maxRetries() {
        return Optional.ofNullable(maxRetries);
    }

    public Optional<URI> proxy() {
        return Optional.ofNullable(proxy);
    }

    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "StoreOverrides(region=" + region + ", endpoint=" + StoreSettings.redact(endpoint)
                + ", credentials=" + credentials + ", connectTimeout=" + connectTimeout
                + ", apiCallTimeout=" + apiCallTimeout + ", maxRetries=" + maxRetries
                + ", proxy=" + StoreSettings.redact(proxy) + ", properties=" + properties.keySet() + ")";
    }

    /** Builder of {@link StoreOverrides}. */
    public static final class Builder {
        private String region;
        private URI endpoint;
        private Credentials credentials;
        private Duration connectTimeout;
        private Duration apiCallTimeout;
        private Integer maxRetries;
        private URI proxy;
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
            this.credentials = credentials;
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
            this.maxRetries = maxRetries;
            return this;
        }

        /** An HTTP proxy for this store only ({@code http://user:password@host:port}); user info is never shown. */
        public Builder proxy(URI proxy) {
            try {
                StoreSettings.requireValidProxy(proxy);
            } catch (IllegalArgumentException e) {
                throw new StowageException("StoreOverrides.Builder.proxy: " + e.getMessage());
            }
            this.proxy = proxy;
            return this;
        }

        public Builder property(String name, String value) {
            this.properties.put(name, value);
            return this;
        }

        public StoreOverrides build() {
            return new StoreOverrides(this);
        }
    }
}
