package io.stowage;

import io.stowage.spi.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Reads {@link StowageConfig} from {@code stowage.*} properties and {@code STOWAGE_*} variables. */
final class EnvironmentConfigReader {

    /** What one store may override, under {@code stowage.blobstore.*} and {@code stowage.itemstore.*}. */
    private static final Set<String> PER_STORE = Set.of("endpoint", "region", "connectTimeout", "apiCallTimeout",
            "maxRetries", "proxy");
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
        StowageConfig.Builder b = StowageConfig.builder();
        b.blobStoreProvider(get("blobstore"));
        b.itemStoreProvider(get("itemstore"));
        b.region(get("region"));
        b.endpoint(uri("endpoint"));
        String profile = get("profile");
        if (profile != null) {
            b.credentials(Credentials.profile(profile));
        }
        b.connectTimeout(duration("connectTimeout"));
        b.apiCallTimeout(duration("apiCallTimeout"));
        Long retries = number("maxRetries");
        if (retries != null) {
            b.maxRetries(retries.intValue());
        }
        b.proxy(uri("proxy"));
        Long threshold = number("multipartThreshold");
        if (threshold != null) {
            b.multipartThreshold(threshold);
        }
        Long partSize = number("partSize");
        if (partSize != null) {
            b.partSize(partSize);
        }
        Long concurrency = number("maxConcurrency");
        if (concurrency != null) {
            b.maxConcurrency(concurrency.intValue());
        }
        b.consistentReads(Boolean.parseBoolean(get("consistentReads")));
        b.blobStore(overrides("blobstore"));
        b.itemStore(overrides("itemstore"));
        for (String name : propertyNames) {
            if (name.startsWith("stowage.") && !KNOWN.contains(name.substring("stowage.".length()))) {
                String value = properties.apply(name);
                if (value != null) {
                    b.property(name, value);
                }
            }
        }
        return b.build();
    }

    private static Set<String> known() {
        Set<String> names = new HashSet<>(Set.of("blobstore", "itemstore", "region", "endpoint", "profile",
                "connectTimeout", "apiCallTimeout", "maxRetries", "proxy", "multipartThreshold", "partSize",
                "maxConcurrency", "consistentReads"));
        for (String setting : PER_STORE) {
            names.add("blobstore." + setting);
            names.add("itemstore." + setting);
        }
        return Set.copyOf(names);
    }

    private StoreOverrides overrides(String store) {
        StoreOverrides.Builder o = StoreOverrides.builder();
        o.region(get(store + ".region"));
        o.endpoint(uri(store + ".endpoint"));
        o.connectTimeout(duration(store + ".connectTimeout"));
        o.apiCallTimeout(duration(store + ".apiCallTimeout"));
        Long retries = number(store + ".maxRetries");
        if (retries != null) {
            o.maxRetries(retries.intValue());
        }
        o.proxy(uri(store + ".proxy"));
        return o.build();
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
}
