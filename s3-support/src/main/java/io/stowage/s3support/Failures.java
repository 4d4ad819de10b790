package io.stowage.s3support;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.stowage.spi.IoFailures;
import io.stowage.spi.StoreException;

/**
 * Walks the cause chain of a client failure: strips the future's wrappers, finds a type,
 * and picks the message that says what happened. Every walk stops after
 * {@value #MAX_CAUSE_DEPTH} causes, so a cyclic chain cannot hang an error path. Whether
 * a failure was a refused connection, a lost one or a timeout is the SPI's
 * {@link IoFailures}, which every provider shares.
 *
 * <pre>{@code
 * Throwable t = Failures.unwrap(failure);
 * AwsServiceException service = Failures.find(t, AwsServiceException.class);
 * String message = Failures.rootMessage(t);
 * }</pre>
 */
public final class Failures {

    /** How many causes a walk looks at, at most. */
    public static final int MAX_CAUSE_DEPTH = IoFailures.MAX_CAUSE_DEPTH;

    private Failures() {
    }

    /** Removes {@link CompletionException} and {@link ExecutionException} layers. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * The failure itself when it is a {@link StoreException} already (the provider's own
     * checks throw those), naming {@code bucket} and {@code key} where it names none; else
     * {@code null}, and the failure still needs mapping.
     */
    public static StoreException alreadyMapped(Throwable t, String bucket, String key) {
        return t instanceof StoreException ? ((StoreException) t).orWhere(bucket, key) : null;
    }

    /** The first throwable of {@code type} in {@code t}'s cause chain ({@code t} included), or {@code null}. */
    public static <T extends Throwable> T find(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CAUSE_DEPTH; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /**
     * The top message, followed by the deepest cause's message when that one adds
     * something; the class name when no throwable in the chain has a message.
     */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        int depth = 0;
        String best = t.getMessage();
        while (root.getCause() != null && root.getCause() != root && depth++ < MAX_CAUSE_DEPTH) {
            root = root.getCause();
            if (root.getMessage() != null) {
                best = root.getMessage();
            }
        }
        String top = t.getMessage();
        if (top != null && best != null && !top.equals(best) && !top.contains(best)) {
            return top + ": " + best;
        }
        return top != null ? top : (best != null ? best : t.getClass().getSimpleName());
    }

}
