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
    private static final List<String> STORE_SETTINGS = List.of("region", "endpoint", "profile", "accessKeyId", "secretAccessKey",
            "sessionToken", "connectTimeout", "apiCallTimeout", "maxRetries", "proxy", "multipartThreshold", "partSize",
            "maxConcurrency");
    private static final List<String> STORES = List.of("", "blobstore.", "itemstore.");
    private static final Set<String> KNOWN = known();
    /** The short forms Spring Boot users write: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}. */
    private static final java.util.regex.Pattern SIMPLE_DURATION = java.util.regex.Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

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
        StowageConfig.Builder config = StowageConfig.builder();
        String customerKey = get("sseCustomerKey");
        if (customerKey != null) {
            byte[] key;
            try {
                key = java.util.Base64.getDecoder().decode(customerKey);
            } catch (IllegalArgumentException e) {
                throw new StowageException("Setting stowage.sseCustomerKey is not base64 (value not shown: it is a secret); "
                        + "pass the 32-byte AES-256 key in base64, 44 characters");
            }
            config.sseCustomerKey(key);
        }
        return config
                .blobStoreProvider(provider("blobstore"))
                .itemStoreProvider(provider("itemstore"))
                .settings(shared.build())
                .blobStore(settings("blobstore.").build())
                .itemStore(settings("itemstore.").build())
                .consistentReads(Boolean.parseBoolean(get("consistentReads")))
                .cleanupInBackground(Boolean.parseBoolean(get("cleanupInBackground")))
                .build();
    }

    /** Every setting's name after {@code stowage.}, sorted. */
    static List<String> names() {
        return KNOWN.stream().sorted().collect(java.util.stream.Collectors.toList());
    }

    /** The environment variable read where the property {@code stowage.<name>} is unset. */
    static String environmentVariable(String name) {
        return "STOWAGE_" + name.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static Set<String> known() {
        Set<String> names = new HashSet<>(Set.of("blobstore", "itemstore", "blobstore.provider", "itemstore.provider",
                "consistentReads", "cleanupInBackground", "sseCustomerKey"));
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
            credentials(store).ifPresent(b::credentials);
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

    /**
     * {@code stowage.blobstore}, or {@code stowage.blobstore.provider} for YAML, where one key
     * cannot be both a value and the parent of {@code stowage.blobstore.region}.
     */
    private String provider(String store) {
        String plain = get(store);
        String nested = get(store + ".provider");
        if (plain != null && nested != null && !plain.equals(nested)) {
            throw new StowageException("Settings stowage." + store + " ('" + plain + "') and stowage." + store + ".provider ('"
                    + nested + "') disagree: keep one of them");
        }
        return plain != null ? plain : nested;
    }

    private String get(String name) {
        String value = properties.apply("stowage." + name);
        if (value == null || value.isBlank()) {
            value = environment.apply(environmentVariable(name));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A profile, or static keys (with an optional session token); never both, and never half
     * a key pair. Messages name the settings, never a value.
     */
    private java.util.Optional<Credentials> credentials(String store) {
        String profile = get(store + "profile");
        String keyId = get(store + "accessKeyId");
        String secret = get(store + "secretAccessKey");
        String token = get(store + "sessionToken");
        String where = "stowage." + store;
        if (profile != null && (keyId != null || secret != null)) {
            throw new StowageException("Settings " + where + "profile and " + where + "accessKeyId/secretAccessKey are both set: "
                    + "keep one of them");
        }
        if ((keyId == null) != (secret == null) || (token != null && keyId == null)) {
            throw new StowageException("Settings " + where + "accessKeyId and " + where + "secretAccessKey must be set together"
                    + (token != null ? " (with " + where + "sessionToken)" : "") + ": set both, or neither to use the default "
                    + "credential chain (values not shown)");
        }
        if (profile != null) {
            return java.util.Optional.of(Credentials.profile(profile));
        }
        if (keyId == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(token == null ? Credentials.basic(keyId, secret) : Credentials.session(keyId, secret, token));
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
        java.util.regex.Matcher simple = SIMPLE_DURATION.matcher(value);
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                switch (simple.group(2)) {
                    case "ms": return Duration.ofMillis(amount);
                    case "s": return Duration.ofSeconds(amount);
                    case "m": return Duration.ofMinutes(amount);
                    case "h": return Duration.ofHours(amount);
                    default: return Duration.ofDays(amount);
                }
            }
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new StowageException("Setting stowage." + name + " must be a duration such as 30s, 500ms, 2m or PT30S, was '"
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
