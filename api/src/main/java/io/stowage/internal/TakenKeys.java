package io.stowage.internal;

import io.stowage.spi.BlobId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys this process has seen taken (it placed an object there, or a claim of it was refused)
 * and has not seen freed since. A save whose seed key is here claims a derived key at once,
 * instead of having the seed key refused first: on every other re-save of a file, one
 * round trip and the file's bytes are saved.
 *
 * <p>Only a hint, never the reason a write is safe: every claim is create-only either way.
 * A stale entry (the object was deleted elsewhere) costs a derived key instead of the seed
 * key; a missing one (another process took the key) costs a refused claim, as without it.
 * At most {@link #CAPACITY} keys are kept, the least recently recorded going first.
 *
 * <pre>{@code
 * TakenKeys taken = new TakenKeys();
 * taken.taken(BlobId.of("docs", "a/v1/scan.pdf"));
 * boolean skip = taken.isTaken(BlobId.of("docs", "a/v1/scan.pdf"));  // true
 * }</pre>
 */
final class TakenKeys {

    /**
     * Enough for the files a busy process keeps re-saving. A key is at most 1,024 bytes, so
     * the worst case holds about 10 MiB; keys of typical length, about 1 MiB.
     */
    static final int CAPACITY = 8192;

    private final Map<String, Boolean> keys = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
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

    /** Records that an object is at {@code id}'s key. */
    void taken(BlobId id) {
        String k = name(id);
        synchronized (keys) {
            keys.remove(k);
            keys.put(k, Boolean.TRUE);
        }
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

    // Bucket names cannot contain '/', so the pair is unambiguous; the region is not part of
    // a key's identity (bucket names are global).
    private static String name(BlobId id) {
        return id.bucket() + '/' + id.key();
    }
}
