package io.stowage.tck.decorators;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.BlobStore;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PresignedPut;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link BlobStore} that fails or hangs chosen calls and forwards the others, recording
 * every call it receives. Use it to test partial failures: an upload that fails halfway
 * through a save, a delete that is refused, a read that never answers.
 *
 * <p>Rules are tried in the order they were added; the first that matches a call decides.
 * A failed call never reaches the wrapped store. A hung call gets a future that completes
 * only when this store is closed (exceptionally), so tests should bound it with
 * {@code orTimeout} or the API's own timeout.
 *
 * <pre>{@code
 * FaultyBlobStore faulty = FaultyBlobStore.builder(store)
 *         .failNth(BlobOp.PUT, 2, StoreErrorCode.ACCESS_DENIED)   // the second upload fails
 *         .hangAlways(BlobOp.GET_BYTES)
 *         .build();
 * assertThat(faulty.calls()).extracting(RecordedCall::op).contains(BlobOp.DELETE);
 * }</pre>
 */
public final class FaultyBlobStore extends ForwardingBlobStore {

    private final FaultPlan<BlobOp> plan;

    private FaultyBlobStore(BlobStore delegate, FaultPlan<BlobOp> plan) {
        super(delegate);
        this.plan = plan;
    }

    /** Starts a faulty store over {@code delegate}; with no rules it forwards everything. */
    public static Builder builder(BlobStore delegate) {
        return new Builder(delegate);
    }

    /** Every call received so far, in order. */
    public List<RecordedCall<BlobOp>> calls() {
        return plan.calls();
    }

    /** How many calls of one kind were received (failed and hung ones included). */
    public long count(BlobOp op) {
        return plan.count(op);
    }

    /** How many calls are hanging now. */
    public int hangingCount() {
        return plan.hangingCount();
    }

    @Override
    public CompletableFuture<Void> createBucket(String bucket, String region) {
        return plan.call(BlobOp.CREATE_BUCKET, bucket, e -> e.withBucket(bucket), () -> super.createBucket(bucket, region));
    }

    @Override
    public CompletableFuture<Boolean> bucketExists(String bucket, String region) {
        return plan.call(BlobOp.BUCKET_EXISTS, bucket, e -> e.withBucket(bucket), () -> super.bucketExists(bucket, region));
    }

    @Override
    public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
        CompletableFuture<BlobInfo> result = plan.call(BlobOp.PUT, target(request.id()), e -> enrich(e, request.id()),
                () -> super.put(request, content));
        if (result.isCompletedExceptionally() && content.kind() == BlobContent.Kind.STREAM) {
            closeQuietly(content);
        }
        return result;
    }

    @Override
    public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
        return plan.call(BlobOp.HEAD, target(request.id()), e -> enrich(e, request.id()), () -> super.head(request));
    }

    @Override
    public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        return plan.call(BlobOp.GET_BYTES, target(request.id()), e -> enrich(e, request.id()), () -> super.getBytes(request));
    }

    @Override
    public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        return plan.call(BlobOp.GET_TO_FILE, target(request.id()), e -> enrich(e, request.id()),
                () -> super.getToFile(request, target));
    }

    @Override
    public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
        return plan.call(BlobOp.GET_STREAM, target(request.id()), e -> enrich(e, request.id()), () -> super.getStream(request));
    }

    @Override
    public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
        return plan.call(BlobOp.PRESIGN_GET, target(request.id()), e -> enrich(e, request.id()),
                () -> super.presignGet(request, expiry));
    }

    @Override
    public CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry) {
        return plan.call(BlobOp.PRESIGN_PUT, target(request.id()), e -> enrich(e, request.id()),
                () -> super.presignPut(request, expiry));
    }

    @Override
    public CompletableFuture<Void> delete(DeleteBlobRequest request) {
        return plan.call(BlobOp.DELETE, target(request.id()), e -> enrich(e, request.id()), () -> super.delete(request));
    }

    /** Each object through {@link #delete}, so that the planned delete faults hit batches too. */
    @Override
    public CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
        return BlobStore.deleteEach(requests, this::delete);
    }

    @Override
    public CompletableFuture<BlobPage> list(ListBlobsRequest request) {
        return plan.call(BlobOp.LIST, request.bucket() + "/" + request.prefix() + "*", e -> e.withBucket(request.bucket()),
                () -> super.list(request));
    }

    @Override
    public CompletableFuture<BlobInfo> copy(CopyBlobRequest request) {
        BlobId to = request.destination().id();
        return plan.call(BlobOp.COPY, target(to), e -> enrich(e, to), () -> super.copy(request));
    }

    /** Releases hung calls (they fail with {@link StoreErrorCode#OTHER}), then closes the wrapped store. */
    @Override
    public void close() {
        plan.releaseHanging();
        super.close();
    }

    private static String target(BlobId id) {
        return id.bucket() + "/" + id.key();
    }

    private static StoreException enrich(StoreException e, BlobId id) {
        return e.withBucket(id.bucket()).withKey(id.key());
    }

    /** The store contract says a stream is closed by the store; an injected failure is the store's answer. */
    private static void closeQuietly(BlobContent content) {
        try {
            content.openStream().close();
        } catch (IOException ignored) {
            // The stream belongs to the caller's test; failing to close it changes nothing here.
        }
    }

    /**
     * Collects the fault rules of a {@link FaultyBlobStore}. The first matching rule
     * wins, so a rule for the {@code n}th call must come before an "always" rule for the
     * same operation, or it never fires.
     *
     * <pre>{@code
     * FaultyBlobStore faulty = FaultyBlobStore.builder(blobStore)
     *         .hangNth(BlobOp.DELETE, 1)                               // the first delete never answers
     *         .failAlways(BlobOp.DELETE, StoreErrorCode.ACCESS_DENIED) // the later ones are refused
     *         .failNth(BlobOp.PUT, 2, new StoreException(StoreErrorCode.TIMEOUT, "injected"))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final BlobStore delegate;
        private final FaultPlan.Builder<BlobOp> plan = new FaultPlan.Builder<>(BlobOp.class);

        private Builder(BlobStore delegate) {
            this.delegate = delegate;
        }

        /** Fails the {@code n}th call of {@code op} (from 1) with a {@link StoreException} of that code. */
        public Builder failNth(BlobOp op, int n, StoreErrorCode code) {
            plan.fail(op, positive(n), code);
            return this;
        }

        /** Fails the {@code n}th call of {@code op} (from 1) with exactly {@code error}. */
        public Builder failNth(BlobOp op, int n, Throwable error) {
            plan.fail(op, positive(n), error);
            return this;
        }

        /** Fails every call of {@code op} with a {@link StoreException} of that code. */
        public Builder failAlways(BlobOp op, StoreErrorCode code) {
            plan.fail(op, 0, code);
            return this;
        }

        /** Fails every call of {@code op} with exactly {@code error}. */
        public Builder failAlways(BlobOp op, Throwable error) {
            plan.fail(op, 0, error);
            return this;
        }

        /** Makes the {@code n}th call of {@code op} (from 1) hang. */
        public Builder hangNth(BlobOp op, int n) {
            plan.hang(op, positive(n));
            return this;
        }

        /** Makes every call of {@code op} hang. */
        public Builder hangAlways(BlobOp op) {
            plan.hang(op, 0);
            return this;
        }

        public FaultyBlobStore build() {
            return new FaultyBlobStore(delegate, plan.build());
        }

        static int positive(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("n counts calls from 1, was " + n);
            }
            return n;
        }
    }
}
