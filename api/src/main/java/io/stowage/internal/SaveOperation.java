package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.OrphanedObject;
import io.stowage.StowageException;
import io.stowage.internal.AttributeSpec.Role;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemSize;
import io.stowage.spi.PutItemRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One save, in the order of the contract: validate (in {@link SavePlan}), upload the new
 * files in parallel, write the item, then delete the objects the new item replaced. A
 * failure after an upload deletes what this save uploaded and the stored item does not
 * point at, then fails with the original cause.
 */
final class SaveOperation<T> {

    private final ItemMapper<T> mapper;
    private final Engine engine;
    private final T model;
    private SavePlan<T> plan;
    private final Map<PendingUpload<T>, StoredS3Value> uploaded = new LinkedHashMap<>();

    SaveOperation(ItemMapper<T> mapper, Engine engine, T model) {
        this.mapper = mapper;
        this.engine = engine;
        this.model = model;
    }

    CompletableFuture<Void> run() {
        return Futures.call(() -> {
            plan = SavePlan.prepare(mapper, engine, model);
            return uploadAll().thenCompose(v -> writeItem());
        });
    }

    private CompletableFuture<Void> uploadAll() {
        List<CompletableFuture<Throwable>> all = new ArrayList<>();
        for (PendingUpload<T> upload : plan.uploads) {
            CompletableFuture<BlobInfo> put = Futures.call(() ->
                    engine.blobStore().put(upload.request, upload.file.content()));
            all.add(put.handle((info, failure) -> {
                if (failure != null) {
                    return ErrorMapper.blob(failure, "upload", mapper.table(), upload.spec.name(),
                            upload.request.id().bucket(), upload.request.id().key());
                }
                synchronized (uploaded) {
                    uploaded.put(upload, S3ValueCodec.fromUpload(info, upload.request.contentType(),
                            upload.file.metadata(), mapper.access(upload.spec)));
                }
                return null;
            }));
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
            return first == null ? CompletableFuture.completedFuture(null) : compensateAndFail(first);
        });
    }

    private CompletableFuture<Void> writeItem() {
        Map<String, AttributeValue> s3 = new LinkedHashMap<>(plan.keptS3);
        uploaded.forEach((upload, value) -> s3.put(upload.spec.name(), S3ValueCodec.toAttribute(value)));
        Map<String, AttributeValue> item;
        try {
            item = mapper.toItem(plan.values, s3);
        } catch (StowageException e) {
            return compensateAndFail(e);
        }
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            return compensateAndFail(new ModelException("Table '" + mapper.table() + "': the item for key " + plan.key
                    + " is " + size + " bytes, over DynamoDB's limit of " + ItemSize.MAX_ITEM_BYTES
                    + "; move large values into an @S3Attribute"));
        }
        PutItemRequest request = PutItemRequest.builder().table(mapper.table()).item(item).build();
        return Futures.call(() -> engine.itemStore().put(request))
                .handle((old, failure) -> failure == null
                        ? CompletableFuture.completedFuture(old)
                        : compensateAndFail(ErrorMapper.item(failure, "save the item " + plan.key, mapper.table()))
                                .thenApply(v -> Optional.<Map<String, AttributeValue>>empty()))
                .thenCompose(f -> f)
                .thenCompose(old -> afterWrite(old.orElse(Map.of()), item));
    }

    /**
     * The item is written: update the model, then delete objects the old item pointed at for
     * attributes that now have a new file at another key. Failures there are reported as
     * orphans; the save itself has succeeded.
     */
    private CompletableFuture<Void> afterWrite(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
        applyToModel();
        return ObjectCleaner.delete(engine, mapper.table(), replacedObjects(old, item)).thenApply(failures -> null);
    }

    private List<ObjectCleaner.Target> replacedObjects(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
        List<ObjectRef> stillReferenced = referencedBy(item);
        List<ObjectCleaner.Target> out = new ArrayList<>();
        for (PendingUpload<T> upload : uploaded.keySet()) {
            ObjectRef before = S3ValueCodec.refOf(old.get(upload.spec.name()));
            if (before != null && stillReferenced.stream().noneMatch(before::sameObject)) {
                out.add(new ObjectCleaner.Target(before, upload.spec.name(), upload.spec.s3().region()));
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
            if (spec.role() != Role.S3) {
                Object value = plan.values.get(spec.name());
                if (value != null && spec.get(model) == null) {
                    spec.set(model, value);
                }
            }
        }
        uploaded.forEach((upload, value) -> upload.spec.set(model, value));
    }

    /**
     * Deletes what this save uploaded that the stored item does not point at (read back
     * consistently, since a failed write may still have landed), then fails with the cause.
     */
    private CompletableFuture<Void> compensateAndFail(Throwable cause) {
        if (uploaded.isEmpty()) {
            return CompletableFuture.failedFuture(cause);
        }
        ItemKeyRequest get = ItemKeyRequest.builder().table(mapper.table()).key(plan.key).consistentRead(true).build();
        return Futures.call(() -> engine.itemStore().get(get)).handle((stored, readFailure) -> {
            if (readFailure != null) {
                // Without the stored item we cannot tell which objects it needs: keep them and report.
                for (PendingUpload<T> upload : uploaded.keySet()) {
                    engine.reportOrphan(new OrphanedObject(mapper.table(), upload.spec.name(), upload.ref().bucket(),
                            upload.ref().key(), readFailure));
                }
                cause.addSuppressed(readFailure);
                return CompletableFuture.<List<Throwable>>completedFuture(List.of());
            }
            List<ObjectRef> keep = referencedBy(stored.orElse(Map.of()));
            List<ObjectCleaner.Target> targets = new ArrayList<>();
            for (PendingUpload<T> upload : uploaded.keySet()) {
                if (keep.stream().noneMatch(upload.ref()::sameObject)) {
                    targets.add(new ObjectCleaner.Target(upload.ref(), upload.spec.name(), upload.spec.s3().region()));
                }
            }
            return ObjectCleaner.delete(engine, mapper.table(), targets);
        }).thenCompose(f -> f).thenCompose(failures -> {
            failures.forEach(cause::addSuppressed);
            return CompletableFuture.<Void>failedFuture(cause);
        });
    }
}
