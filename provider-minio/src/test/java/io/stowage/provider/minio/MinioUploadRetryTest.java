package io.stowage.provider.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.testbackends.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single PUTs the server asks to have sent again (429, 5xx): an array or a file is sent again
 * by the store's retry rules, a stream is not (it was read once); a create-only PUT refused by
 * its own object after an answer that may have come after it was applied (a 500) is not a
 * definite refusal. The answers are made by an interceptor in front of s3proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinioUploadRetryTest {

    private final FirstAnswers answers = new FirstAnswers();
    private final String bucket = S3ProxyServer.uniqueBucketName("minio-retry");
    private MinioBlobStore store;

    @BeforeAll
    void start() {
        StoreSettings settings = S3ProxyServer.shared().settings().toBuilder().maxRetries(2).build();
        store = MinioBlobStore.builder()
                .settings(settings)
                .capabilities(S3ProxyMinio.S3PROXY_CAPABILITIES)
                .environment(name -> null)
                .systemProperties(name -> null)
                .httpInterceptor(answers)
                .build();
        store.createBucket(bucket, null).join();
    }

    @AfterAll
    void close() {
        store.close();
    }

    @BeforeEach
    void reset() {
        answers.puts.set(0);
        answers.clear();
    }

    @Test
    void aThrottledPutOfAnArrayIsSentAgainAndStoresTheBytes() {
        byte[] data = "sent twice, stored once".getBytes(StandardCharsets.UTF_8);
        BlobId id = BlobId.of(bucket, "retry/array.bin");
        answers.next(503, "SlowDown", false);
        store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(data)).join();
        assertThat(answers.puts).as("PUTs sent").hasValue(2);
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(data);
    }

    @Test
    void aPutOfAFileAnsweredWithA500IsSentAgain(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f.txt"), "a file read twice");
        BlobId id = BlobId.of(bucket, "retry/file.txt");
        answers.next(500, "InternalError", false);
        store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromPath(file)).join();
        assertThat(answers.puts).as("PUTs sent").hasValue(2);
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aThrottledPutOfAStreamIsNotSentAgain() {
        byte[] data = "read once".getBytes(StandardCharsets.UTF_8);
        BlobId id = BlobId.of(bucket, "retry/stream.bin");
        answers.next(503, "SlowDown", false);
        Throwable failure = catchThrowable(() -> store.put(PutBlobRequest.builder().id(id).build(),
                BlobContent.fromStream(new ByteArrayInputStream(data), data.length)).join());
        assertThat(answers.puts).as("PUTs sent").hasValue(1);
        assertThat(failure).isInstanceOf(CompletionException.class);
        assertThat(((StoreException) failure.getCause()).code()).isEqualTo(StoreErrorCode.THROTTLED);
    }

    @Test
    void aClaimRefusedByItsOwnObjectAfterA500IsNotADefiniteRefusal() {
        byte[] data = "applied, then answered 500".getBytes(StandardCharsets.UTF_8);
        BlobId id = BlobId.of(bucket, "retry/claimed.bin");
        answers.next(500, "InternalError", true);
        Throwable failure = catchThrowable(() -> store.put(PutBlobRequest.builder().id(id).createOnly(true).build(),
                BlobContent.fromBytes(data)).join());
        assertThat(answers.puts).as("PUTs sent").hasValue(2);
        assertThat(failure).isInstanceOf(CompletionException.class);
        StoreException refused = (StoreException) failure.getCause();
        assertThat(refused.code()).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertThat(refused.isDefinite()).as("refused after an attempt that may have been applied: %s", refused).isFalse();
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).as("the first attempt's object").isEqualTo(data);
    }

    @Test
    void afterAnAttemptThatMayHaveBeenAppliedNoFailureIsDefinite() {
        BlobId id = BlobId.of(bucket, "retry/throttled-after-500.bin");
        answers.next(500, "InternalError", true);
        answers.next(503, "SlowDown", false);
        answers.next(503, "SlowDown", false);
        Throwable failure = catchThrowable(() -> store.put(PutBlobRequest.builder().id(id).createOnly(true).build(),
                BlobContent.fromBytes(new byte[] {1, 2, 3})).join());
        assertThat(answers.puts).as("PUTs sent: the first and two retries").hasValue(3);
        StoreException last = (StoreException) failure.getCause();
        assertThat(last.code()).isEqualTo(StoreErrorCode.THROTTLED);
        assertThat(last.isDefinite()).as("the first attempt may have stored the object: %s", last).isFalse();
    }

    @Test
    void aStoreClosedWhileAnUploadWaitsToBeSentAgainFailsTheUploadInsteadOfLeavingItHanging() throws Exception {
        FirstAnswers own = new FirstAnswers();
        MinioBlobStore closing = MinioBlobStore.builder()
                .settings(S3ProxyServer.shared().settings().toBuilder().maxRetries(2).build())
                .capabilities(S3ProxyMinio.S3PROXY_CAPABILITIES)
                .environment(name -> null)
                .systemProperties(name -> null)
                .httpInterceptor(own)
                .build();
        own.next(503, "SlowDown", false);
        java.util.concurrent.CompletableFuture<?> put = closing.put(PutBlobRequest.builder().id(BlobId.of(bucket,
                "retry/closed.bin")).build(), BlobContent.fromBytes(new byte[] {1}));
        assertThat(own.answered.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first PUT answered").isTrue();
        closing.close();
        Throwable failure = catchThrowable(() -> put.get(10, java.util.concurrent.TimeUnit.SECONDS));
        // Failed, whether the close stopped the answer or the retry: not a TimeoutException, which would mean hanging.
        assertThat(failure).as("the upload that waited to be sent again").isInstanceOf(java.util.concurrent.ExecutionException.class);
        assertThat(own.puts).as("PUTs sent").hasValue(1);
    }

    /** Answers the next PUTs itself, as planned, after passing each on to the server or not; later ones pass. */
    private static final class FirstAnswers implements Interceptor {
        final AtomicInteger puts = new AtomicInteger();
        final java.util.concurrent.Semaphore answered = new java.util.concurrent.Semaphore(0);
        private final java.util.Queue<Planned> planned = new java.util.concurrent.ConcurrentLinkedQueue<>();

        /** An answer to make: its status and S3 error code, after passing the PUT on to the server or not. */
        private record Planned(int status, String code, boolean passedOn) {
        }

        void next(int answer, String errorCode, boolean passedOn) {
            planned.add(new Planned(answer, errorCode, passedOn));
        }

        void clear() {
            planned.clear();
            answered.drainPermits();
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            if (!"PUT".equals(request.method()) || !request.url().encodedPath().contains("/retry/")) {
                return chain.proceed(request);
            }
            puts.incrementAndGet();
            Planned plan = planned.poll();
            if (plan == null) {
                return chain.proceed(request);
            }
            if (plan.passedOn()) {
                chain.proceed(request).close();
            }
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + plan.code() + "</Code><Message>injected"
                    + "</Message><RequestId>test</RequestId></Error>";
            Response made = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(plan.status())
                    .message(plan.code()).header("Content-Type", "application/xml")
                    .body(ResponseBody.create(xml, MediaType.get("application/xml"))).build();
            answered.release();
            return made;
        }
    }
}
