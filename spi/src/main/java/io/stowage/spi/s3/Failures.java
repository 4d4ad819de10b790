package io.stowage.spi.s3;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.stowage.spi.StoreException;

/**
 * Walks the cause chain of a client failure: strips the future's wrappers, finds a type,
 * picks the message that says what happened, and tells connection failures and timeouts
 * apart by the JDK's exceptions and messages. Every walk stops after
 * {@value #MAX_CAUSE_DEPTH} causes, so a cyclic chain cannot hang an error path.
 * Client-specific signs (a Netty or OkHttp exception, say) are added by the provider
 * through {@link #anyCause}.
 *
 * <pre>{@code
 * Throwable t = Failures.unwrap(failure);
 * boolean unreachable = Failures.isConnection(t)
 *         || Failures.anyCause(t, c -> Failures.lowerCaseMessage(c).contains("failed to connect"));
 * String message = Failures.rootMessage(t);
 * }</pre>
 */
public final class Failures {

    /** How many causes a walk looks at, at most. */
    public static final int MAX_CAUSE_DEPTH = 16;

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
     * checks throw those), given {@code bucket} and {@code key} where it names none; else
     * {@code null}, and the failure still needs mapping.
     */
    public static StoreException alreadyMapped(Throwable t, String bucket, String key) {
        if (!(t instanceof StoreException)) {
            return null;
        }
        StoreException se = (StoreException) t;
        if (se.bucket() == null) {
            se.bucket(bucket);
        }
        if (se.key() == null) {
            se.key(key);
        }
        return se;
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

    /** Whether {@code test} holds for {@code t} or one of its causes. */
    public static boolean anyCause(Throwable t, Predicate<Throwable> test) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CAUSE_DEPTH; c = c.getCause(), depth++) {
            if (test.test(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
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

    /**
     * Whether the server could not be reached: a refused, reset or unroutable connection,
     * an unknown host, a closed channel.
     */
    public static boolean isConnection(Throwable t) {
        return anyCause(t, c -> {
            String msg = lowerCaseMessage(c);
            return c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException || c instanceof PortUnreachableException
                    || c instanceof ClosedChannelException
                    || msg.contains("connection refused") || msg.contains("connection reset");
        });
    }

    /** Whether the server did not answer in time: a socket or future timeout, or a "timed out" message. */
    public static boolean isTimeout(Throwable t) {
        return anyCause(t, c -> c instanceof SocketTimeoutException || c instanceof TimeoutException
                || lowerCaseMessage(c).contains("timed out"));
    }

    /** The throwable's own message in lower case, {@code ""} when it has none. */
    public static String lowerCaseMessage(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
