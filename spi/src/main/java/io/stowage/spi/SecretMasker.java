package io.stowage.spi;

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

    /**
     * The throwable as it may be kept as a cause and printed: itself when no message in its
     * chain (causes and suppressed included) holds a secret, otherwise a copy of the chain
     * whose messages are masked, with the original class names and stack traces. A server
     * that echoes a token in its error text would otherwise print it in every stack trace.
     */
    public Throwable printable(Throwable t) {
        if (t == null || !leaks(t, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()))) {
            return t;
        }
        return copy(t, new java.util.IdentityHashMap<>());
    }

    private boolean leaks(Throwable t, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        String message = t.getMessage();
        if (message != null && !message.equals(redact(message))) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (leaks(s, seen)) {
                return true;
            }
        }
        return leaks(t.getCause(), seen);
    }

    private Throwable copy(Throwable t, java.util.Map<Throwable, Throwable> copies) {
        if (t == null) {
            return null;
        }
        Throwable done = copies.get(t);
        if (done != null) {
            return done;
        }
        Redacted copy = new Redacted(t.getClass().getName(), redact(t.getMessage()));
        copies.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        Throwable cause = copy(t.getCause(), copies);
        if (cause != null) {
            copy.initCause(cause);
        }
        for (Throwable s : t.getSuppressed()) {
            copy.addSuppressed(copy(s, copies));
        }
        return copy;
    }

    /**
     * A throwable copied with its secrets masked; it prints as the original would, class name first.
     *
     * <pre>{@code
     * Throwable printable = masker.printable(serverException);   // a Redacted when it held a secret
     * }</pre>
     */
    public static final class Redacted extends Exception {

        private static final long serialVersionUID = 1L;

        private final String originalClass;

        Redacted(String originalClass, String message) {
            // The cause is set afterwards (initCause): the copy of the chain is built outside in.
            super(message);
            this.originalClass = originalClass;
        }

        /** The class of the throwable this copies. */
        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
