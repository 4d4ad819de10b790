package io.stowage;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@link StowageConfig} from {@code stowage.*} system properties and {@code STOWAGE_*}
 * environment variables: the one place that knows the names of the settings. Each store
 * setting exists shared ({@code stowage.apiCallTimeout}) and per store
 * ({@code stowage.blobstore.apiCallTimeout}, {@code STOWAGE_ITEMSTORE_API_CALL_TIMEOUT}),
 * the per-store value winning.
 */
final class EnvironmentConfigReader {

    /** The store settings, under {@code stowage.}, {@code stowage.blobstore.} and {@code stowage.itemstore.}. */
    private static final List<String> STORE_SETTINGS = List.of("region", "endpoint", "profile", "connectTimeout",
            "apiCallTimeout", "maxRetries", "proxy", "multipartThreshold", "partSize", "maxConcurrency");
    private static final List<String> STORES = List.of("", "blobstore.", "itemstore.");
    private static final Set<String> KNOWN = known();

    private final Function<String, String> properties;
    private final Function<String, String> environment;

    private EnvironmentConfigReader(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    static StowageConfig read(Function<String, String> properties, Function<String, String> environment,
                              Set<String> propertyNames) {
        return new EnvironmentConfigReader(properties, environment).read(propertyNames);
    }

    private StowageConfig read(Set<String> propertyNames) {
        StoreSettings.Builder shared = settings("");
        for (String name : propertyNames) {
            if (name.startsWith("stowage.") && !KNOWN.contains(name.substring("stowage.".length()))) {
                String value = properties.apply(name);
                if (value != null) {
                    shared.property(name, value);
                }
            }
        }
        return StowageConfig.builder()
                .blobStoreProvider(get("blobstore"))
                .itemStoreProvider(get("itemstore"))
                .settings(shared.build())
                .blobStore(settings("blobstore.").build())
                .itemStore(settings("itemstore.").build())
                .consistentReads(Boolean.parseBoolean(get("consistentReads")))
                .build();
    }

    private static Set<String> known() {
        Set<String> names = new HashSet<>(Set.of("blobstore", "itemstore", "consistentReads"));
        for (String store : STORES) {
            for (String setting : STORE_SETTINGS) {
                names.add(store + setting);
            }
        }
        return Set.copyOf(names);
    }

    /** The settings under {@code stowage.<store>}; a value a setting refuses names the setting, never the value. */
    private StoreSettings.Builder settings(String store) {
        StoreSettings.Builder b = StoreSettings.builder();
        try {
            b.region(get(store + "region"));
            b.endpoint(uri(store + "endpoint"));
            String profile = get(store + "profile");
            if (profile != null) {
                b.credentials(Credentials.profile(profile));
            }
            b.connectTimeout(duration(store + "connectTimeout"));
            b.apiCallTimeout(duration(store + "apiCallTimeout"));
            b.maxRetries(integer(store + "maxRetries"));
            b.proxy(uri(store + "proxy"));
            b.multipartThreshold(number(store + "multipartThreshold"));
            b.partSize(number(store + "partSize"));
            b.maxConcurrency(integer(store + "maxConcurrency"));
        } catch (IllegalArgumentException e) {
            throw new StowageException("Setting under stowage." + store + ": " + e.getMessage(), e);
        }
        return b;
    }

    private String get(String name) {
        String value = properties.apply("stowage." + name);
        if (value == null || value.isBlank()) {
            value = environment.apply("STOWAGE_" + name.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2")
                    .toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private URI uri(String name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new StowageException("Setting stowage." + name + " is not a valid URI (value not shown: it may hold credentials)");
        }
    }

    private Duration duration(String name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new StowageException("Setting stowage." + name + " must be an ISO-8601 duration such as PT30S, was '"
                    + value + "'", e);
        }
    }

    private Long number(String name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new StowageException("Setting stowage." + name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private Integer integer(String name) {
        Long value = number(name);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            throw new StowageException("Setting stowage." + name + " is out of range, was " + value);
        }
        return value == null ? null : value.intValue();
    }
}
