package io.stowage.internal;

import io.stowage.spi.BlobId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The keys this process saw taken, and the objects it placed at derived keys, that it has not
 * seen deleted since. Two round trips of a re-save are saved with it:
 * <ul>
 *   <li>a save whose seed key is taken claims a derived key at once, instead of having the
 *       seed key refused first (one round trip and the file's bytes);</li>
 *   <li>the clean-up of an object this process placed at a derived key for the same owner,
 *       with the etag the item recorded, deletes it without first reading its back-link (one
 *       HEAD).</li>
 * </ul>
 *
 * <p>The first is only a hint: every claim is create-only either way, so a stale entry costs
 * a derived key and a missing one a refused claim. A seed key whose object a re-save replaced
 * stays recorded as taken, although it is free: this process's later re-saves of the item
 * then stay on derived keys, whose clean-ups need no look, instead of going back to the seed
 * key every other time.
 *
 * <p>The second is a proof, and only for derived keys. A derived key holds a random token
 * (60 bits): no layout maps another item there and no other writer, pydynox included, names
 * it, and it is claimed create-only where the store can. So the object this process created
 * there, with the back-link it wrote, is the one there until it is deleted; and once deleted,
 * no one claims that key again. A seed key is shared by design (another model with the same
 * key values, or pydynox writing the same layout by overwriting), and an object there is
 * always looked at: its back-link and etag decide.
 *
 * <p>At most {@link #CAPACITY} taken keys and as many placed objects are kept, the least
 * recently recorded going first; a key no longer recorded only costs the look again. Owners are kept as SHA-256 digests, so an
 * entry holds the key, the etag and 32 bytes.
 *
 * <pre>{@code
 * PlacedObjects placed = new PlacedObjects();
 * placed.placedAtDerivedKey(BlobId.of("docs", "a/v1/~k3x7ab2cd4ef/scan.pdf"), owner, "9b2cf5");
 * boolean mine = placed.placedFor(BlobId.of("docs", "a/v1/~k3x7ab2cd4ef/scan.pdf"), owner, "9b2cf5");  // true
 * }</pre>
 */
final class PlacedObjects {

    /**
     * Per map: enough for the files a busy process keeps re-saving. A key is at most 1,024
     * UTF-8 bytes (up to 2 KiB as a Java string), so the worst case of both maps holds about
     * 40 MiB; keys of typical length, about 3 MiB.
     */
    static final int CAPACITY = 8192;

    /** Who an object at a derived key belongs to, as this process placed it; owner {@code null}: a key seen taken. */
    private static final class Placement {
        static final Placement TAKEN = new Placement(null, null);

        final byte[] owner;
        final String etag;

        Placement(byte[] owner, String etag) {
            this.owner = owner;
            this.etag = etag;
        }
    }

    /**
     * Two bounded maps, so that a stream of first saves (each taking a seed key) cannot push
     * out the proofs the re-saves of other items rely on. Both are guarded by {@code this}.
     */
    private final Map<String, Placement> taken = bounded();
    private final Map<String, Placement> placed = bounded();

    private static Map<String, Placement> bounded() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Placement> eldest) {
                return size() > CAPACITY;
            }
        };
    }

    /** Whether this process last saw an object at {@code id}'s key. */
    synchronized boolean isTaken(BlobId id) {
        String k = name(id);
        return taken.containsKey(k) || placed.containsKey(k);
    }

    /**
     * Records that an object is at {@code id}'s key, or that a re-save moved on from it: a
     * claim of it was refused, this process placed an object there, or replaced the one there.
     */
    synchronized void taken(BlobId id) {
        String k = name(id);
        placed.remove(k);
        taken.remove(k);
        taken.put(k, Placement.TAKEN);
    }

    /**
     * Records that this process placed the object with {@code etag} at {@code id}, a key the
     * layout derived with a fresh token, back-linked to {@code owner}. Never call it for a
     * seed key: the proof holds only where no one else can name the key.
     */
    void placedAtDerivedKey(BlobId id, ObjectOwner owner, String etag) {
        if (etag == null) {
            taken(id);
            return;
        }
        Placement placement = new Placement(digest(Objects.requireNonNull(owner, "owner")), etag);
        String k = name(id);
        synchronized (this) {
            taken.remove(k);
            placed.remove(k);
            placed.put(k, placement);
        }
    }

    /**
     * Whether the object at {@code id}'s derived key is one this process placed for
     * {@code owner} with {@code etag}, and has not seen deleted since.
     */
    boolean placedFor(BlobId id, ObjectOwner owner, String etag) {
        if (etag == null) {
            return false;
        }
        Placement p;
        synchronized (this) {
            p = placed.get(name(id));
        }
        return p != null && p.etag.equals(etag) && MessageDigest.isEqual(p.owner, digest(owner));
    }

    /** Records that the object at {@code id}'s key was deleted. */
    synchronized void freed(BlobId id) {
        String k = name(id);
        taken.remove(k);
        placed.remove(k);
    }

    /** How many keys are recorded (for tests). */
    synchronized int size() {
        return taken.size() + placed.size();
    }

    /** The owner's fields, each with its length (so that no two owners share an encoding), hashed. */
    private static byte[] digest(ObjectOwner owner) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (String field : new String[] {owner.table(), owner.partitionKey(), owner.sortKey().orElse(null), owner.attribute()}) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            int length = field == null ? -1 : bytes.length;
            sha.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            sha.update(bytes);
        }
        return sha.digest();
    }

    // Bucket names cannot contain '/', so the pair is unambiguous; the region is not part of
    // a key's identity (bucket names are global).
    private static String name(BlobId id) {
        return id.bucket() + '/' + id.key();
    }
}
