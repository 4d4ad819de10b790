package io.stowage.internal;

import io.stowage.OrphanedObject;
import io.stowage.SweepOptions;
import io.stowage.SweepReport;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.StoreErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sweep of a table's objects: lists each S3 attribute's bucket and prefix page by page,
 * and decides every object older than the grace period from its back-link and a consistent
 * read of the item it names, so memory stays bounded by one page whatever the table's size.
 *
 * <p>It is safe beside running saves: a save uploads before it writes its item, and the
 * grace period keeps such young objects; a save that keeps a stored object writes only if
 * the item still points at it, so an object found unreferenced here is never pointed at
 * again; a delete is pinned to the etag the back-link was read with.
 */
final class SweepOperation<T> {

    private static final int PAGE_SIZE = 1000;

    private final ItemMapper<T> mapper;
    private final Engine engine;
    private final SweepOptions options;
    private final Instant cutoff;
    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong referenced = new AtomicLong();
    private final AtomicLong orphaned = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<OrphanedObject> orphans = new ArrayList<>();
    private final List<OrphanedObject> unlinked = new ArrayList<>();

    private SweepOperation(ItemMapper<T> mapper, Engine engine, SweepOptions options) {
        this.mapper = mapper;
        this.engine = engine;
        this.options = options;
        this.cutoff = engine.clock().instant().minus(options.gracePeriod());
    }

    static <T> CompletableFuture<SweepReport> run(ItemMapper<T> mapper, Engine engine, SweepOptions options) {
        if (options == null) {
            return CompletableFuture.failedFuture(new io.stowage.StowageException(
                    "sweepOrphans(null) on table '" + mapper.table() + "': pass SweepOptions.defaults()"));
        }
        return new SweepOperation<>(mapper, engine, options).sweep();
    }

    private CompletableFuture<SweepReport> sweep() {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Location location : locations()) {
            chain = chain.thenCompose(v -> sweepPage(location, null));
        }
        return chain.thenApply(v -> {
            synchronized (orphans) {
                return new SweepReport(listed.get(), referenced.get(), orphaned.get(), deleted.get(), skipped.get(),
                        failed.get(), orphans, unlinked);
            }
        });
    }

    /**
     * Each bucket and prefix once, though several attributes may share them; a prefix within
     * another's in the same bucket ({@code docs/thumbs/} in {@code docs/}) is not listed
     * again, so that no object is decided, or counted, twice.
     */
    private List<Location> locations() {
        List<Location> all = new ArrayList<>();
        for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
            all.add(new Location(spec.s3().bucket(), spec.s3().region(), spec.s3().prefix() + options.prefix()));
        }
        List<Location> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Location candidate = all.get(i);
            boolean covered = false;
            for (int j = 0; j < all.size() && !covered; j++) {
                Location other = all.get(j);
                // Of two equal prefixes the first is kept; bucket names are global, so the region does not matter.
                covered = j != i && other.bucket.equals(candidate.bucket) && candidate.prefix.startsWith(other.prefix)
                        && (other.prefix.length() < candidate.prefix.length() || j < i);
            }
            if (!covered) {
                out.add(candidate);
            }
        }
        return out;
    }

    private CompletableFuture<Void> sweepPage(Location location, String token) {
        ListBlobsRequest request = ListBlobsRequest.builder().bucket(location.bucket).region(location.region)
                .prefix(location.prefix).continuationToken(token).maxKeys(PAGE_SIZE).build();
        return Futures.call(() -> engine.blobStore().list(request))
                .exceptionally(t -> {
                    throw new java.util.concurrent.CompletionException(ErrorMapper.blob(t, "list", mapper.table(), null,
                            location.bucket, location.prefix));
                })
                // Async: a store that completes at once would otherwise nest one frame per page.
                .thenCompose(page -> decideAll(location, page).thenComposeAsync(v -> page.nextToken().isPresent()
                        ? sweepPage(location, page.nextToken().get())
                        : CompletableFuture.completedFuture(null)));
    }

    /** The page's objects, {@code parallelism} at a time. */
    private CompletableFuture<Void> decideAll(Location location, BlobPage page) {
        List<BlobInfo> blobs = page.blobs();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < blobs.size(); from += options.parallelism()) {
            List<BlobInfo> batch = blobs.subList(from, Math.min(blobs.size(), from + options.parallelism()));
            chain = chain.thenCompose(v -> {
                // A Stowage closed meanwhile (an application shutting down) ends the sweep here, with
                // what was decided kept: its stores may be closed, or the application's to close.
                engine.ensureOpen("go on sweeping table '" + mapper.table() + "' (" + listed.get() + " objects listed so far; "
                        + "sweep again, which decides each object afresh)");
                List<CompletableFuture<Void>> checks = new ArrayList<>();
                for (BlobInfo blob : batch) {
                    checks.add(decide(location, blob).exceptionally(t -> {
                        failed.incrementAndGet();
                        return null;
                    }));
                }
                return CompletableFuture.allOf(checks.toArray(new CompletableFuture<?>[0]));
            });
        }
        return chain;
    }

    /**
     * The object's metadata. An object of an SSE-C attribute can only be headed with its key,
     * and the listing does not say which objects are encrypted: a head refused for want of a
     * key is asked again with the table's key.
     */
    private CompletableFuture<BlobInfo> head(BlobId id) {
        CompletableFuture<BlobInfo> plain = Futures.call(() -> engine.blobStore().head(GetBlobRequest.of(id)));
        boolean customer = mapper.schema().s3Attributes().stream().anyMatch(s -> engine.readKeyOf(s) != null);
        if (!customer) {
            return plain;
        }
        return plain.exceptionallyCompose(failure -> ErrorMapper.hasCode(failure, StoreErrorCode.INVALID_INPUT)
                || ErrorMapper.hasCode(failure, StoreErrorCode.ACCESS_DENIED)
                ? Futures.call(() -> engine.blobStore().head(GetBlobRequest.builder().id(id).encryption(engine.customerKey()).build()))
                : CompletableFuture.failedFuture(failure));
    }

    private CompletableFuture<Void> decide(Location location, BlobInfo blob) {
        listed.incrementAndGet();
        if (blob.lastModified() == null || blob.lastModified().isAfter(cutoff)) {
            skipped.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        BlobId id = BlobId.of(location.bucket, blob.id().key(), location.region);
        return head(id).thenCompose(head -> {
            Optional<ObjectOwner> owner = ObjectOwner.fromMetadata(head.userMetadata());
            if (owner.isEmpty()) {
                skipped.incrementAndGet();
                list(unlinked, OrphanedObject.Kind.NO_BACK_LINK, null, id);
                return CompletableFuture.completedFuture(null);
            }
            Map<String, AttributeValue> key = ownedHere(owner.get()) ? mapper.keyOf(owner.get()) : null;
            if (key == null) {
                skipped.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
            ItemKeyRequest get = ItemKeyRequest.builder().table(mapper.table()).key(key).consistentRead(true).build();
            return Futures.call(() -> engine.itemStore().get(get)).thenCompose(item -> {
                ObjectRef ref = S3ValueCodec.refOf(item.map(i -> i.get(owner.get().attribute())).orElse(null));
                if (ref != null && ref.sameObject(new ObjectRef(id.bucket(), id.key(), null))) {
                    referenced.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }
                if (options.isDryRun()) {
                    orphaned.incrementAndGet();
                    list(orphans, OrphanedObject.Kind.UNREFERENCED, owner.get().attribute(), id);
                    return CompletableFuture.completedFuture(null);
                }
                return deleteIfUnchanged(id, head, owner.get().attribute());
            });
        }).exceptionallyCompose(failure -> {
            if (ErrorMapper.hasCode(failure, StoreErrorCode.OBJECT_NOT_FOUND)) {
                // Deleted since it was listed (a cascade, a replacement, another sweeper): nothing to decide.
                skipped.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    /**
     * Looks once more just before deleting: a key freed by a cleanup and claimed again by a
     * save since the first look holds a young object with another etag, which is kept. The
     * delete is then pinned to the etag where the store can.
     */
    private CompletableFuture<Void> deleteIfUnchanged(BlobId id, BlobInfo first, String attribute) {
        return head(id).thenCompose(again -> {
            boolean same = first.etag().equals(again.etag()) && again.lastModified() != null
                    && !again.lastModified().isAfter(cutoff);
            if (!same) {
                // Possibly a live object at a re-claimed key: neither counted nor listed as an orphan.
                skipped.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
            return delete(id, again, attribute);
        });
    }

    private boolean ownedHere(ObjectOwner owner) {
        return owner.table().equals(mapper.table())
                && mapper.schema().s3Attributes().stream().anyMatch(s -> s.name().equals(owner.attribute()));
    }

    /** Counts the object once: orphaned and deleted, skipped (changed since the look), or failed and still listed. */
    private CompletableFuture<Void> delete(BlobId id, BlobInfo head, String attribute) {
        return engine.deleteObject(ObjectCleaner.pinned(engine, id, head.etag())).handle((ok, failure) -> {
            if (failure == null) {
                engine.placedObjects().freed(id);
                orphaned.incrementAndGet();
                deleted.incrementAndGet();
                list(orphans, OrphanedObject.Kind.UNREFERENCED, attribute, id);
            } else if (ErrorMapper.hasCode(failure, StoreErrorCode.PRECONDITION_FAILED)) {
                skipped.incrementAndGet();
            } else {
                failed.incrementAndGet();
                list(orphans, OrphanedObject.Kind.UNREFERENCED, attribute, id);
            }
            return null;
        });
    }

    private void list(List<OrphanedObject> into, OrphanedObject.Kind kind, String attribute, BlobId id) {
        synchronized (orphans) {
            if (into.size() < options.maxListed()) {
                into.add(new OrphanedObject(kind, mapper.table(), attribute, id.bucket(), id.key(), null));
            }
        }
    }

    private static final class Location {
        final String bucket;
        final String region;
        final String prefix;

        Location(String bucket, String region, String prefix) {
            this.bucket = bucket;
            this.region = region;
            this.prefix = prefix;
        }
    }
}
