package io.stowage.internal;

import io.stowage.StowageException;
import io.stowage.KeyLayout;
import io.stowage.OrphanListener;
import io.stowage.OrphanedObject;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

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

    private final BlobStore blobStore;
    private final ItemStore itemStore;
    private final KeyLayout keyLayout;
    private final OrphanListener orphanListener;
    private final boolean consistentReads;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Engine(BlobStore blobStore, ItemStore itemStore, KeyLayout keyLayout, OrphanListener orphanListener,
                  boolean consistentReads, Clock clock) {
        this.blobStore = blobStore;
        this.itemStore = itemStore;
        this.keyLayout = keyLayout;
        this.orphanListener = orphanListener;
        this.consistentReads = consistentReads;
        this.clock = clock;
    }

    public BlobStore blobStore() {
        return blobStore;
    }

    public ItemStore itemStore() {
        return itemStore;
    }

    public KeyLayout keyLayout() {
        return keyLayout;
    }

    public boolean consistentReads() {
        return consistentReads;
    }

    public Clock clock() {
        return clock;
    }

    /** Marks this engine closed: every later operation fails with a {@link StowageException}. */
    public void close() {
        closed.set(true);
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
            System.getLogger("io.stowage").log(System.Logger.Level.ERROR,
                    "Orphan listener failed for " + orphan + ": " + e.getMessage(), e);
        }
    }
}
