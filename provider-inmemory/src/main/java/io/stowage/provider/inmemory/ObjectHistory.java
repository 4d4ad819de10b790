package io.stowage.provider.inmemory;

import java.util.ArrayList;
import java.util.List;

/**
 * The versions of one key, oldest first. Without versioning it holds exactly one.
 * Immutable, so that a bucket can swap histories atomically with {@code compute}.
 *
 * <pre>{@code
 * ObjectHistory h = ObjectHistory.of(v1).plus(v2);
 * StoredObject latest = h.current();   // v2, or null if v2 is a delete marker
 * }</pre>
 */
final class ObjectHistory {

    private final List<StoredObject> versions;

    private ObjectHistory(List<StoredObject> versions) {
        this.versions = List.copyOf(versions);
    }

    static ObjectHistory of(StoredObject only) {
        return new ObjectHistory(List.of(only));
    }

    /** This history with {@code next} as the latest version. */
    ObjectHistory plus(StoredObject next) {
        List<StoredObject> all = new ArrayList<>(versions);
        all.add(next);
        return new ObjectHistory(all);
    }

    /** This history without the version {@code versionId}; {@code null} when nothing is left. */
    ObjectHistory minus(String versionId) {
        List<StoredObject> rest = new ArrayList<>(versions);
        rest.removeIf(v -> versionId.equals(v.versionId()));
        if (rest.size() == versions.size()) {
            return this;
        }
        return rest.isEmpty() ? null : new ObjectHistory(rest);
    }

    /** The latest version, or {@code null} when it is a delete marker. */
    StoredObject current() {
        StoredObject latest = versions.get(versions.size() - 1);
        return latest.isDeleteMarker() ? null : latest;
    }

    /** The version {@code versionId}, or {@code null}. */
    StoredObject version(String versionId) {
        for (StoredObject v : versions) {
            if (versionId.equals(v.versionId())) {
                return v;
            }
        }
        return null;
    }
}
