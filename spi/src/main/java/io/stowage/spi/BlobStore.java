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
 * thread-safe.
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

    /** A URL that PUTs the object (with that content type) without credentials until it expires. */
    CompletableFuture<URI> presignPut(PutBlobRequest request, Duration expiry);

    /**
     * Deletes an object (or one version of it). Deleting a missing object completes
     * normally, as in S3.
     */
    CompletableFuture<Void> delete(BlobId id, String versionId);

    /** One page of the objects whose key starts with {@code prefix}, in key order. */
    CompletableFuture<BlobPage> list(String bucket, String region, String prefix, String continuationToken, int maxKeys);

    /** Releases clients, threads and servers. Idempotent. */
    @Override
    void close();
}
