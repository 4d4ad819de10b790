package io.stowage.internal;

import io.stowage.spi.BlobId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The objects this process placed, and the keys it saw taken, that it has not seen deleted
 * since. Two round trips of a re-save are saved with it:
 * <ul>
 *   <li>a save whose seed key is taken claims a derived key at once, instead of having the
 *       seed key refused first (one round trip and the file's bytes);</li>
 *   <li>the clean-up of an object this process placed for the same owner, with the etag the
 *       item recorded, deletes it without first reading its back-link (one HEAD).</li>
 * </ul>
 *
 * <p>The first is only a hint: every claim is create-only either way, so a stale entry costs
 * a derived key and a missing one a refused claim. The second is a proof, because keys are
 * only ever claimed create-only: the object this process created at the key, with the
 * back-link it wrote, stays there until someone deletes it, and Stowage deletes no object an
 * item still points at. So when the replaced item points at the recorded key and etag, the
 * object there is the recorded one. (Only a tool outside Stowage that deleted the object an
 * item points at, then wrote the same bytes there for another owner, could defeat it; the
 * delete stays pinned to the etag where the store can.) An object placed elsewhere, for
 * another owner or with another etag is checked with a HEAD as before.
 *
 * <p>At most {@link #CAPACITY} keys are kept, the least recently recorded going first; a key
 * no longer recorded only costs the HEAD again.
 *
 * <pre>{@code
 * PlacedObjects placed = new PlacedObjects();
 * placed.placed(BlobId.of("docs", "a/v1/scan.pdf"), owner, "9b2cf5");
 * boolean skip = placed.isTaken(BlobId.of("docs", "a/v1/scan.pdf"));                     // true
 * boolean mine = placed.placedFor(BlobId.of("docs", "a/v1/scan.pdf"), owner, "9b2cf5");  // true
 * }</pre>
 */
final class PlacedObjects {

    /**
     * Enough for the files a busy process keeps re-saving. A key is at most 1,024 bytes, so
     * the worst case holds about 10 MiB; keys of typical length, about 2 MiB.
     */
    static final int CAPACITY = 8192;

    /** Who an object at a key belongs to, as this process placed it; owner {@code null}: taken by someone else. */
    private static final class Placement {
        static final Placement TAKEN = new Placement(null, null);

        final ObjectOwner owner;
        final String etag;

        Placement(ObjectOwner owner, String etag) {
            this.owner = owner;
            this.etag = etag;
        }
    }

    private final Map<String, Placement> keys = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Placement> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Whether this process last saw an object at {@code id}'s key. */
    boolean isTaken(BlobId id) {
        String k = name(id);
        synchronized (keys) {
            return keys.containsKey(k);
        }
    }

    /** Records that an object someone else placed is at {@code id}'s key (a claim of it was refused). */
    void taken(BlobId id) {
        record(id, Placement.TAKEN);
    }

    /** Records that this process placed the object with {@code etag} at {@code id}'s key, back-linked to {@code owner}. */
    void placed(BlobId id, ObjectOwner owner, String etag) {
        record(id, etag == null ? Placement.TAKEN : new Placement(Objects.requireNonNull(owner, "owner"), etag));
    }

    /**
     * Whether the object at {@code id}'s key is one this process placed for {@code owner} with
     * {@code etag}, and has not seen deleted since.
     */
    boolean placedFor(BlobId id, ObjectOwner owner, String etag) {
        if (etag == null) {
            return false;
        }
        Placement p;
        synchronized (keys) {
            p = keys.get(name(id));
        }
        return p != null && p.owner != null && p.owner.equals(owner) && p.etag.equals(etag);
    }

    /** Records that the object at {@code id}'s key was deleted. */
    void freed(BlobId id) {
        String k = name(id);
        synchronized (keys) {
            keys.remove(k);
        }
    }

    /** How many keys are recorded (for tests). */
    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    private void record(BlobId id, Placement placement) {
        String k = name(id);
        synchronized (keys) {
            keys.remove(k);
            keys.put(k, placement);
        }
    }

    // Bucket names cannot contain '/', so the pair is unambiguous; the region is not part of
    // a key's identity (bucket names are global).
    private static String name(BlobId id) {
        return id.bucket() + '/' + id.key();
    }
}
