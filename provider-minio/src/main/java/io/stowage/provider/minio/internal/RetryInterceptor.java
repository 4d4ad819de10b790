package io.stowage.provider.minio.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries reads whose connection broke, and what S3 servers ask to be retried ({@code 429}, {@code 500}, {@code 502},
 * {@code 503} as in {@code SlowDown}, {@code 504}) up to the configured number of times,
 * with jittered exponential back-off, as the AWS SDK's standard retry mode does. The
 * MinIO client has no retry policy of its own.
 *
 * <p>Only requests without a body are retried here (reads, heads, deletes, lists): they are
 * idempotent and nothing has to be sent again. An upload's body may be a one-shot stream
 * the client cannot replay; {@link MinioUploads} sends again, by the same rules
 * ({@link #askedToRetry}, {@link #mayRetry}, {@link #pauseMillis}), the single PUTs whose
 * bytes it can read again (an array, a file). No retry starts once the call's time budget
 * (the API-call timeout) would be spent, so retries never stretch a call far beyond it.
 *
 * <pre>{@code
 * new OkHttpClient.Builder().addInterceptor(new RetryInterceptor(3, Duration.ofMinutes(5))).build();
 * }</pre>
 */
public final class RetryInterceptor implements Interceptor {

    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final long BASE_DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 2_000;

    private final int maxRetries;
    private final long budgetNanos;

    /**
     * @param maxRetries retries after the first attempt; 0 turns retrying off
     * @param budget     the time after the first attempt starts beyond which no retry begins
     */
    public RetryInterceptor(int maxRetries, Duration budget) {
        this.maxRetries = Math.max(0, maxRetries);
        this.budgetNanos = budget.toNanos();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.body() != null) {
            return chain.proceed(request);
        }
        long start = System.nanoTime();
        for (int retry = 1; ; retry++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException broken) {
                // A connection that broke (reset, refused, closed early) is retried for reads only:
                // a DELETE may have been applied before the answer was lost, and repeating it
                // could remove an object another save has claimed at the same key since.
                long pause = pauseMillis(retry);
                if (!isRead(request) || !isTransient(broken) || chain.call().isCanceled() || !mayRetry(retry, start, pause)) {
                    throw broken;
                }
                sleep(pause);
                continue;
            }
            long pause = pauseMillis(retry);
            if (!askedToRetry(response.code()) || !mayRetry(retry, start, pause)) {
                return response;
            }
            response.close();
            sleep(pause);
        }
    }

    private static boolean isRead(Request request) {
        return "GET".equals(request.method()) || "HEAD".equals(request.method());
    }

    /** A broken connection or a timeout may pass; a name that does not resolve or a refused certificate will not. */
    private static boolean isTransient(IOException e) {
        return !(e instanceof java.net.UnknownHostException || e instanceof javax.net.ssl.SSLException
                || e instanceof java.net.ProtocolException);
    }

    /** Whether the server's answer with this HTTP status asks to be asked again. */
    public static boolean askedToRetry(int status) {
        return RETRYABLE.contains(status);
    }

    /**
     * Whether retry number {@code retry} of a call begun at {@code start} ({@link System#nanoTime})
     * may start after a pause of {@code pauseMillis}: within the count and the call's time budget.
     */
    public boolean mayRetry(int retry, long start, long pauseMillis) {
        return retry <= maxRetries && System.nanoTime() - start + pauseMillis * 1_000_000L <= budgetNanos;
    }

    /** The jittered pause before retry number {@code retry}. */
    public static long pauseMillis(int retry) {
        long ceiling = Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << Math.min(retry, 10));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
