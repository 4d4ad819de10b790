package io.stowage;

import io.stowage.spi.Credentials;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings for one store that win over the shared ones of {@link StowageConfig}:
 * typically another endpoint or region for the blob store than for the item store.
 *
 * <pre>{@code
 * StowageConfig.builder()
 *         .region("us-east-1")
 *         .blobStore(StoreOverrides.builder().endpoint(URI.create("http://127.0.0.1:9000")).build())
 *         .build();
 * }</pre>
 */
public final class StoreOverrides {

    private static final StoreOverrides NONE = builder().build();

    private final String region;
    private final URI endpoint;
    private final Credentials credentials;
    private final Map<String, String> properties;

    private StoreOverrides(Builder b) {
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.credentials = b.credentials;
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

    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "StoreOverrides(region=" + region + ", endpoint=" + endpoint + ", credentials=" + credentials
                + ", properties=" + properties.keySet() + ")";
    }

    /** Builder of {@link StoreOverrides}. */
    public static final class Builder {
        private String region;
        private URI endpoint;
        private Credentials credentials;
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

        public Builder property(String name, String value) {
            this.properties.put(name, value);
            return this;
        }

        public StoreOverrides build() {
            return new StoreOverrides(this);
        }
    }
}
