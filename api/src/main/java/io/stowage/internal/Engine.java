package io.stowage.internal;

import io.stowage.StowageException;
import io.stowage.KeyLayout;
import io.stowage.OrphanListener;
import io.stowage.OperationEvent;
import io.stowage.OrphanedObject;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobStore;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.ItemStore;
import io.stowage.spi.ServerSideEncryption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What every table of one {@code Stowage} shares: the two stores and the behaviour settings.
 * Internal, not API: public only because {@code Stowage.Builder} in {@code io.stowage}
 * creates it.
 *
 * <pre>{@code
 * Engine engine = new Engine(blobs, items, KeyLayout.defaultLayout(), orphan -> { }, true, Clock.systemUTC());
 * }</pre>
 */
public final class Engine {

    /**
     * What the store must offer for deletes to wait for a batch: only pinned deletes wait, as
     * an unpinned one that waited would widen the gap between the look at the object and its
     * delete, in which the key may be claimed again.
     */
    private static final Set<BlobCapability> BATCHED_DELETES_NEED = Set.of(BlobCapability.BATCH_DELETE,
            BlobCapability.CONDITIONAL_DELETE);

    private final BlobStore rawBlobStore;
    private final ItemStore rawItemStore;
    private final BlobStore blobStore;
    private final ItemStore itemStore;
    private final Telemetry telemetry;
    private final KeyLayout keyLayout;
    private final OrphanListener orphanListener;
    private final boolean consistentReads;
    private final Clock clock;
    private final AtomicBoolean closed;
    private final ServerSideEncryption customerKey;
    private final PlacedObjects placedObjects;
    private final boolean cleanupInBackground;
    /** Clean-ups of replaced objects still running after their saves completed; shared by every operation's view. */
    private final BackgroundCleanups backgroundCleanups;
    /** Batches the deletes of operations nobody waits for; shared by every operation's view. */
    private final DeleteBatcher deleteBatcher;
    /** Whether this view's deletes go through {@link #deleteBatcher}: a background clean-up's or a sweep's, on a store that batches. */
    private final boolean batchesDeletes;

    public Engine(BlobStore blobStore, ItemStore itemStore, KeyLayout keyLayout, OrphanListener orphanListener,
                  boolean consistentReads, Clock clock) {
        this(blobStore, itemStore, keyLayout, orphanListener, consistentReads, clock, new Telemetry(List.of()));
    }

    /** An engine whose store calls and operations are reported to {@code telemetry}. */
    public Engine(BlobStore blobStore, ItemStore itemStore, KeyLayout keyLayout, OrphanListener orphanListener,
                  boolean consistentReads, Clock clock, Telemetry telemetry) {
        this(blobStore, itemStore, keyLayout, orphanListener, consistentReads, clock, telemetry, null, false);
    }

    /**
     * As above, with the SSE-C key of {@code Sse.CUSTOMER} attributes ({@code null}: none
     * configured), and whether saves leave the deletion of replaced objects running after them.
     */
    public Engine(BlobStore blobStore, ItemStore itemStore, KeyLayout keyLayout, OrphanListener orphanListener,
                  boolean consistentReads, Clock clock, Telemetry telemetry, ServerSideEncryption customerKey,
                  boolean cleanupInBackground) {
        this.customerKey = customerKey;
        this.rawBlobStore = blobStore;
        this.rawItemStore = itemStore;
        this.telemetry = telemetry;
        this.blobStore = new ObservedBlobStore(blobStore, telemetry, 0);
        this.itemStore = new ObservedItemStore(itemStore, telemetry, 0);
        this.keyLayout = keyLayout;
        this.orphanListener = orphanListener;
        this.consistentReads = consistentReads;
        this.clock = clock;
        this.closed = new AtomicBoolean();
        this.placedObjects = new PlacedObjects();
        this.cleanupInBackground = cleanupInBackground;
        this.backgroundCleanups = new BackgroundCleanups();
        this.deleteBatcher = new DeleteBatcher();
        this.batchesDeletes = false;
    }

    /** The engine as one operation sees it: the same stores, whose calls are reported as that operation's. */
    private Engine(Engine shared, long operationId, OperationEvent.Kind kind) {
        this.rawBlobStore = shared.rawBlobStore;
        this.rawItemStore = shared.rawItemStore;
        this.telemetry = shared.telemetry;
        this.blobStore = new ObservedBlobStore(shared.rawBlobStore, shared.telemetry, operationId);
        this.itemStore = new ObservedItemStore(shared.rawItemStore, shared.telemetry, operationId);
        this.keyLayout = shared.keyLayout;
        this.orphanListener = shared.orphanListener;
        this.consistentReads = shared.consistentReads;
        this.clock = shared.clock;
        this.closed = shared.closed;
        this.customerKey = shared.customerKey;
        this.placedObjects = shared.placedObjects;
        this.cleanupInBackground = shared.cleanupInBackground;
        this.backgroundCleanups = shared.backgroundCleanups;
        this.deleteBatcher = shared.deleteBatcher;
        this.batchesDeletes = (kind == OperationEvent.Kind.CLEANUP || kind == OperationEvent.Kind.SWEEP)
                && shared.rawBlobStore.capabilities().containsAll(BATCHED_DELETES_NEED);
    }

    /**
     * How the objects of {@code spec} are encrypted on upload; {@code null} for the bucket's
     * default. Refused, before anything is written, when the blob store cannot do it or no
     * SSE-C key is configured.
     */
    ServerSideEncryption encryptionOf(AttributeSpec<?> spec, String where) {
        ServerSideEncryption sse;
        switch (spec.s3().sse()) {
            case S3:
                sse = ServerSideEncryption.s3();
                break;
            case KMS:
                sse = ServerSideEncryption.kms(spec.s3().kmsKeyId());
                break;
            case CUSTOMER:
                if (customerKey == null) {
                    throw new io.stowage.ModelException(where + " is encrypted with a customer key (sse = Sse.CUSTOMER), "
                            + "but none is configured; set StowageConfig.builder().sseCustomerKey(key) or stowage.sseCustomerKey");
                }
                sse = customerKey;
                break;
            case NONE:
            default:
                return null;
        }
        if (!blobStore.capabilities().contains(sse.capability())) {
            throw new io.stowage.S3AttributeException(io.stowage.S3AttributeException.Reason.INVALID_INPUT, where + ": the blob "
                    + "store (" + rawBlobStore + ") cannot encrypt with " + sse.modeName() + " (it lacks " + sse.capability()
                    + "); remove the sse option, or choose a provider that declares it", spec.s3().bucket(), null, spec.name(), null);
        }
        return sse;
    }

    /** The configured SSE-C key, or {@code null}. */
    ServerSideEncryption customerKey() {
        return customerKey;
    }

    /** The key a read of {@code spec}'s objects must send: the SSE-C key, or {@code null}. */
    ServerSideEncryption readKeyOf(AttributeSpec<?> spec) {
        return spec.s3() != null && spec.s3().sse() == io.stowage.annotations.Sse.CUSTOMER ? customerKey : null;
    }

    /**
     * Runs one operation and reports it: {@code body} gets the engine to use, whose store
     * calls carry the operation's id, so that a trace shows them as the operation's children.
     */
    public <T> CompletableFuture<T> run(OperationEvent.Kind kind, String table, Function<Engine, CompletableFuture<T>> body) {
        return telemetry.time(kind, table, id -> body.apply(new Engine(this, id, kind)));
    }

    /** The blob store as the application gave it (calls through it are not reported). */
    public BlobStore rawBlobStore() {
        return rawBlobStore;
    }

    /** The item store as the application gave it (calls through it are not reported). */
    public ItemStore rawItemStore() {
        return rawItemStore;
    }

    /** Where store calls and operations are reported. */
    public Telemetry telemetry() {
        return telemetry;
    }

    /** The blob store every operation uses: calls through it are reported. */
    public BlobStore blobStore() {
        return blobStore;
    }

    /**
     * Deletes an object as {@link BlobStore#delete} does; a background clean-up's or a
     * sweep's delete may wait for the batch of its bucket in flight and go with the next
     * ({@link DeleteBatcher}), where no caller waits for it.
     */
    CompletableFuture<Void> deleteObject(DeleteBlobRequest request) {
        return batchesDeletes ? deleteBatcher.delete(request, blobStore) : Futures.call(() -> blobStore.delete(request));
    }

    public ItemStore itemStore() {
        return itemStore;
    }

    public KeyLayout keyLayout() {
        return keyLayout;
    }

    /** The objects this process placed and the keys it saw taken: where a save need not try the seed key, nor a clean-up look. */
    PlacedObjects placedObjects() {
        return placedObjects;
    }

    /**
     * Whether no plain key can equal a derived key, so that an object at a derived key is
     * named by no one but the save that placed it: true of the default layout, which encodes
     * a {@code ~} that would begin a segment; a custom layout's keys may look like anything.
     */
    boolean derivedKeysAreUnshared() {
        return keyLayout instanceof DefaultKeyLayout;
    }

    public boolean consistentReads() {
        return consistentReads;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Runs the deletion of objects a save replaced: the save waits for it as one of its own
     * steps, or, with {@code cleanupInBackground}, completes at once while it runs on as an
     * operation of its own ({@link OperationEvent.Kind#CLEANUP}, so that a trace shows its
     * calls under it rather than under a save that has ended). Either way its failures are
     * orphan reports, never the save's. Past the bound of {@link BackgroundCleanups}, or
     * once closing, the save waits for it.
     */
    CompletableFuture<Void> cleanUpAfterSave(String table, Function<Engine, CompletableFuture<?>> cleanup) {
        if (cleanupInBackground
                && backgroundCleanups.tryStart(() -> run(OperationEvent.Kind.CLEANUP, table, cleanup::apply))) {
            return CompletableFuture.completedFuture(null);
        }
        return Futures.call(() -> cleanup.apply(this)).thenApply(done -> null);
    }

    /** How many clean-ups run after their saves (for tests). */
    int backgroundCleanups() {
        return backgroundCleanups.running();
    }

    /**
     * Marks this engine closed: every later operation fails with a {@link StowageException}.
     * Clean-ups running after their saves are waited for, up to {@code limit}, so that the
     * stores are not closed under them; a save still in flight cleans up itself.
     */
    public void close(Duration limit) {
        closed.set(true);
        backgroundCleanups.close(limit);
    }

    /** Refuses an operation once the {@code Stowage} that owns this engine is closed. */
    public void ensureOpen(String operation) {
        if (closed.get()) {
            throw new StowageException("Cannot " + operation + ": this Stowage is closed; create a new one with "
                    + "Stowage.builder() (or Stowage.create()) and take its tables again");
        }
    }

    /** Reports an object that could not be deleted; a failing listener must not hide the report. */
    public void reportOrphan(OrphanedObject orphan) {
        try {
            orphanListener.onOrphan(orphan);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger("io.stowage").error("Orphan listener failed for {}", orphan, e);
        }
    }
}
