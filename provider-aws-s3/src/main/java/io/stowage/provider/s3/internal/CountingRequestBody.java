package io.stowage.provider.s3.internal;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * A request body that tells {@code progress} the bytes handed to the HTTP client so far: the
 * progress of a single PutObject, which has no transfer events of its own. A retry subscribes
 * again and counts from zero.
 *
 * <pre>{@code
 * AsyncRequestBody body = CountingRequestBody.wrap(AsyncRequestBody.fromFile(path), sent -> bar.update(sent));
 * }</pre>
 */
final class CountingRequestBody implements AsyncRequestBody {

    private final AsyncRequestBody delegate;
    private final LongConsumer progress;

    private CountingRequestBody(AsyncRequestBody delegate, LongConsumer progress) {
        this.delegate = delegate;
        this.progress = progress;
    }

    /** {@code body} itself when there is no one to tell. */
    static AsyncRequestBody wrap(AsyncRequestBody body, LongConsumer progress) {
        return progress == null ? body : new CountingRequestBody(body, progress);
    }

    @Override
    public Optional<Long> contentLength() {
        return delegate.contentLength();
    }

    @Override
    public String contentType() {
        return delegate.contentType();
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        AtomicLong sent = new AtomicLong();
        delegate.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                long now = sent.addAndGet(buffer.remaining());
                subscriber.onNext(buffer);
                try {
                    progress.accept(now);
                } catch (RuntimeException ignored) {
                    // A progress report never breaks the transfer it reports.
                }
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
