package io.stowage.internal;

import io.stowage.ConditionFailedException;
import io.stowage.ItemStoreException;
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
 * delete has done what it was asked, and completes empty, since what it deleted is unknown.
 * The objects are then the sweeper's: the objects a caller's model names may be stale, and
 * once deleted by someone else, their key may hold another save's object with the same bytes,
 * owner and etag, which no check here could tell apart.
 */
final class DeleteOperation<T> {

    private final ItemMapper<T> mapper;
    private final Engine engine;
    private final Map<String, AttributeValue> key;
    private final ItemCondition condition;

    private DeleteOperation(ItemMapper<T> mapper, Engine engine, Map<String, AttributeValue> key, ItemCondition condition) {
        this.mapper = mapper;
        this.engine = engine;
        this.key = key;
        this.condition = condition;
    }

    /** Deletes the item at {@code key}, only if the stored item satisfies {@code condition} ({@code null}: always). */
    static <T> CompletableFuture<Optional<T>> run(ItemMapper<T> mapper, Engine engine, Map<String, AttributeValue> key,
                                                  ItemCondition condition) {
        return new DeleteOperation<>(mapper, engine, key, condition).run();
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
            ObjectRef ref = S3ValueCodec.refOf(old.get().get(spec.name()));
            if (ref != null) {
                targets.add(ObjectCleaner.Target.ofDeletedItem(ref, spec.s3().region(), mapper.owner(key, spec.name()),
                        engine.readKeyOf(spec)));
            }
        }
        if (targets.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of(mapper.fromItem(old.get())));
        }
        return ObjectCleaner.delete(engine, mapper.table(), targets).thenApply(failures -> {
            if (!failures.isEmpty()) {
                throw new CompletionException(orphaned(mapper.table(), key, failures));
            }
            return Optional.of(mapper.fromItem(old.get()));
        });
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
                        + "the delete was not applied, or the item was written again since; delete it again if it should go "
                        + "(a versioned model: reload it first)"));
            }
            return CompletableFuture.completedFuture(Optional.<T>empty());
        }).thenCompose(f -> f);
    }

    /** Each attribute's folder for this item, where the objects an item deleted unseen may remain. */
    private void reportFolders(StowageException why) {
        for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
            engine.reportOrphan(new OrphanedObject(OrphanedObject.Kind.PREVIOUS_UNKNOWN, mapper.table(), spec.name(),
                    spec.s3().bucket(), folderOf(spec), why));
        }
    }

    /**
     * The folder the layout puts the item's objects of {@code spec} in: asked about two file
     * names, since a custom layout may put the name in the folder; the attribute's prefix when
     * the answers differ, name no folder, or the layout fails.
     */
    private String folderOf(AttributeSpec<T> spec) {
        try {
            ObjectOwner owner = mapper.owner(key, spec.name());
            String pk = owner.partitionKey();
            String sk = owner.sortKey().orElse(null);
            String one = SavePlan.layoutKey(engine, mapper.table(), spec, pk, sk, "a.bin");
            String other = SavePlan.layoutKey(engine, mapper.table(), spec, pk, sk, "b.txt");
            if (one != null && other != null && !ObjectKeys.folderOf(one).isEmpty()
                    && ObjectKeys.folderOf(one).equals(ObjectKeys.folderOf(other))) {
                return ObjectKeys.folderOf(one);
            }
        } catch (RuntimeException e) {
            // A layout that fails here failed the item's saves too; the attribute's prefix still holds its objects.
        }
        return spec.s3().prefix();
    }

    /** {@code mapped}, of the same type, with what the read-back found; its folders were reported for the sweeper. */
    private StowageException withNote(StowageException mapped, Throwable raw, String note) {
        String message = mapped.getMessage() + "; " + note
                + " (the item's folders were reported to the OrphanListener, for table.sweepOrphans())";
        if (mapped instanceof ConditionFailedException) {
            return new ConditionFailedException(message, mapper.table(), raw);
        }
        ItemStoreException.Reason reason = mapped instanceof ItemStoreException
                ? ((ItemStoreException) mapped).reason() : ItemStoreException.Reason.OTHER;
        return new ItemStoreException(reason, message, mapper.table(), raw);
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
