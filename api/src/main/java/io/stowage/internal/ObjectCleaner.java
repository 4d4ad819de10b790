package io.stowage.internal;

import io.stowage.OrphanedObject;
import io.stowage.spi.BlobId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes objects an item no longer points at, in parallel, and reports every object it
 * could not delete as an {@link OrphanedObject}: nothing is silently lost track of.
 */
final class ObjectCleaner {

    private ObjectCleaner() {
    }

    /** A reference to delete, with the attribute it belonged to (for reports). */
    static final class Target {
        final ObjectRef ref;
        final String attribute;
        final String region;

        Target(ObjectRef ref, String attribute, String region) {
            this.ref = ref;
            this.attribute = attribute;
            this.region = region;
        }
    }

    /** Completes, never exceptionally, with the failures (empty when all were deleted). */
    static CompletableFuture<List<Throwable>> delete(Engine engine, String table, List<Target> targets) {
        List<CompletableFuture<Throwable>> all = new ArrayList<>();
        for (Target t : targets) {
            CompletableFuture<Void> op = Futures.call(() ->
                    engine.blobStore().delete(BlobId.of(t.ref.bucket(), t.ref.key(), t.region), null));
            all.add(op.handle((ok, failure) -> {
                if (failure == null) {
                    return null;
                }
                Throwable mapped = ErrorMapper.blob(failure, "delete", table, t.attribute, t.ref.bucket(), t.ref.key());
                engine.reportOrphan(new OrphanedObject(table, t.attribute, t.ref.bucket(), t.ref.key(), mapped));
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
}
