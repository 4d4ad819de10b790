package io.stowage.s3support;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Masks known secrets (secret key, session token, proxy password) in messages, as a last
 * line of defence: a message must never carry a credential. The collection is read at
 * each use, so it may be a thread-safe live view of secrets learnt later (refreshed
 * credentials); pass a copy to fix the set. Strings shorter than four characters are
 * skipped: they would mask ordinary words without protecting anything.
 *
 * <pre>{@code
 * SecretMasker masker = new SecretMasker(List.of(secretAccessKey, sessionToken));
 * String safe = masker.redact("refused: " + serverText);
 * }</pre>
 */
public final class SecretMasker {

    /** What stands in for a secret. */
    public static final String MASK = "***";

    private static final int MIN_SECRET_LENGTH = 4;

    private final Collection<String> secrets;

    /** @param secrets the strings to mask; may hold nulls, which are skipped */
    public SecretMasker(Collection<String> secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The message with every known secret masked; {@code null} stays null. */
    public String redact(String message) {
        if (message == null) {
            return null;
        }
        String out = message;
        // Longest first: a short secret inside a longer one must not leave the rest of it visible.
        List<String> ordered = secrets.stream()
                .filter(secret -> secret != null && secret.length() >= MIN_SECRET_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .collect(Collectors.toList());
        for (String secret : ordered) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
