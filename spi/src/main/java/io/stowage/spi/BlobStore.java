package io.stowage.spi;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A blob store, as a provider implements it: one flat, asynchronous interface in the
 * manner of jclouds' {@code BlobStore}. Every method returns a future that completes
 * exceptionally with a {@link StoreException} (never throws); implementations are
 * thread-safe. Operations beyond the core arrive as default methods that refuse with
 * {@link StoreErrorCode#UNSUPPORTED}, so that a provider written against an older SPI
 * keeps compiling and says what it lacks.
 *
 * <pre>{@code
 * try (BlobStore store = provider.create(StoreSettings.defaults())) {
 *     BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of("b", "k")).build(),
 *             BlobContent.fromBytes(data)).join();
 *     byte[] back = store.getBytes(GetBlobRequest.of(info.id())).join();
 * }
 * }</pre>
 */
public interface BlobStore extends AutoCloseable {

    /** What this store can do beyond the core operations. */
    Set<BlobCapability> capabilities();

    /** Creates a bucket; completes normally if it already exists and is owned by the caller. */
    CompletableFuture<Void> createBucket(String bucket, String region);

    /** Whether a bucket exists. */
    CompletableFuture<Boolean> bucketExists(String bucket, String region);

    /**
     * Uploads an object, in parts when it is at least the multipart threshold.
     * Completes with what the store now holds (etag, size, version id, ...). A
     * {@link BlobContent#fromStream stream content} is the store's once given: it is closed
     * when the put completes, also when the store refuses it before reading a byte.
     */
    CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content);

    /**
     * The size from which an upload goes in parts, whose requests carry no whole-object
     * checksum: a {@link PutBlobRequest#checksumCrc32c()} is verified only below it (where the
     * store declares {@link BlobCapability#CHECKSUM_CRC32C}), so callers need not compute one
     * before sending a larger upload. By default {@link Long#MAX_VALUE}: verified at every size.
     */
    default long multipartThreshold() {
        return Long.MAX_VALUE;
    }

    /** The object's metadata, without its bytes; honours if-match and version id. */
    CompletableFuture<BlobInfo> head(GetBlobRequest request);

    /** The object's bytes (or the requested range) in memory. */
    CompletableFuture<byte[]> getBytes(GetBlobRequest request);

    /**
     * Streams the object into {@code target}: first into a temporary file beside it, then
     * renamed, so that a failed download never leaves a partial file at {@code target}.
     */
    CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target);

    /** Opens the object as a stream; the caller closes it. */
    CompletableFuture<InputStream> getStream(GetBlobRequest request);

    /** A URL that GETs the object without credentials until it expires. */
    CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry);

    /**
     * A URL that PUTs the object without credentials until it expires, and the headers the
     * client must send with it. The request's content type and user metadata are part of the
     * signature where the protocol allows (so the client cannot change them); a
     * {@link PutBlobRequest#createOnly() create-only} request lets only the first PUT store
     * the object, where the store can sign that condition; a CRC32C makes the store refuse
     * other bytes, where it checks checksums.
     */
    CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry);

    /**
     * Deletes an object (or one version of it, or only if its etag still matches).
     * Deleting a missing object completes normally, as in S3.
     */
    CompletableFuture<Void> delete(DeleteBlobRequest request);

    /**
     * Deletes many objects, each as {@link #delete} would, and completes with one outcome per
     * request, in the order given: a request that fails (its etag no longer matched, access
     * was denied) fails alone, and the others still happen. A null list or request fails the
     * call before anything is deleted; a request the store cannot do (a version id or If-Match
     * it does not declare) fails with {@code UNSUPPORTED}, either the whole call before any
     * delete (the S3 stores check every request first) or in its own outcome (this default).
     * A store that declares {@link BlobCapability#BATCH_DELETE} sends one request per bucket
     * for up to 1,000 objects; by default each object is deleted on its own, all at once.
     */
    default CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
        return deleteEach(requests, this::delete);
    }

    /**
     * {@link #deleteAll}'s default: {@code delete} for every request, all at once, the
     * outcomes in order; for stores without batches, and decorators that must see each delete.
     *
     * <pre>{@code
     * return BlobStore.deleteEach(requests, this::delete);
     * }</pre>
     */
    static CompletableFuture<List<DeleteOutcome>> deleteEach(List<DeleteBlobRequest> requests,
            Function<DeleteBlobRequest, CompletableFuture<Void>> delete) {
        // Not contains(null): immutable lists throw on it.
        if (requests == null || requests.stream().anyMatch(Objects::isNull)) {
            return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.INVALID_INPUT,
                    "deleteAll needs a list of delete requests, without nulls"));
        }
        List<CompletableFuture<DeleteOutcome>> each = new ArrayList<>(requests.size());
        for (DeleteBlobRequest request : requests) {
            CompletableFuture<Void> deleted;
            try {
                deleted = delete.apply(request);
            } catch (RuntimeException e) {
                deleted = CompletableFuture.failedFuture(e);
            }
            each.add(deleted.handle((ok, failure) -> failure == null ? DeleteOutcome.deleted(request)
                    : DeleteOutcome.failed(request, asStoreException(failure, request))));
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<DeleteOutcome> outcomes = new ArrayList<>(each.size());
            for (CompletableFuture<DeleteOutcome> f : each) {
                outcomes.add(f.join());
            }
            return List.copyOf(outcomes);
        });
    }

    private static StoreException asStoreException(Throwable failure, DeleteBlobRequest request) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof StoreException ? (StoreException) cause
                : StoreException.builder(StoreErrorCode.OTHER, "delete failed: " + cause).cause(cause)
                        .bucket(request.id().bucket()).key(request.id().key()).build();
    }

    /** One page of the objects whose key starts with the request's prefix, in key order. */
    CompletableFuture<BlobPage> list(ListBlobsRequest request);

    /**
     * Copies an object on the server, for stores that declare {@link BlobCapability#COPY}:
     * the source pinned by its etag (and version), the destination with the request's
     * content type and metadata, claimed when {@link PutBlobRequest#createOnly()}.
     * Refused with {@link StoreErrorCode#UNSUPPORTED} by default.
     */
    default CompletableFuture<BlobInfo> copy(CopyBlobRequest request) {
        return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.UNSUPPORTED,
                getClass().getSimpleName() + " does not copy objects on the server (no COPY capability)"));
    }

    /** Releases clients, threads and servers. Idempotent. */
    @Override
    void close();
}
