package io.stowage.internal;

import io.stowage.OrphanedObject;
import io.stowage.S3AttributeException;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import java.util.concurrent.CompletableFuture;

/**
 * Places one object of a save without ever overwriting another: the key rule of
 * {@link io.stowage.KeyLayout#derivedKey}. Where the blob store claims keys atomically
 * ({@link BlobCapability#CREATE_ONLY}), a file goes to the layout's seed key if that is free
 * and to a derived key if it is taken; elsewhere, and for copies (which cannot claim), it
 * goes to a derived key with a fresh random token at once.
 */
final class Uploader {

    /** Claims of derived keys lost in a row before giving up; each token is random, so one loss is already rare. */
    private static final int MAX_CLAIMS = 3;
    /**
     * From this size a replayable file looks (HEAD) before it claims its key: below it, a
     * refused claim costs less than the extra round trip of every save; above it, a refused
     * claim would have sent the whole file (multipart uploads are refused only at completion).
     */
    static final long LOOK_FIRST_BYTES = 8L << 20;

    private final Engine engine;

    Uploader(Engine engine) {
        this.engine = engine;
    }

    /** Completes with the placed object; its id names the key it landed at. */
    CompletableFuture<BlobInfo> place(PendingUpload<?> upload) {
        BlobStore store = engine.blobStore();
        if (upload.uploaded != null) {
            // A direct upload the commit has checked: already at its own key.
            return CompletableFuture.completedFuture(upload.uploaded);
        }
        boolean claims = store.capabilities().contains(BlobCapability.CREATE_ONLY);
        if (upload.isCopy()) {
            return copy(upload, at(upload, derivedKey(upload), false));
        }
        if (!claims) {
            return put(upload, at(upload, derivedKey(upload), false));
        }
        boolean replayable = PendingFile.isReplayable(upload.file);
        if (engine.placedObjects().isTaken(upload.request.id())) {
            // This process placed an object at the seed key and has not deleted it: a claim would be refused.
            return replayable ? claim(upload, at(upload, derivedKey(upload), true), 1) : put(upload, at(upload, derivedKey(upload), true));
        }
        if (replayable && upload.file.size() < LOOK_FIRST_BYTES) {
            return claim(upload, upload.request.toBuilder().createOnly(true).build(), 1);
        }
        // A stream is read once, so it is not risked on a taken key; a large file would be sent
        // whole before a taken key refused it (at CompleteMultipartUpload): look first, then claim.
        GetBlobRequest look = GetBlobRequest.builder().id(upload.request.id()).encryption(upload.request.encryption()
                .filter(e -> e.mode() == ServerSideEncryption.Mode.CUSTOMER).orElse(null)).build();
        CompletableFuture<PutBlobRequest> where = Futures.call(() -> store.head(look))
                .handle((info, failure) -> {
                    // Found, or refused because the object there has another encryption or SSE-C key: taken.
                    if (failure == null || ErrorMapper.hasCode(failure, StoreErrorCode.INVALID_INPUT)
                            || ErrorMapper.hasCode(failure, StoreErrorCode.ACCESS_DENIED)) {
                        return at(upload, derivedKey(upload), true);
                    }
                    if (ErrorMapper.hasCode(failure, StoreErrorCode.OBJECT_NOT_FOUND)) {
                        return upload.request.toBuilder().createOnly(true).build();
                    }
                    throw new java.util.concurrent.CompletionException(Futures.unwrap(failure));
                });
        if (replayable) {
            // Claimed after a look; another save may still take the key in between, and the file can be sent again.
            return where.thenCompose(request -> claim(upload, request, 1));
        }
        return where.thenCompose(request -> put(upload, request))
                .exceptionallyCompose(failure -> {
                    if (ErrorMapper.hasCode(failure, StoreErrorCode.PRECONDITION_FAILED)) {
                        return CompletableFuture.failedFuture(new S3AttributeException(S3AttributeException.Reason.CONTENT_CHANGED,
                                "Could not upload s3://" + upload.request.id().bucket() + "/" + upload.seedKey() + " (attribute '"
                                        + upload.spec.name() + "'): another save claimed the key at the same moment, and the "
                                        + "file is a stream that was read once; save again, or give the file as bytes or a path",
                                upload.request.id().bucket(), upload.seedKey(), upload.spec.name(), Futures.unwrap(failure)));
                    }
                    return CompletableFuture.failedFuture(failure);
                });
    }

    private CompletableFuture<BlobInfo> claim(PendingUpload<?> upload, PutBlobRequest request, int attempt) {
        return put(upload, request).exceptionallyCompose(failure -> {
            if (ErrorMapper.hasCode(failure, StoreErrorCode.PRECONDITION_FAILED) && attempt <= MAX_CLAIMS) {
                if (request.id().key().equals(upload.seedKey())) {
                    engine.placedObjects().taken(request.id());
                }
                Throwable refusal = Futures.unwrap(failure);
                if (refusal instanceof StoreException && !((StoreException) refusal).isDefinite()) {
                    // Refused after an attempt that may have been applied (the client sent it again): perhaps by
                    // this save's own object, which no item will name. Reported for the sweeper, which decides.
                    engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.UNVERIFIED, upload.owner.table(),
                            upload.spec.name(), request.id().bucket(), request.id().key(), refusal));
                }
                return claim(upload, at(upload, derivedKey(upload), true), attempt + 1);
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private CompletableFuture<BlobInfo> put(PendingUpload<?> upload, PutBlobRequest request) {
        return Futures.call(() -> PendingFile.contentOf(upload.file, engine.rawBlobStore().multipartThreshold())).thenCompose(content ->
                Futures.call(() -> send(upload, request, content)).whenComplete((info, failure) -> {
                    if (failure != null) {
                        content.abandon();
                    }
                }).thenCompose(info -> {
                    recordPlaced(upload, request.id(), info);
                    return content.checksumOfSent().handle((checksum, failure) -> {
                        if (failure != null) {
                            // Placed, but what it holds cannot be described: the save deletes it and fails.
                            throw new PlacedThenFailed(info, Futures.unwrap(failure));
                        }
                        requireEtag(upload, info);
                        upload.checksum = checksum;
                        ProgressReporter progress = upload.progress();
                        if (progress != null) {
                            progress.completed(info.size());
                        }
                        return info;
                    });
                }));
    }

    /** Sends the content: with its checksum where it is known beforehand and the store verifies it. */
    private CompletableFuture<BlobInfo> send(PendingUpload<?> upload, PutBlobRequest request, PendingFile.UploadContent content) {
        boolean verified = content.knownChecksum() != null
                && engine.blobStore().capabilities().contains(BlobCapability.CHECKSUM_CRC32C);
        PutBlobRequest.Builder sent = request.toBuilder();
        if (verified) {
            sent.checksumCrc32c(Crc32c.base64(content.knownChecksum()));
        }
        sent.progress(upload.progress());
        return engine.blobStore().put(sent.build(), content.content());
    }

    /**
     * Every read of the object is pinned to its etag, so one placed without an etag (a store
     * that answered with none and could not be asked) cannot be described in the item: the
     * save deletes it and fails, naming what to check.
     */
    private static void requireEtag(PendingUpload<?> upload, BlobInfo info) {
        if (info.etag() == null || info.etag().isEmpty()) {
            BlobId at = info.id() != null ? info.id() : upload.request.id();
            throw new PlacedThenFailed(info, new S3AttributeException(S3AttributeException.Reason.OTHER, "Could not describe s3://"
                    + at.bucket() + "/" + at.key() + " (attribute '" + upload.spec.name() + "'): the store's answer to the "
                    + "upload named no etag, and every read is pinned to one; the object is deleted. Check that the server "
                    + "returns ETag headers and that the credentials may read objects (a HEAD asks for the etag), then save again",
                    at.bucket(), at.key(), upload.spec.name(), null));
        }
    }

    /**
     * An object was placed, then its placement failed (the file it was read from could not
     * be checksummed, or changed while it was read): the save must delete the object, as one
     * it placed, before it fails.
     */
    static final class PlacedThenFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient BlobInfo placed;

        PlacedThenFailed(BlobInfo placed, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.placed = placed;
        }

        BlobInfo placed() {
            return placed;
        }
    }

    /**
     * A server-side copy where the store has it; otherwise the bytes are streamed through,
     * never held whole. The source is pinned to the etag and version the item recorded.
     */
    private CompletableFuture<BlobInfo> copy(PendingUpload<?> upload, PutBlobRequest destination) {
        BlobStore store = engine.blobStore();
        GetBlobRequest source = upload.source.checkedRead();
        if (store.capabilities().contains(BlobCapability.COPY)) {
            // The server copies the bytes the source's checksum describes (the source is pinned by If-Match).
            return Futures.call(() -> store.copy(CopyBlobRequest.builder().source(source).destination(destination).build()))
                    .thenApply(info -> {
                        recordPlaced(upload, destination.id(), info);
                        requireEtag(upload, info);
                        upload.checksum = upload.source.checksum().orElse(null);
                        return info;
                    });
        }
        return Futures.call(() -> store.getStream(source))
                .thenCompose(stream -> {
                    // Checked against the source's recorded checksum as it flows: corrupt source bytes fail the copy.
                    Crc32c.Counting counting = Crc32c.counting(upload.source.verifying(stream), upload.source.size());
                    return Futures.call(() -> store.put(destination, BlobContent.fromStream(counting, upload.source.size())))
                            .thenApply(info -> {
                                recordPlaced(upload, destination.id(), info);
                                requireEtag(upload, info);
                                upload.checksum = counting.checksum();
                                return info;
                            })
                            .whenComplete((info, failure) -> closeQuietly(stream));
                });
    }

    /** The seed key is taken now; an object at a derived key is this save's alone, where the layout keeps such keys unshared. */
    private void recordPlaced(PendingUpload<?> upload, BlobId at, BlobInfo info) {
        if (at.key().equals(upload.seedKey()) || !engine.derivedKeysAreUnshared()) {
            engine.placedObjects().taken(at);
        } else {
            engine.placedObjects().placedAtDerivedKey(at, upload.owner, info.etag());
        }
    }

    private String derivedKey(PendingUpload<?> upload) {
        return engine.keyLayout().derivedKey(upload.seedKey(), ObjectKeys.token());
    }

    private static PutBlobRequest at(PendingUpload<?> upload, String key, boolean createOnly) {
        BlobId seed = upload.request.id();
        return upload.request.toBuilder().id(BlobId.of(seed.bucket(), key, seed.region().orElse(null)))
                .createOnly(createOnly).build();
    }

    private static void closeQuietly(java.io.InputStream stream) {
        try {
            stream.close();
        } catch (java.io.IOException ignored) {
            // The copy has finished or failed already; a close failure changes neither.
        }
    }
}
