package io.stowage.internal;

import io.stowage.StoreCall;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.BlobStore;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PresignedPut;
import io.stowage.spi.PutBlobRequest;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The blob store as the engine uses it: every call is timed and reported to
 * {@link Telemetry} with its bucket, key, bytes and outcome. A presigned URL is never
 * reported, only that one was made.
 *
 * <pre>{@code
 * BlobStore observed = new ObservedBlobStore(store, telemetry, 0);
 * }</pre>
 */
final class ObservedBlobStore implements BlobStore {

    private static final ToLongFunction<Object> UNKNOWN = r -> -1;

    private final BlobStore delegate;
    private final Telemetry telemetry;
    private final String provider;
    private final long operationId;

    /** Reports calls as made by operation {@code operationId} (0: outside any operation). */
    ObservedBlobStore(BlobStore delegate, Telemetry telemetry, long operationId) {
        this.delegate = delegate;
        this.telemetry = telemetry;
        this.operationId = operationId;
        this.provider = delegate.getClass().getSimpleName();
    }

    @Override
    public Set<BlobCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public long multipartThreshold() {
        return delegate.multipartThreshold();
    }

    @Override
    public CompletableFuture<Void> createBucket(String bucket, String region) {
        return observe("createBucket", bucket, null, () -> delegate.createBucket(bucket, region), UNKNOWN);
    }

    @Override
    public CompletableFuture<Boolean> bucketExists(String bucket, String region) {
        return observe("bucketExists", bucket, null, () -> delegate.bucketExists(bucket, region), UNKNOWN);
    }

    @Override
    public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
        return observe("put", request.id().bucket(), request.id().key(), () -> delegate.put(request, content), BlobInfo::size);
    }

    @Override
    public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
        return observe("head", request.id().bucket(), request.id().key(), () -> delegate.head(request), UNKNOWN);
    }

    @Override
    public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        return observe("getBytes", request.id().bucket(), request.id().key(), () -> delegate.getBytes(request), b -> b.length);
    }

    @Override
    public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        return observe("getToFile", request.id().bucket(), request.id().key(), () -> delegate.getToFile(request, target),
                BlobInfo::size);
    }

    @Override
    public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
        return observe("getStream", request.id().bucket(), request.id().key(), () -> delegate.getStream(request), UNKNOWN);
    }

    @Override
    public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
        return observe("presignGet", request.id().bucket(), request.id().key(), () -> delegate.presignGet(request, expiry), UNKNOWN);
    }

    @Override
    public CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry) {
        return observe("presignPut", request.id().bucket(), request.id().key(), () -> delegate.presignPut(request, expiry), UNKNOWN);
    }

    @Override
    public CompletableFuture<Void> delete(DeleteBlobRequest request) {
        return observe("delete", request.id().bucket(), request.id().key(), () -> delegate.delete(request), UNKNOWN);
    }

    @Override
    public CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
        String bucket = requests == null || requests.isEmpty() || requests.get(0) == null ? null : requests.get(0).id().bucket();
        return observe("deleteAll", bucket, null, () -> delegate.deleteAll(requests), UNKNOWN);
    }

    @Override
    public CompletableFuture<BlobPage> list(ListBlobsRequest request) {
        return observe("list", request.bucket(), null, () -> delegate.list(request), UNKNOWN);
    }

    @Override
    public CompletableFuture<BlobInfo> copy(CopyBlobRequest request) {
        return observe("copy", request.destination().id().bucket(), request.destination().id().key(), () -> delegate.copy(request),
                BlobInfo::size);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private <R> CompletableFuture<R> observe(String operation, String bucket, String key, Supplier<CompletableFuture<R>> call,
                                             ToLongFunction<? super R> bytes) {
        return telemetry.observe(operationId, StoreCall.Store.BLOB, operation, provider, bucket, key, call, bytes);
    }
}
