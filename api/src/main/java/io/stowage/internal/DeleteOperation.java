package io.stowage.internal;

import io.stowage.ItemStoreException;
import io.stowage.KeyContext;
import io.stowage.OrphanedObject;
import io.stowage.S3AttributeException;
import io.stowage.StowageException;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A delete in the order of the contract: the item first (the store returns what it
 * deleted, which is the truth about its objects), then those objects, where the item
 * owns them (their back-link names it); objects another item owns are kept and reported. Objects that
 * cannot be deleted fail the delete with their bucket and key, and are reported as
 * orphans.
 *
 * <p>An item delete whose answer is lost leaves that truth unknown: the store may have deleted
 * the item, or may still. Nothing is sent again (see {@code ItemStore.delete}); instead each
 * attribute's folder is reported as {@link OrphanedObject.Kind#PREVIOUS_UNKNOWN} for the
 * sweeper, and the item is read back. Still there, the delete fails, saying so. Gone, the
 * delete has done what it was asked: the objects of the model it was given, where this item
 * owns them, are deleted now rather than left to the sweeper, and it completes empty, since
 * what it deleted is unknown.
 */
final class DeleteOperation<T> {

    /** The file name the layout is asked about to find an item's folder, which a filename does not change. */
    private static final String ANY_FILENAME = "file";

    private final ItemMapper<T> mapper;
    private final Engine engine;
    private final Map<String, AttributeValue> key;
    private final ItemCondition condition;
    /** The model a delete of a model was given; {@code null} for a delete by key. */
    private final T model;

    private DeleteOperation(ItemMapper<T> mapper, Engine engine, Map<String, AttributeValue> key, ItemCondition condition,
                            T model) {
        this.mapper = mapper;
        this.engine = engine;
        this.key = key;
        this.condition = condition;
        this.model = model;
    }

    /** Deletes the item at {@code key}, whatever it holds. */
    static <T> CompletableFuture<Optional<T>> byKey(ItemMapper<T> mapper, Engine engine, Map<String, AttributeValue> key) {
        return new DeleteOperation<>(mapper, engine, key, null, null).run();
    }

    /**
     * Deletes the item at {@code model}'s key, only if the stored item satisfies {@code condition}
     * ({@code null}: always).
     */
    static <T> CompletableFuture<Optional<T>> ofModel(ItemMapper<T> mapper, Engine engine, Map<String, AttributeValue> key,
                                                      ItemCondition condition, T model) {
        return new DeleteOperation<>(mapper, engine, key, condition, model).run();
    }

    private CompletableFuture<Optional<T>> run() {
        ItemKeyRequest request = ItemKeyRequest.builder().table(mapper.table()).key(key).condition(condition).build();
        return Futures.call(() -> engine.itemStore().delete(request))
                .handle((old, failure) -> failure == null ? deleted(old) : deleteFailed(failure))
                .thenCompose(f -> f);
    }

    private CompletableFuture<Optional<T>> deleted(Optional<Map<String, AttributeValue>> old) {
        if (old.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<ObjectCleaner.Target> targets = new ArrayList<>();
        for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
            addTarget(targets, spec, S3ValueCodec.refOf(old.get().get(spec.name())));
        }
        return deleteObjects(targets).thenApply(v -> Optional.of(mapper.fromItem(old.get())));
    }

    private CompletableFuture<Optional<T>> deleteFailed(Throwable failure) {
        Throwable raw = Futures.unwrap(failure);
        StowageException mapped = ErrorMapper.item(raw, "delete the item " + key, mapper.table());
        if (raw instanceof StoreException && ((StoreException) raw).isDefinite()) {
            return CompletableFuture.failedFuture(mapped);
        }
        // Reported whatever the read-back shows: a delete the store still holds may be applied after it.
        reportFolders(mapped);
        return ItemReadBack.of(engine, mapper.table(), key).handle((stored, readFailure) -> {
            if (readFailure != null) {
                StowageException unknown = withNote(mapped, raw, "the item could not be read back, so whether it was deleted "
                        + "is unknown: read it, and delete it again if it is still there");
                unknown.addSuppressed(Futures.unwrap(readFailure));
                return CompletableFuture.<Optional<T>>failedFuture(unknown);
            }
            if (stored.isPresent()) {
                return CompletableFuture.<Optional<T>>failedFuture(withNote(mapped, raw, "read back, the item is still there: "
                        + "the delete was not applied, or the item was written again since; delete it again if it should go"));
            }
            return deleteObjects(modelTargets()).thenApply(v -> Optional.<T>empty());
        }).thenCompose(f -> f);
    }

    /** The objects the model's stored values name; deleted only where this item owns them, so a stale model is safe. */
    private List<ObjectCleaner.Target> modelTargets() {
        List<ObjectCleaner.Target> targets = new ArrayList<>();
        if (model != null) {
            for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
                Object value = spec.get(model);
                addTarget(targets, spec, value instanceof StoredS3Value ? ((StoredS3Value) value).ref() : null);
            }
        }
        return targets;
    }

    private void addTarget(List<ObjectCleaner.Target> targets, AttributeSpec<T> spec, ObjectRef ref) {
        if (ref != null) {
            targets.add(ObjectCleaner.Target.ofDeletedItem(ref, spec.s3().region(), mapper.owner(key, spec.name()),
                    engine.readKeyOf(spec)));
        }
    }

    /** Deletes {@code targets}; fails, naming each object left behind, if any could not be deleted. */
    private CompletableFuture<Void> deleteObjects(List<ObjectCleaner.Target> targets) {
        if (targets.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return ObjectCleaner.delete(engine, mapper.table(), targets).thenApply(failures -> {
            if (!failures.isEmpty()) {
                throw new CompletionException(orphaned(mapper.table(), key, failures));
            }
            return null;
        });
    }

    /** Each attribute's folder for this item, where the objects an item deleted unseen may remain. */
    private void reportFolders(StowageException why) {
        for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
            engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.PREVIOUS_UNKNOWN, mapper.table(), spec.name(),
                    spec.s3().bucket(), folderOf(spec), why));
        }
    }

    private String folderOf(AttributeSpec<T> spec) {
        ObjectOwner owner = mapper.owner(key, spec.name());
        try {
            String seed = engine.keyLayout().objectKey(KeyContext.builder().table(mapper.table()).attribute(spec.name())
                    .bucket(spec.s3().bucket()).prefix(spec.s3().prefix()).partitionKey(owner.partitionKey())
                    .sortKey(owner.sortKey().orElse(null)).filename(ANY_FILENAME).build());
            if (seed != null) {
                return ObjectKeys.folderOf(seed);
            }
        } catch (RuntimeException e) {
            // A layout that fails here failed the item's saves too; the attribute's prefix still holds its objects.
        }
        return spec.s3().prefix();
    }

    /** {@code mapped} with what the read-back found; its folders were reported for the sweeper. */
    private StowageException withNote(StowageException mapped, Throwable raw, String note) {
        if (!(mapped instanceof ItemStoreException)) {
            return mapped;
        }
        return new ItemStoreException(((ItemStoreException) mapped).reason(), mapped.getMessage() + "; " + note
                + " (the item's folders were reported to the OrphanListener, for table.sweepOrphans())", mapper.table(), raw);
    }

    private static StowageException orphaned(String table, Map<String, AttributeValue> key, List<Throwable> failures) {
        Throwable first = failures.get(0);
        S3AttributeException cause = first instanceof S3AttributeException ? (S3AttributeException) first : null;
        StringBuilder message = new StringBuilder("The item ").append(key).append(" was deleted from table '").append(table)
                .append("', but ").append(failures.size()).append(" of its objects could not be deleted and remain: ");
        for (Throwable t : failures) {
            message.append(t.getMessage()).append("; ");
        }
        message.append("no item points at them any more: table.sweepOrphans() reclaims them, or delete them by hand");
        S3AttributeException e = new S3AttributeException(cause == null ? S3AttributeException.Reason.OTHER : cause.reason(),
                message.toString(), cause == null ? null : cause.bucket().orElse(null),
                cause == null ? null : cause.key().orElse(null), cause == null ? null : cause.attribute().orElse(null), first);
        failures.stream().skip(1).forEach(e::addSuppressed);
        return e;
    }
}
