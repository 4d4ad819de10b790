package io.stowage.spring;

import io.stowage.StowageConfig;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * The {@code stowage.*} settings as Spring sees them: read through Spring's relaxed binding
 * (so {@code stowage.blobstore.api-call-timeout} in YAML, {@code apiCallTimeout} in a
 * properties file and {@code STOWAGE_BLOBSTORE_APICALLTIMEOUT} in the environment all work),
 * then parsed by {@link StowageConfig#fromSources} like every other source, so that the names,
 * defaults and messages are Stowage's own.
 *
 * <pre>{@code
 * StowageConfig config = SpringStowageSettings.read(environment);
 * }</pre>
 */
final class SpringStowageSettings {

    /** Settings of the starter itself, never passed to a provider. */
    static final String TABLES = "stowage.tables";
    static final String HEALTH = "stowage.health";

    private SpringStowageSettings() {
    }

    /** The configuration the {@code stowage.*} properties (and {@code STOWAGE_*} variables) describe. */
    static StowageConfig read(Environment environment) {
        Binder binder = Binder.get(environment);
        return StowageConfig.fromSources(name -> binder.bind(kebab(name), String.class).orElse(null), System::getenv,
                providerProperties(environment));
    }

    /**
     * {@code stowage.blobstore.apiCallTimeout} as Spring's canonical name,
     * {@code stowage.blobstore.api-call-timeout}.
     */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code stowage.*} names in the environment that are neither Stowage's nor the
     * starter's: provider flags, passed on under the camel-case names providers read
     * ({@code stowage.s3.force-path-style} as {@code stowage.s3.forcePathStyle}). A name is
     * Stowage's however it is written ({@code secret-access-key}, {@code secretAccessKey},
     * {@code secretaccesskey}), so a secret never becomes a plain provider property.
     */
    private static Set<String> providerProperties(Environment environment) {
        Set<String> names = new LinkedHashSet<>();
        if (environment instanceof ConfigurableEnvironment) {
            Set<String> known = new java.util.HashSet<>();
            for (String name : StowageConfig.settingNames()) {
                known.add(relaxed(name));
            }
            for (PropertySource<?> source : ((ConfigurableEnvironment) environment).getPropertySources()) {
                if (source instanceof EnumerablePropertySource) {
                    for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                        if (name.startsWith("stowage.") && !name.startsWith(TABLES + ".") && !name.startsWith(HEALTH + ".")
                                && !known.contains(relaxed(name))) {
                            names.add(camel(name));
                        }
                    }
                }
            }
        }
        return names;
    }

    /** The name as Spring's relaxed binding compares it: no dashes, no underscores, no case. */
    static String relaxed(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * {@code stowage.s3.force-path-style} (or {@code force_path_style}) as
     * {@code stowage.s3.forcePathStyle}; a camel-case name stays as it is.
     */
    static String camel(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
