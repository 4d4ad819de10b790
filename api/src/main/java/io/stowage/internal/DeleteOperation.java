package io.stowage.internal;

import io.stowage.S3AttributeException;
import io.stowage.StowageException;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemKeyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A delete in the order of the contract: the item first (the store returns what it
 * deleted, which is the truth about its objects), then those objects, where the item
 * owns them (their back-link names it); objects another item owns are kept and reported. Objects that
 * cannot be deleted fail the delete with their bucket and key, and are reported as
 * orphans.
 */
final class DeleteOperation {

    private DeleteOperation() {
    }

    static <T> CompletableFuture<Optional<T>> run(ItemMapper<T> mapper, Engine engine, Map<String, AttributeValue> key) {
        return run(mapper, engine, key, null);
    }

    /** As {@link #run(ItemMapper, Engine, Map)}, deleting only if the stored item satisfies {@code condition}. */
    static <T> CompletableFuture<Optional<T>> run(ItemMapper<T> mapper, Engine engine, Map<String, AttributeValue> key,
                                                  ItemCondition condition) {
        ItemKeyRequest request = ItemKeyRequest.builder().table(mapper.table()).key(key).condition(condition).build();
        return Futures.call(() -> engine.itemStore().delete(request))
                .exceptionally(t -> {
                    throw new java.util.concurrent.CompletionException(ErrorMapper.item(t, "delete the item " + key, mapper.table()));
                })
                .thenCompose(old -> {
                    if (old.isEmpty()) {
                        return CompletableFuture.completedFuture(Optional.<T>empty());
                    }
                    List<ObjectCleaner.Target> targets = new ArrayList<>();
                    for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
                        ObjectRef ref = S3ValueCodec.refOf(old.get().get(spec.name()));
                        if (ref != null) {
                            targets.add(ObjectCleaner.Target.ofDeletedItem(ref, spec.s3().region(), mapper.owner(key, spec.name()),
                                    engine.readKeyOf(spec)));
                        }
                    }
                    return ObjectCleaner.delete(engine, mapper.table(), targets).thenApply(failures -> {
                        if (!failures.isEmpty()) {
                            throw new java.util.concurrent.CompletionException(orphaned(mapper.table(), key, failures));
                        }
                        return Optional.of(mapper.fromItem(old.get()));
                    });
                });
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
