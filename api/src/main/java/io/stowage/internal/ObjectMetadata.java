package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.s3support.S3Rules;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The user metadata put on an object: the user's own map plus the back-link to the item
 * ({@code stowage-table}, {@code stowage-pk}, {@code stowage-sk},
 * {@code stowage-attribute}) so that an orphan can be traced to its item. Values are kept
 * as given; the provider encodes what a header cannot carry.
 *
 * <pre>{@code
 * Map<String, String> meta = ObjectMetadata.forUpload(Map.of("department", "finance"),
 *         new ObjectOwner("documents", "DOC#1", null, "content"), "Document.content");
 * }</pre>
 */
public final class ObjectMetadata {

    public static final String TABLE = "stowage-table";
    public static final String PARTITION_KEY = "stowage-pk";
    public static final String SORT_KEY = "stowage-sk";
    public static final String ATTRIBUTE = "stowage-attribute";
    private static final String RESERVED = "stowage-";

    private ObjectMetadata() {
    }

    /** The object's metadata, or a {@link ModelException} saying what to change. */
    public static Map<String, String> forUpload(Map<String, String> user, ObjectOwner owner, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : user.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).startsWith(RESERVED)) {
                throw new ModelException(where + ": metadata key '" + e.getKey() + "' uses the reserved prefix '"
                        + RESERVED + "' (Stowage's back-link to the item); rename the key");
            }
            out.put(e.getKey(), e.getValue());
        }
        out.put(TABLE, owner.table());
        out.put(PARTITION_KEY, owner.partitionKey());
        owner.sortKey().ifPresent(sk -> out.put(SORT_KEY, sk));
        out.put(ATTRIBUTE, owner.attribute());
        String problem = S3Rules.metadataProblem(out);
        if (problem != null) {
            throw new ModelException(where + ": " + problem
                    + (problem.contains("bytes") ? " (this includes Stowage's back-link to the item)" : ""));
        }
        return out;
    }
}
