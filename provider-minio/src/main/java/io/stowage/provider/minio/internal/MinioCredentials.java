package io.stowage.provider.minio.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import io.minio.credentials.AwsConfigProvider;
import io.minio.credentials.Provider;
import io.minio.credentials.StaticProvider;
import io.stowage.spi.Credentials;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

/**
 * Turns Stowage {@link Credentials} into a MinIO credentials {@link Provider}, reading the
 * environment through a function so that tests can supply their own.
 *
 * <ul>
 *   <li>{@code STATIC}: the keys and session token as given.</li>
 *   <li>{@code DEFAULT_CHAIN}: {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} /
 *       {@code AWS_SESSION_TOKEN}, then the {@code aws.accessKeyId} / {@code aws.secretAccessKey} /
 *       {@code aws.sessionToken} system properties, then {@code MINIO_ACCESS_KEY} /
 *       {@code MINIO_SECRET_KEY} (or {@code MINIO_ROOT_USER} / {@code MINIO_ROOT_PASSWORD}), then
 *       the {@code AWS_PROFILE} (else {@code default}) profile of the shared credentials file
 *       when that file exists. Instance and container roles are not consulted.</li>
 *   <li>{@code PROFILE}: that profile of {@code AWS_SHARED_CREDENTIALS_FILE}, else
 *       {@code ~/.aws/credentials}, read by MinIO's {@link AwsConfigProvider} (keys and session
 *       token only: SSO, role and process profiles of {@code ~/.aws/config} are not supported).</li>
 *   <li>{@code ANONYMOUS}: no provider; requests go unsigned.</li>
 * </ul>
 *
 * <pre>{@code
 * MinioCredentials creds = MinioCredentials.resolve(settings.credentials(), System::getenv, System::getProperty);
 * builder.credentialsProvider(creds.provider());
 * }</pre>
 */
public final class MinioCredentials {

    private final Provider provider;
    private final List<String> secrets;
    private final String description;

    private MinioCredentials(Provider provider, List<String> secrets, String description) {
        this.provider = provider;
        this.secrets = Collections.unmodifiableList(secrets);
        this.description = description;
    }

    /** Resolves {@code credentials}; never throws for missing credentials (requests fail instead, with the reason). */
    public static MinioCredentials resolve(Credentials credentials, UnaryOperator<String> environment,
                                           UnaryOperator<String> systemProperties) {
        switch (credentials.kind()) {
            case ANONYMOUS:
                return new MinioCredentials(null, List.of(), "anonymous");
            case STATIC: {
                String secret = credentials.secretAccessKey().orElseThrow();
                String token = credentials.sessionToken().orElse(null);
                return staticKeys(credentials.accessKeyId().orElseThrow(), secret, token, "static keys");
            }
            case PROFILE:
                return profile(credentials.profileName().orElseThrow(), environment, systemProperties, true);
            case DEFAULT_CHAIN:
            default:
                return defaultChain(environment, systemProperties);
        }
    }

    private static MinioCredentials defaultChain(UnaryOperator<String> env, UnaryOperator<String> sys) {
        if (hasText(env.apply("AWS_ACCESS_KEY_ID")) && hasText(env.apply("AWS_SECRET_ACCESS_KEY"))) {
            return staticKeys(env.apply("AWS_ACCESS_KEY_ID"), env.apply("AWS_SECRET_ACCESS_KEY"),
                    blankToNull(env.apply("AWS_SESSION_TOKEN")), "AWS_ACCESS_KEY_ID environment");
        }
        if (hasText(sys.apply("aws.accessKeyId")) && hasText(sys.apply("aws.secretAccessKey"))) {
            return staticKeys(sys.apply("aws.accessKeyId"), sys.apply("aws.secretAccessKey"),
                    blankToNull(sys.apply("aws.sessionToken")), "aws.accessKeyId system property");
        }
        if (hasText(env.apply("MINIO_ACCESS_KEY")) && hasText(env.apply("MINIO_SECRET_KEY"))) {
            return staticKeys(env.apply("MINIO_ACCESS_KEY"), env.apply("MINIO_SECRET_KEY"), null,
                    "MINIO_ACCESS_KEY environment");
        }
        if (hasText(env.apply("MINIO_ROOT_USER")) && hasText(env.apply("MINIO_ROOT_PASSWORD"))) {
            return staticKeys(env.apply("MINIO_ROOT_USER"), env.apply("MINIO_ROOT_PASSWORD"), null,
                    "MINIO_ROOT_USER environment");
        }
        String profileName = hasText(env.apply("AWS_PROFILE")) ? env.apply("AWS_PROFILE").trim() : "default";
        Path file = credentialsFile(env, sys);
        if (Files.isRegularFile(file)) {
            return profile(profileName, env, sys, false);
        }
        String reason = "No credentials found for the MinIO provider: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                + "(or MINIO_ACCESS_KEY and MINIO_SECRET_KEY), create " + file + ", or configure Credentials.basic(...) "
                + "or Credentials.anonymous()";
        return new MinioCredentials(failing(reason), List.of(), "default chain (nothing found)");
    }

    private static MinioCredentials profile(String name, UnaryOperator<String> env, UnaryOperator<String> sys,
                                            boolean explicit) {
        Path file = credentialsFile(env, sys);
        String where = "profile '" + name + "' of " + file;
        Provider fromFile;
        try {
            fromFile = new AwsConfigProvider(file.toString(), name);
        } catch (RuntimeException e) {
            return new MinioCredentials(failing("Cannot use " + where + ": " + e.getMessage()), List.of(), where);
        }
        CopyOnWriteArrayList<String> secrets = new CopyOnWriteArrayList<>();
        Provider checked = () -> {
            io.minio.credentials.Credentials c;
            try {
                c = fromFile.fetch();
            } catch (RuntimeException e) {
                // The provider's own message says what is missing (file, profile, key) and holds no secret.
                throw new StoreException(StoreErrorCode.ACCESS_DENIED, "Cannot read the credentials of " + where
                        + (explicit ? "" : " (default credentials chain)") + ": " + e.getMessage());
            }
            if (c.secretKey() != null) {
                secrets.addIfAbsent(c.secretKey());
            }
            if (c.sessionToken() != null) {
                secrets.addIfAbsent(c.sessionToken());
            }
            return c;
        };
        return new MinioCredentials(checked, secrets, where);
    }

    private static MinioCredentials staticKeys(String accessKey, String secretKey, String sessionToken,
                                               String description) {
        List<String> secrets = new ArrayList<>();
        secrets.add(secretKey);
        if (sessionToken != null) {
            secrets.add(sessionToken);
        }
        return new MinioCredentials(new StaticProvider(accessKey.trim(), secretKey.trim(), sessionToken), secrets,
                description);
    }

    private static Provider failing(String reason) {
        return () -> {
            throw new StoreException(StoreErrorCode.ACCESS_DENIED, reason);
        };
    }

    /** {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}. */
    static Path credentialsFile(UnaryOperator<String> env, UnaryOperator<String> sys) {
        String configured = env.apply("AWS_SHARED_CREDENTIALS_FILE");
        if (hasText(configured)) {
            return Path.of(configured.trim());
        }
        String home = sys.apply("user.home");
        return Path.of(home == null ? "." : home, ".aws", "credentials");
    }

    /** The provider, or {@code null} for anonymous requests. */
    public Provider provider() {
        return provider;
    }

    /**
     * The secrets known so far, to mask in messages; a live view, since profile
     * credentials are only read when a request needs them.
     */
    public List<String> secrets() {
        return secrets;
    }

    /** Where the credentials come from, without any secret. */
    @Override
    public String toString() {
        return description;
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return hasText(s) ? s : null;
    }
}
