package io.stowage.provider.s3.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.stowage.spi.StoreSettings;

/**
 * Resolves the S3 endpoint the way the AWS SDK does (settings first, then the
 * {@code aws.endpointUrlS3} / {@code aws.endpointUrl} system properties, then the
 * {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL} environment variables), because
 * Stowage must know whether an endpoint is set: S3-compatible servers need path-style
 * addressing, and the SDK would otherwise use virtual-host style.
 *
 * <pre>{@code
 * Optional<URI> endpoint = Endpoints.resolve(settings, System::getProperty, System::getenv);
 * }</pre>
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** The endpoint from the settings, system properties or environment, if any. */
    public static Optional<URI> resolve(StoreSettings settings, UnaryOperator<String> systemProperties,
                                        UnaryOperator<String> environment) {
        if (settings.endpoint().isPresent()) {
            return settings.endpoint();
        }
        if (isTrue(systemProperties.apply("aws.ignoreConfiguredEndpointUrls"))
                || isTrue(environment.apply("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            return Optional.empty();
        }
        for (String value : new String[] {
                systemProperties.apply("aws.endpointUrlS3"),
                systemProperties.apply("aws.endpointUrl"),
                environment.apply("AWS_ENDPOINT_URL_S3"),
                environment.apply("AWS_ENDPOINT_URL")}) {
            if (value != null && !value.isBlank()) {
                return Optional.of(parse(value.trim()));
            }
        }
        return Optional.empty();
    }

    /** Path-style addressing: whenever an endpoint is set, or when a property asks for it. */
    public static boolean pathStyle(StoreSettings settings, Optional<URI> endpoint) {
        return endpoint.isPresent()
                || settings.property("stowage.s3.forcePathStyle").map(Endpoints::isTrue).orElse(false);
    }

    private static URI parse(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid S3 endpoint URL '" + value + "': " + e.getMessage(), e);
        }
    }

    private static boolean isTrue(String value) {
        return value != null && "true".equals(value.trim().toLowerCase(Locale.ROOT));
    }
}
