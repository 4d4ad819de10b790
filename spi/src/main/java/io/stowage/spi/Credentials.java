package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * How a provider authenticates: static keys (with an optional session token), a named
 * profile, or the provider's default chain (environment, profile, instance role).
 *
 * <p>{@link #toString()} never shows the secret key or the session token.
 *
 * <pre>{@code
 * Credentials creds = Credentials.basic("AKIA...", secret);
 * Credentials fromProfile = Credentials.profile("dev");
 * }</pre>
 */
public final class Credentials {

    /**
     * Where the credentials come from. Providers switch on it to pick their SDK's
     * credentials source; only {@code STATIC} carries keys.
     *
     * <pre>{@code
     * String source = switch (credentials.kind()) {
     *     case STATIC -> "keys " + credentials.accessKeyId().orElseThrow();
     *     case PROFILE -> "profile " + credentials.profileName().orElseThrow();
     *     case ANONYMOUS -> "unsigned";
     *     case DEFAULT_CHAIN -> "default chain";
     * };
     * }</pre>
     */
    public enum Kind { DEFAULT_CHAIN, STATIC, PROFILE, ANONYMOUS }

    private static final Credentials DEFAULT = new Credentials(Kind.DEFAULT_CHAIN, null, null, null, null);
    private static final Credentials ANONYMOUS = new Credentials(Kind.ANONYMOUS, null, null, null, null);

    private final Kind kind;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String profile;

    private Credentials(Kind kind, String accessKeyId, String secretAccessKey, String sessionToken, String profile) {
        this.kind = kind;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.profile = profile;
    }

    /** The provider's default chain (for AWS: environment, system properties, profile, container, instance). */
    public static Credentials defaultChain() {
        return DEFAULT;
    }

    /** No credentials: requests are not signed. */
    public static Credentials anonymous() {
        return ANONYMOUS;
    }

    /** Static access key and secret. */
    public static Credentials basic(String accessKeyId, String secretAccessKey) {
        return session(accessKeyId, secretAccessKey, null);
    }

    /** Static temporary credentials with a session token (may be {@code null}). */
    public static Credentials session(String accessKeyId, String secretAccessKey, String sessionToken) {
        requireText(accessKeyId, "accessKeyId");
        requireText(secretAccessKey, "secretAccessKey");
        return new Credentials(Kind.STATIC, accessKeyId, secretAccessKey, sessionToken, null);
    }

    /** A named profile from the shared config and credentials files. */
    public static Credentials profile(String profileName) {
        requireText(profileName, "profileName");
        return new Credentials(Kind.PROFILE, null, null, null, profileName);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Credentials: " + what + " must not be blank");
        }
    }

    public Kind kind() {
        return kind;
    }

    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    public Optional<String> secretAccessKey() {
        return Optional.ofNullable(secretAccessKey);
    }

    public Optional<String> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    public Optional<String> profileName() {
        return Optional.ofNullable(profile);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Credentials)) {
            return false;
        }
        Credentials c = (Credentials) o;
        return kind == c.kind && Objects.equals(accessKeyId, c.accessKeyId)
                && Objects.equals(secretAccessKey, c.secretAccessKey)
                && Objects.equals(sessionToken, c.sessionToken) && Objects.equals(profile, c.profile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, accessKeyId, profile);
    }

    /** Shows the kind, the access key id and the profile; never the secret or the token. */
    @Override
    public String toString() {
        switch (kind) {
            case STATIC:
                return "Credentials(STATIC, accessKeyId=" + accessKeyId + ", secretAccessKey=*** "
                        + (sessionToken == null ? "" : ", sessionToken=*** ") + ")";
            case PROFILE:
                return "Credentials(PROFILE, profile=" + profile + ")";
            default:
                return "Credentials(" + kind + ")";
        }
    }
}
