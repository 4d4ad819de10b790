package io.stowage.provider.minio.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries what S3 servers ask to be retried ({@code 429}, {@code 500}, {@code 502},
 * {@code 503} as in {@code SlowDown}, {@code 504}) up to the configured number of times,
 * with jittered exponential back-off, as the AWS SDK's standard retry mode does. The
 * MinIO client has no retry policy of its own.
 *
 * <p>Only requests without a body are retried (reads, heads, deletes, lists): they are
 * idempotent and nothing has to be sent again. An upload's body may be a one-shot stream
 * the client cannot replay, so a throttled upload fails with {@code THROTTLED} and the
 * caller decides.
 *
 * <pre>{@code
 * new OkHttpClient.Builder().addInterceptor(new RetryInterceptor(3)).build();
 * }</pre>
 */
public final class RetryInterceptor implements Interceptor {

    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final long BASE_DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 2_000;

    private final int maxRetries;

    /** @param maxRetries retries after the first attempt; 0 turns retrying off */
    public RetryInterceptor(int maxRetries) {
        this.maxRetries = Math.max(0, maxRetries);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response = chain.proceed(request);
        if (request.body() != null) {
            return response;
        }
        for (int retry = 1; retry <= maxRetries && RETRYABLE.contains(response.code()); retry++) {
            response.close();
            pause(retry);
            response = chain.proceed(request);
        }
        return response;
    }

    private static void pause(int retry) throws InterruptedIOException {
        long ceiling = Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << Math.min(retry, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
