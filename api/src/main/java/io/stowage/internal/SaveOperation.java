package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.OrphanedObject;
import io.stowage.StowageException;
import io.stowage.internal.AttributeSpec.Role;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.ItemSize;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One save, in the order of the contract: validate (in {@link SavePlan}), place the new
 * objects in parallel at keys no stored item holds ({@link Uploader}), write the item, then
 * delete the objects the new item replaced, where this item owns them.
 *
 * <p>A failure undoes only what is certainly this save's: before the item write, or when the
 * item store definitely refused it ({@link io.stowage.spi.StoreException#isDefinite()}), the
 * placed objects are deleted at once. After an ambiguous failure (a timeout, a lost
 * connection) nothing is deleted: the item is read back consistently, a few times if need
 * be, to say what happened. If the write landed, the objects it held before are reported as
 * {@link OrphanedObject.Kind#PREVIOUS_UNKNOWN}; if it has not landed (it still may: the store
 * can apply a request after the client gave up) or the item cannot be read, this save's
 * objects are reported as {@link OrphanedObject.Kind#UNVERIFIED}. The sweeper decides both
 * after its grace period. The save then fails with the original cause. A write that succeeds
 * but returns this save's own item as the old one was applied twice (a retry after a lost
 * answer): what it held before is reported as {@code PREVIOUS_UNKNOWN} too.
 */
final class SaveOperation<T> {

    private final ItemMapper<T> mapper;
    private final Engine engine;
    private final T model;
    private SavePlan<T> plan;
    private final Map<PendingUpload<T>, StoredS3Value> placed = new LinkedHashMap<>();
    private final Map<String, PendingUpload<T>> uploaded;

    SaveOperation(ItemMapper<T> mapper, Engine engine, T model) {
        this(mapper, engine, model, Map.of());
    }

    /** A save in which the attributes of {@code uploaded} take objects a client already uploaded (a commit). */
    SaveOperation(ItemMapper<T> mapper, Engine engine, T model, Map<String, PendingUpload<T>> uploaded) {
        this.mapper = mapper;
        this.engine = engine;
        this.model = model;
        this.uploaded = uploaded;
    }

    CompletableFuture<Void> run() {
        return Futures.call(() -> {
            plan = SavePlan.prepare(mapper, engine, model, uploaded);
            return placeAll().thenCompose(v -> writeItem());
        });
    }

    private CompletableFuture<Void> placeAll() {
        Uploader uploader = new Uploader(engine);
        List<CompletableFuture<Throwable>> all = new ArrayList<>();
        for (PendingUpload<T> upload : plan.uploads) {
            all.add(Futures.call(() -> uploader.place(upload)).handle((info, failure) -> {
                Throwable cause = failure == null ? null : Futures.unwrap(failure);
                if (cause instanceof Uploader.PlacedThenFailed) {
                    // Recorded as placed so that the undo deletes it.
                    recordPlaced(upload, ((Uploader.PlacedThenFailed) cause).placed());
                    return placementFailed(upload, cause.getCause());
                }
                if (failure != null) {
                    return placementFailed(upload, failure);
                }
                recordPlaced(upload, info);
                return null;
            }).exceptionally(Futures::unwrap));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenCompose(v -> {
            Throwable first = null;
            for (CompletableFuture<Throwable> f : all) {
                Throwable t = f.join();
                if (t != null && first == null) {
                    first = t;
                } else if (t != null) {
                    first.addSuppressed(t);
                }
            }
            return first == null ? CompletableFuture.completedFuture(null) : undoAndFail(first);
        });
    }

    private void recordPlaced(PendingUpload<T> upload, BlobInfo info) {
        synchronized (placed) {
            placed.put(upload, S3ValueCodec.fromUpload(info, upload.request.contentType(), upload.userMetadata(),
                    mapper.access(upload.spec), upload.owner, upload.checksum));
        }
    }

    /**
     * An upload whose answer was lost may have stored its object; no item points at it, and
     * its key is this save's alone, so the sweeper will reclaim it: say so rather than guess.
     */
    private Throwable placementFailed(PendingUpload<T> upload, Throwable failure) {
        Throwable cause = Futures.unwrap(failure);
        String action = upload.isCopy() ? "copy " + upload.source.bucket() + "/" + upload.source.key() + " to" : "upload";
        StowageException mapped = ErrorMapper.blob(cause, action, mapper.table(), upload.spec.name(),
                upload.request.id().bucket(), upload.seedKey());
        if (cause instanceof StoreException && !((StoreException) cause).isDefinite()) {
            engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.UNVERIFIED, mapper.table(), upload.spec.name(),
                    upload.request.id().bucket(), upload.folder(), mapped));
        }
        return mapped;
    }

    private CompletableFuture<Void> writeItem() {
        Map<String, AttributeValue> item;
        try {
            Map<String, AttributeValue> s3 = new LinkedHashMap<>(plan.keptS3);
            placed.forEach((upload, value) -> s3.put(upload.spec.name(), S3ValueCodec.toAttribute(value)));
            item = mapper.toItem(plan.converted, s3);
        } catch (RuntimeException e) {
            // Whatever the cause, the uploads are this save's alone and no item points at them yet.
            return undoAndFail(e instanceof StowageException ? e : new StowageException("Table '" + mapper.table()
                    + "': could not build the item for key " + plan.key + " (" + e + "); the uploads were deleted", e));
        }
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            return undoAndFail(new ModelException("Table '" + mapper.table() + "': the item for key " + plan.key
                    + " is " + size + " bytes, over DynamoDB's limit of " + ItemSize.MAX_ITEM_BYTES
                    + "; move large values into an @S3Attribute"));
        }
        PutItemRequest request = PutItemRequest.builder().table(mapper.table()).item(item).condition(plan.condition()).build();
        return Futures.call(() -> engine.itemStore().put(request))
                .handle((old, failure) -> failure == null
                        ? afterWrite(old.orElse(Map.of()), item)
                        : writeFailed(failure, item))
                .thenCompose(f -> f);
    }

    private CompletableFuture<Void> writeFailed(Throwable failure, Map<String, AttributeValue> item) {
        Throwable raw = Futures.unwrap(failure);
        StowageException mapped = ErrorMapper.item(raw, "save the item " + plan.key, mapper.table());
        // Definite: nothing was applied, not even by an earlier attempt the client retried (a
        // retry that fails the condition an applied first attempt changed is not definite).
        if (raw instanceof StoreException && ((StoreException) raw).isDefinite()) {
            return undoAndFail(mapped);
        }
        // Ambiguous: only the stored item tells whether this save's objects are in use.
        return ItemReadBack.of(engine, mapper.table(), plan.key).handle((stored, readFailure) -> {
            if (readFailure != null) {
                // Without the stored item no one can tell which objects it needs: keep them, say so.
                placed.forEach((upload, value) -> engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.UNVERIFIED,
                        mapper.table(), upload.spec.name(), value.bucket(), value.key(), Futures.unwrap(readFailure))));
                mapped.addSuppressed(Futures.unwrap(readFailure));
                return CompletableFuture.<Void>failedFuture(mapped);
            }
            List<ObjectRef> referenced = referencedBy(stored.orElse(Map.of()));
            boolean landed = stored.isPresent() && (stored.get().equals(item) || !placed.isEmpty()
                    && placed.values().stream().allMatch(value -> referenced.stream().anyMatch(value.ref()::sameContent)));
            if (landed) {
                // The write is in the table: the model holds what a successful save gives it (generated
                // keys, the next version, the files), so that a retry saves this item again, not a second one.
                applyToModel();
            }
            placed.forEach((upload, value) -> {
                // Same key is not enough: the key may have been freed and claimed again since.
                if (referenced.stream().anyMatch(value.ref()::sameContent)) {
                    // The write landed; what the item held before is unknown (its answer was lost).
                    engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.PREVIOUS_UNKNOWN, mapper.table(),
                            upload.spec.name(), value.bucket(), upload.folder(), mapped));
                } else {
                    // Not landed yet is not "never lands": a request the store still holds may be
                    // applied after this read. Deleting now could leave that item without its bytes,
                    // so the object is kept for the sweeper, whose grace period outlasts any such write.
                    engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.UNVERIFIED, mapper.table(),
                            upload.spec.name(), value.bucket(), value.key(), mapped));
                }
            });
            return CompletableFuture.<Void>failedFuture(mapped);
        }).thenCompose(f -> f);
    }

    /**
     * The item is written: update the model, then delete the objects the old item pointed at
     * that the new one does not, where the old item owned them. Failures there are reported
     * as orphans; the save itself has succeeded.
     */
    private CompletableFuture<Void> afterWrite(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
        applyToModel();
        reportIfAppliedTwice(old, item);
        List<ObjectCleaner.Target> replaced = replacedObjects(old, item);
        if (replaced.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return engine.cleanUpAfterSave(mapper.table(), e -> ObjectCleaner.delete(e, mapper.table(), replaced));
    }

    /**
     * A store client that retried a write whose first attempt was applied (its answer lost on
     * the wire) gets this save's own item back as the old one: what the item held before is
     * then unknown, so its folder is reported for the sweeper, as when the answer is lost
     * outright. A committed direct upload is left out: a caller committing it again is not a
     * retry of this write, and the first commit dealt with what it replaced.
     */
    private void reportIfAppliedTwice(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
        placed.forEach((upload, value) -> {
            // The whole entry, not just the key: a key freed and claimed again with the same bytes is no retry.
            AttributeValue written = item.get(upload.spec.name());
            if (upload.uploaded == null && written != null && written.equals(old.get(upload.spec.name()))) {
                StowageException why = new StowageException("Table '" + mapper.table() + "': the item write for " + plan.key
                        + " was applied by an earlier attempt whose answer was lost, so what the item held before is unknown;"
                        + " the sweeper reclaims it");
                engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.PREVIOUS_UNKNOWN, mapper.table(), upload.spec.name(),
                        value.bucket(), upload.folder(), why));
            }
        });
    }

    private List<ObjectCleaner.Target> replacedObjects(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
        List<ObjectRef> stillReferenced = referencedBy(item);
        List<ObjectCleaner.Target> out = new ArrayList<>();
        for (PendingUpload<T> upload : placed.keySet()) {
            ObjectRef before = S3ValueCodec.refOf(old.get(upload.spec.name()));
            if (before != null && stillReferenced.stream().noneMatch(before::sameObject)) {
                out.add(ObjectCleaner.Target.replaced(before, upload.spec.s3().region(), upload.owner, engine.readKeyOf(upload.spec),
                        engine.derivedKeysAreUnshared() && before.bucket().equals(upload.request.id().bucket())
                                && before.key().equals(upload.seedKey())));
            }
        }
        return out;
    }

    private List<ObjectRef> referencedBy(Map<String, AttributeValue> item) {
        List<ObjectRef> refs = new ArrayList<>();
        for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
            ObjectRef ref = S3ValueCodec.refOf(item.get(spec.name()));
            if (ref != null) {
                refs.add(ref);
            }
        }
        return refs;
    }

    private void applyToModel() {
        for (AttributeSpec<T> spec : mapper.schema().attributes()) {
            if (spec.role() == Role.VERSION) {
                spec.set(model, plan.nextVersion);
            } else if (spec.role() != Role.S3) {
                Object value = plan.values.get(spec.name());
                if (value != null && spec.get(model) == null) {
                    spec.set(model, value);
                }
            }
        }
        placed.forEach((upload, value) -> upload.spec.set(model, value));
    }

    /**
     * Deletes what this save placed (no stored item can point at it), then fails with the
     * cause. A client's direct upload is not this save's to delete: an earlier commit of the
     * same upload may have landed (its answer lost) and the item point at it; the sweeper
     * reclaims it if no item does.
     */
    private CompletableFuture<Void> undoAndFail(Throwable cause) {
        List<ObjectCleaner.Target> targets = new ArrayList<>();
        placed.forEach((upload, value) -> {
            if (upload.uploaded == null) {
                targets.add(ObjectCleaner.Target.placed(value.ref(), upload.spec.name(), upload.spec.s3().region()));
            }
        });
        if (!targets.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger("io.stowage").warn("Save into table '{}' failed ({}); deleting the {} object(s) it "
                    + "uploaded, which no item points at", mapper.table(), Telemetry.outcome(cause), targets.size());
        }
        return ObjectCleaner.delete(engine, mapper.table(), targets).thenCompose(failures -> {
            failures.forEach(cause::addSuppressed);
            return CompletableFuture.<Void>failedFuture(cause);
        });
    }
}
