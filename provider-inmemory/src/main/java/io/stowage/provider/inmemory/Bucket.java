package io.stowage.provider.inmemory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The objects of one bucket, each key with its {@link ObjectHistory}, kept in S3's key
 * order (UTF-8 bytes). Histories are immutable and swapped with {@code compute}, so every
 * put and delete is atomic without locks.
 *
 * <pre>{@code
 * Bucket b = new Bucket("docs");
 * b.put("a.txt", object, false);
 * StoredObject current = b.current("a.txt");
 * }</pre>
 */
final class Bucket {

    private final String name;
    private final ConcurrentSkipListMap<String, ObjectHistory> objects = new ConcurrentSkipListMap<>(Utf8Order.INSTANCE);

    Bucket(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Stores {@code object} as the latest version; without versioning it replaces all others. */
    void put(String key, StoredObject object, boolean versioned) {
        objects.compute(key, (k, history) -> history == null || !versioned ? ObjectHistory.of(object) : history.plus(object));
    }

    /**
     * Stores {@code object} only if {@code key} has no current object (S3's
     * {@code If-None-Match: *}), atomically; false when the key is taken.
     */
    boolean putIfAbsent(String key, StoredObject object, boolean versioned) {
        boolean[] stored = {false};
        // ConcurrentSkipListMap may apply the function more than once; the flag must describe
        // the application that took effect, the last one, so every application sets it.
        objects.compute(key, (k, history) -> {
            if (history != null && history.current() != null) {
                stored[0] = false;
                return history;
            }
            stored[0] = true;
            return history == null || !versioned ? ObjectHistory.of(object) : history.plus(object);
        });
        return stored[0];
    }

    /** The latest version of {@code key}, or {@code null} if missing or deleted. */
    StoredObject current(String key) {
        ObjectHistory history = objects.get(key);
        return history == null ? null : history.current();
    }

    /** The version {@code versionId} of {@code key}, or {@code null}. */
    StoredObject version(String key, String versionId) {
        ObjectHistory history = objects.get(key);
        return history == null ? null : history.version(versionId);
    }

    /**
     * Removes {@code key} with all its versions (the unversioned delete), once {@code check}
     * accepts the current object (it throws to refuse); check and removal are atomic.
     */
    void removeIf(String key, Consumer<StoredObject> check) {
        objects.computeIfPresent(key, (k, history) -> {
            if (history.current() != null) {
                check.accept(history.current());
            }
            return null;
        });
    }

    /** Removes one version of {@code key} once {@code check} accepts it; the key goes with its last version. */
    void removeVersionIf(String key, String versionId, Consumer<StoredObject> check) {
        objects.computeIfPresent(key, (k, history) -> {
            StoredObject version = history.version(versionId);
            if (version != null && !version.isDeleteMarker()) {
                check.accept(version);
            }
            return history.minus(versionId);
        });
    }

    /**
     * Makes {@code marker} the latest version of {@code key}, which then reads as missing,
     * once {@code check} accepts the current object.
     */
    void addDeleteMarkerIf(String key, StoredObject marker, Consumer<StoredObject> check) {
        objects.compute(key, (k, history) -> {
            if (history != null && history.current() != null) {
                check.accept(history.current());
            }
            return history == null ? ObjectHistory.of(marker) : history.plus(marker);
        });
    }

    /**
     * Up to {@code max} current objects whose key starts with {@code prefix}, strictly after
     * {@code after} when it is given, plus whether more follow.
     */
    Listing list(String prefix, String after, int max) {
        NavigableMap<String, ObjectHistory> view = after != null && Utf8Order.INSTANCE.compare(after, prefix) >= 0
                ? objects.tailMap(after, false)
                : objects.tailMap(prefix, true);
        List<Map.Entry<String, StoredObject>> found = new ArrayList<>();
        for (Map.Entry<String, ObjectHistory> e : view.entrySet()) {
            // Keys sharing a prefix are contiguous in code-point order, so the first key
            // without it ends the listing.
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            StoredObject current = e.getValue().current();
            if (current == null) {
                continue;
            }
            if (found.size() == max) {
                return new Listing(found, true);
            }
            found.add(Map.entry(e.getKey(), current));
        }
        return new Listing(found, false);
    }

    /** One page of {@link #list}. */
    static final class Listing {
        private final List<Map.Entry<String, StoredObject>> objects;
        private final boolean truncated;

        Listing(List<Map.Entry<String, StoredObject>> objects, boolean truncated) {
            this.objects = List.copyOf(objects);
            this.truncated = truncated;
        }

        List<Map.Entry<String, StoredObject>> objects() {
            return objects;
        }

        boolean truncated() {
            return truncated;
        }
    }
}
