package io.stowage.tck.decorators;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
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

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link BlobStore} that forwards every call to another; subclasses override the calls
 * they want to observe or change. Closing it closes the delegate, because a decorator
 * owns the store it wraps.
 *
 * <pre>{@code
 * BlobStore noDeletes = new ForwardingBlobStore(store) {
 *     public CompletableFuture<Void> delete(DeleteBlobRequest request) {
 *         return CompletableFuture.completedFuture(null);
 *     }
 * };
 * }</pre>
 */
public class ForwardingBlobStore implements BlobStore {

    private final BlobStore delegate;

    public ForwardingBlobStore(BlobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped store. */
    protected BlobStore delegate() {
        return delegate;
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
        return delegate.createBucket(bucket, region);
    }

    @Override
    public CompletableFuture<Boolean> bucketExists(String bucket, String region) {
        return delegate.bucketExists(bucket, region);
    }

    @Override
    public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
        return delegate.put(request, content);
    }

    @Override
    public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
        return delegate.head(request);
    }

    @Override
    public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        return delegate.getBytes(request);
    }

    @Override
    public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        return delegate.getToFile(request, target);
    }

    @Override
    public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
        return delegate.getStream(request);
    }

    @Override
    public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
        return delegate.presignGet(request, expiry);
    }

    @Override
    public CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry) {
        return delegate.presignPut(request, expiry);
    }

    @Override
    public CompletableFuture<Void> delete(DeleteBlobRequest request) {
        return delegate.delete(request);
    }

    /**
     * Forwarded as one call, so that the delegate's batches stay batches; a decorator that
     * changes {@link #delete} must override this too (with {@code BlobStore.deleteEach(requests,
     * this::delete)} to route each object through it).
     */
    @Override
    public CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
        return delegate.deleteAll(requests);
    }

    @Override
    public CompletableFuture<BlobPage> list(ListBlobsRequest request) {
        return delegate.list(request);
    }

    @Override
    public CompletableFuture<BlobInfo> copy(CopyBlobRequest request) {
        return delegate.copy(request);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + delegate + ")";
    }
}
