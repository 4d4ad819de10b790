package io.stowage.spi;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The one classification of transport failures that every provider applies, so that
 * whether a failed request may have been applied ({@link StoreErrorCode#isDefinite()})
 * does not depend on the provider: a connection that was never made is
 * {@link StoreErrorCode#CONNECTION} (nothing was sent), one that broke is
 * {@link StoreErrorCode#CONNECTION_LOST}, a wait that ran out is
 * {@link StoreErrorCode#TIMEOUT}. It reads the JDK's exceptions and their usual messages
 * anywhere in the cause chain; a provider adds its client library's own signs.
 *
 * <pre>{@code
 * StoreErrorCode code = IoFailures.codeOf(failure);   // null when it is no transport failure
 * if (code == null) {
 *     code = StoreErrorCode.OTHER;
 * }
 * }</pre>
 */
public final class IoFailures {

    /** How many causes a walk looks at, at most, so that a cyclic chain cannot hang an error path. */
    public static final int MAX_CAUSE_DEPTH = 16;

    private IoFailures() {
    }

    /**
     * The code of a transport failure anywhere in {@code t}'s causes, or {@code null}. A
     * refused connection wins over a timeout (a connect timeout means nothing was sent),
     * and a timeout over a lost connection.
     */
    public static StoreErrorCode codeOf(Throwable t) {
        if (isConnectionRefused(t)) {
            return StoreErrorCode.CONNECTION;
        }
        if (isTimeout(t)) {
            return StoreErrorCode.TIMEOUT;
        }
        if (isConnectionLost(t)) {
            return StoreErrorCode.CONNECTION_LOST;
        }
        return null;
    }

    /**
     * Whether no connection could be made, so that nothing was sent: a refused or
     * unroutable connection, an unknown host, a connect timeout.
     */
    public static boolean isConnectionRefused(Throwable t) {
        return anyCause(t, c -> {
            String msg = lowerCaseMessage(c);
            String name = c.getClass().getSimpleName();
            return c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException || c instanceof PortUnreachableException
                    || name.equals("ConnectTimeoutException")
                    || msg.contains("connection refused") || msg.contains("failed to connect")
                    || msg.contains("connect timed out") || msg.contains("unknown host")
                    || msg.contains("failed to resolve");
        });
    }

    /** Whether a wait ran out: a socket or future timeout, or a "timed out" message. */
    public static boolean isTimeout(Throwable t) {
        return anyCause(t, c -> c instanceof SocketTimeoutException || c instanceof TimeoutException
                || lowerCaseMessage(c).contains("timed out"));
    }

    /**
     * Whether an open connection broke (reset, closed, cut short), after which the request
     * may or may not have been applied.
     */
    public static boolean isConnectionLost(Throwable t) {
        return anyCause(t, c -> {
            String msg = lowerCaseMessage(c);
            return c instanceof ClosedChannelException || c instanceof EOFException
                    || msg.contains("connection reset") || msg.contains("broken pipe")
                    || msg.contains("connection was closed") || msg.contains("unexpected end of stream")
                    || msg.contains("premature") || msg.contains("channel inactive")
                    || msg.contains("connection closed");
        });
    }

    /**
     * Whether a client that retried recorded an earlier attempt that may have been applied. The
     * AWS SDK v2 adds each failed attempt to the final exception as a suppressed exception
     * ("Request attempt 1 failure: ..."); an attempt that was not plainly refused (throttled,
     * or answered with a 4xx or a 503) may have reached the store and been applied.
     */
    public static boolean earlierAttemptMayHaveApplied(Throwable t) {
        return anyCause(t, c -> {
            for (Throwable s : c.getSuppressed()) {
                String m = String.valueOf(s.getMessage());
                if (m.startsWith("Request attempt ") && !isPlainRefusal(m)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Whether a server's answer with this HTTP status refused the request unprocessed: any 4xx,
     * and 503 (S3's SlowDown, "service unavailable"). A 500 or another 5xx may come after the
     * request was applied.
     */
    public static boolean isRefusalStatus(int status) {
        return (status >= 400 && status < 500) || status == 503;
    }

    /** {@link #isRefusalStatus} read from the text the AWS SDK keeps of an attempt, throttling included. */
    private static boolean isPlainRefusal(String attemptMessage) {
        String m = attemptMessage.toLowerCase(java.util.Locale.ROOT);
        return m.contains("throttl") || m.contains("slow down") || m.contains("slowdown")
                || m.contains("status code: 4") || m.contains("status code: 503");
    }

    /** Whether {@code test} holds for {@code t} or one of its first {@value #MAX_CAUSE_DEPTH} causes. */
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

    /** The throwable's own message in lower case, {@code ""} when it has none. */
    public static String lowerCaseMessage(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
