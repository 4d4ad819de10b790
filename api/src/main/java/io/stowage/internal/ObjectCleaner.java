package io.stowage.internal;

import io.stowage.OrphanedObject;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.spi.StoreErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes objects, in parallel, only where Stowage owns them, and reports every object it
 * could not or would not delete as an {@link OrphanedObject}: nothing is silently lost
 * track of, and nothing another item owns is deleted.
 */
final class ObjectCleaner {

    private ObjectCleaner() {
    }

    /**
     * An object to delete, with the attribute it belonged to (for reports) and the owner its
     * back-link must name; {@code owner} is {@code null} for an object this very save placed.
     */
    static final class Target {
        final ObjectRef ref;
        final String attribute;
        final String region;
        final ObjectOwner owner;
        /** The SSE-C key a head of the object sends, or {@code null}. */
        final ServerSideEncryption readKey;
        /** What this process records of the key once the object is gone (see {@link PlacedObjects}). */
        final Afterwards afterwards;

        private Target(ObjectRef ref, String attribute, String region, ObjectOwner owner, ServerSideEncryption readKey,
                       Afterwards afterwards) {
            this.ref = ref;
            this.attribute = attribute;
            this.region = region;
            this.owner = owner;
            this.readKey = readKey;
            this.afterwards = afterwards;
        }

        /** An object this save placed at a key no one else uses: deleted at the exact version it got. */
        static Target placed(ObjectRef ref, String attribute, String region) {
            return new Target(ref, attribute, region, null, null, Afterwards.FREE_KEY);
        }

        /**
         * An object of an item that was deleted: deleted only if its back-link names
         * {@code owner}; afterwards the item's seed key is free again for this process too.
         */
        static Target ofDeletedItem(ObjectRef ref, String region, ObjectOwner owner, ServerSideEncryption readKey) {
            return new Target(ref, owner.attribute(), region, owner, readKey, Afterwards.FREE_KEY_AND_SEED);
        }

        /**
         * An object a re-save replaced, deleted only if its back-link names {@code owner};
         * {@code atSeedKey}: it was at the attribute's seed key, which this process then keeps
         * as taken, so that the item's later re-saves stay on derived keys.
         */
        static Target replaced(ObjectRef ref, String region, ObjectOwner owner, ServerSideEncryption readKey, boolean atSeedKey) {
            return new Target(ref, owner.attribute(), region, owner, readKey, atSeedKey ? Afterwards.KEEP_TAKEN : Afterwards.FREE_KEY);
        }

        /** Records that the object is gone from its key. */
        void gone(Engine engine) {
            switch (afterwards) {
                case KEEP_TAKEN:
                    engine.placedObjects().taken(id());
                    break;
                case FREE_KEY_AND_SEED:
                    engine.placedObjects().freed(id());
                    if (engine.derivedKeysAreUnshared()) {
                        ObjectKeys.seedOfDerived(ref.key()).ifPresent(seed -> engine.placedObjects().freed(BlobId.of(ref.bucket(), seed)));
                    }
                    break;
                default:
                    engine.placedObjects().freed(id());
            }
        }

        BlobId id() {
            return BlobId.of(ref.bucket(), ref.key(), region);
        }
    }

    /** What this process records of a key once its object is deleted. */
    private enum Afterwards {
        /** No object there any more. */
        FREE_KEY,
        /** A seed key a re-save moved on from: still taken in this process's view. */
        KEEP_TAKEN,
        /** The item is gone: its key and the seed key it derives from are free. */
        FREE_KEY_AND_SEED
    }

    /**
     * The object's metadata, read with the attribute's SSE-C key; an object stored before the
     * attribute's encryption changed (or under no key) is asked again the other way.
     */
    private static CompletableFuture<BlobInfo> head(Engine engine, Target t) {
        ServerSideEncryption other = t.readKey != null ? null : engine.customerKey();
        CompletableFuture<BlobInfo> first = Futures.call(() -> engine.blobStore().head(
                GetBlobRequest.builder().id(t.id()).encryption(t.readKey).build()));
        if (t.readKey == null && other == null) {
            return first;
        }
        return first.exceptionallyCompose(failure -> ErrorMapper.hasCode(failure, StoreErrorCode.INVALID_INPUT)
                || ErrorMapper.hasCode(failure, StoreErrorCode.ACCESS_DENIED)
                ? Futures.call(() -> engine.blobStore().head(GetBlobRequest.builder().id(t.id()).encryption(other).build()))
                : CompletableFuture.failedFuture(failure));
    }

    /** Completes, never exceptionally, with the failures (empty when all were deleted or left to their owner). */
    static CompletableFuture<List<Throwable>> delete(Engine engine, String table, List<Target> targets) {
        List<CompletableFuture<Throwable>> all = new ArrayList<>();
        for (Target t : targets) {
            CompletableFuture<Void> op = t.owner == null ? deletePlaced(engine, table, t) : deleteIfOwned(engine, table, t);
            all.add(op.handle((ok, failure) -> {
                if (failure == null) {
                    return null;
                }
                Throwable mapped = ErrorMapper.blob(failure, "delete", table, t.attribute, t.ref.bucket(), t.ref.key());
                engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.DELETE_FAILED, table, t.attribute, t.ref.bucket(),
                        t.ref.key(), mapped));
                return mapped;
            }));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<Throwable> failures = new ArrayList<>();
            for (CompletableFuture<Throwable> f : all) {
                Throwable t = f.join();
                if (t != null) {
                    failures.add(t);
                }
            }
            return failures;
        });
    }

    /**
     * Reads the back-link first: an object gone already is fine, one that names another item
     * (a shared or hand-made value, another model's key) is kept and reported as
     * {@link OrphanedObject.Kind#NOT_OWNED}. The delete is pinned to the etag that was read
     * where the store can, so an object replaced in between is not deleted either. An object
     * this process placed at a derived key for the same owner, with the etag the item
     * recorded, needs no look: no one else names that key (see {@link PlacedObjects}).
     */
    private static CompletableFuture<Void> deleteIfOwned(Engine engine, String table, Target t) {
        if (engine.placedObjects().placedFor(t.id(), t.owner, t.ref.etag())) {
            return deleteUnlessReplaced(engine, table, t, pinned(engine, t.id(), t.ref.etag()));
        }
        return head(engine, t)
                .handle((info, failure) -> {
                    if (failure != null) {
                        if (ErrorMapper.hasCode(failure, StoreErrorCode.OBJECT_NOT_FOUND)) {
                            t.gone(engine);
                            return CompletableFuture.<Void>completedFuture(null);
                        }
                        return CompletableFuture.<Void>failedFuture(Futures.unwrap(failure));
                    }
                    Optional<ObjectOwner> named = ObjectOwner.fromMetadata(info.userMetadata());
                    // Another etag at the key is not the object the item recorded (the key was
                    // freed and claimed again, or changed by another tool): not this delete's to make.
                    boolean recorded = t.ref.etag() == null || t.ref.etag().equals(info.etag());
                    if (!named.isPresent() || !named.get().equals(t.owner) || !recorded) {
                        engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.NOT_OWNED, table, t.attribute, t.ref.bucket(),
                                t.ref.key(), null));
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return pinnedDelete(engine, table, t, info);
                })
                .thenCompose(f -> f);
    }

    /**
     * This save's own object: deleted at its version where there is one, else pinned to its
     * etag where the store can, so that a key freed and claimed again meanwhile is left alone.
     */
    private static CompletableFuture<Void> deletePlaced(Engine engine, String table, Target t) {
        DeleteBlobRequest request = t.ref.versionId() != null
                ? DeleteBlobRequest.builder().id(t.id()).versionId(t.ref.versionId()).build()
                : pinned(engine, t.id(), t.ref.etag());
        return deleteUnlessReplaced(engine, table, t, request);
    }

    /** A delete of the object with {@code etag}, pinned to it where the store can (If-Match). */
    static DeleteBlobRequest pinned(Engine engine, BlobId id, String etag) {
        DeleteBlobRequest.Builder delete = DeleteBlobRequest.builder().id(id);
        if (etag != null && engine.blobStore().capabilities().contains(BlobCapability.CONDITIONAL_DELETE)) {
            delete.ifMatch(etag);
        }
        return delete.build();
    }

    private static CompletableFuture<Void> pinnedDelete(Engine engine, String table, Target t, BlobInfo info) {
        return deleteUnlessReplaced(engine, table, t, pinned(engine, t.id(), info.etag()));
    }

    /**
     * Sends the delete; one refused because the object was replaced since it was read or
     * recorded (412) leaves the new object alone and reports the key as not owned.
     */
    private static CompletableFuture<Void> deleteUnlessReplaced(Engine engine, String table, Target t, DeleteBlobRequest request) {
        return engine.deleteObject(request)
                .thenRun(() -> t.gone(engine))
                .exceptionallyCompose(failure -> {
                    if (!ErrorMapper.hasCode(failure, StoreErrorCode.PRECONDITION_FAILED)) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.NOT_OWNED, table, t.attribute, t.ref.bucket(),
                            t.ref.key(), Futures.unwrap(failure)));
                    return CompletableFuture.completedFuture(null);
                });
    }
}
