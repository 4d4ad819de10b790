package io.stowage.tck.decorators;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link BlobStore} that counts the calls made to it, per {@link BlobOp}, before
 * forwarding them. Calls are counted when they are made, whether or not they succeed,
 * so that a test can prove that an operation made no blob-store call at all.
 *
 * <pre>{@code
 * CountingBlobStore counting = new CountingBlobStore(store);
 * documents.syncGet("DOC#1");
 * assertThat(counting.total()).isZero();      // loads read the item store only
 * assertThat(counting.count(BlobOp.PUT)).isZero();
 * }</pre>
 */
public class CountingBlobStore extends ForwardingBlobStore {

    private final OpCounter<BlobOp> counter = new OpCounter<>(BlobOp.class);

    public CountingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** Calls of one kind since creation or the last {@link #reset()}. */
    public long count(BlobOp op) {
        return counter.count(op);
    }

    /** Calls of every kind since creation or the last {@link #reset()}. */
    public long total() {
        return counter.total();
    }

    /** The non-zero counts, by kind. */
    public Map<BlobOp, Long> counts() {
        return counter.snapshot();
    }

    /** Sets every count back to zero. */
    public void reset() {
        counter.reset();
    }

    @Override
    public CompletableFuture<Void> createBucket(String bucket, String region) {
        counter.increment(BlobOp.CREATE_BUCKET);
        return super.createBucket(bucket, region);
    }

    @Override
    public CompletableFuture<Boolean> bucketExists(String bucket, String region) {
        counter.increment(BlobOp.BUCKET_EXISTS);
        return super.bucketExists(bucket, region);
    }

    @Override
    public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
        counter.increment(BlobOp.PUT);
        return super.put(request, content);
    }

    @Override
    public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
        counter.increment(BlobOp.HEAD);
        return super.head(request);
    }

    @Override
    public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        counter.increment(BlobOp.GET_BYTES);
        return super.getBytes(request);
    }

    @Override
    public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        counter.increment(BlobOp.GET_TO_FILE);
        return super.getToFile(request, target);
    }

    @Override
    public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
        counter.increment(BlobOp.GET_STREAM);
        return super.getStream(request);
    }

    @Override
    public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
        counter.increment(BlobOp.PRESIGN_GET);
        return super.presignGet(request, expiry);
    }

    @Override
    public CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry) {
        counter.increment(BlobOp.PRESIGN_PUT);
        return super.presignPut(request, expiry);
    }

    @Override
    public CompletableFuture<Void> delete(DeleteBlobRequest request) {
        counter.increment(BlobOp.DELETE);
        return super.delete(request);
    }

    @Override
    public CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
        counter.increment(BlobOp.DELETE_ALL);
        return super.deleteAll(requests);
    }

    @Override
    public CompletableFuture<BlobPage> list(ListBlobsRequest request) {
        counter.increment(BlobOp.LIST);
        return super.list(request);
    }

    @Override
    public CompletableFuture<BlobInfo> copy(CopyBlobRequest request) {
        counter.increment(BlobOp.COPY);
        return super.copy(request);
    }
}
