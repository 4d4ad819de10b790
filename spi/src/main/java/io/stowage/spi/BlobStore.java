package io.stowage.spi;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
     * Completes with what the store now holds (etag, size, version id, ...).
     */
    CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content);

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
