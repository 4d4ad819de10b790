package io.stowage.internal;

import io.stowage.ModelException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The user metadata put on an object: the user's own map (S3-safe) plus the back-link
 * to the item ({@code stowage-table}, {@code stowage-pk}, {@code stowage-sk},
 * {@code stowage-attribute}) so that an orphan can be traced to its item.
 * Internal, not API: public like its neighbours, though only this package uses it.
 *
 * <pre>{@code
 * Map<String, String> meta = ObjectMetadata.forUpload(Map.of("department", "finance"),
 *         "documents", "DOC#1", null, "content", "Document.content");
 * }</pre>
 */
public final class ObjectMetadata {

    /** S3's limit on user metadata: 2 KB of keys and values. */
    public static final int MAX_BYTES = 2048;
    public static final String TABLE = "stowage-table";
    public static final String PARTITION_KEY = "stowage-pk";
    public static final String SORT_KEY = "stowage-sk";
    public static final String ATTRIBUTE = "stowage-attribute";

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private ObjectMetadata() {
    }

    /** The object's metadata, or a {@link ModelException} saying what to change. */
    public static Map<String, String> forUpload(Map<String, String> user, String table, String pk, String sk,
                                                String attribute, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : user.entrySet()) {
            String key = e.getKey();
            if (!KEY.matcher(key).matches()) {
                throw new ModelException(where + ": metadata key '" + key + "' is not allowed; S3 metadata keys are sent "
                        + "as HTTP headers, so use letters, digits, '-' and '_'");
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("stowage-")) {
                throw new ModelException(where + ": metadata key '" + key + "' uses the reserved prefix 'stowage-'");
            }
            if (out.put(lower, encodeValue(e.getValue())) != null) {
                throw new ModelException(where + ": metadata keys '" + key + "' and another differ only in case; "
                        + "S3 lowercases metadata keys, so they would collide");
            }
        }
        out.put(TABLE, encodeValue(table));
        out.put(PARTITION_KEY, encodeValue(pk));
        if (sk != null) {
            out.put(SORT_KEY, encodeValue(sk));
        }
        out.put(ATTRIBUTE, encodeValue(attribute));
        int bytes = 0;
        for (Map.Entry<String, String> e : out.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_BYTES) {
            throw new ModelException(where + ": the object's metadata would be " + bytes + " bytes, over S3's limit of "
                    + MAX_BYTES + " (this includes Stowage's back-link to the item); shorten the metadata");
        }
        return out;
    }

    /**
     * Printable ASCII as is; anything else as an RFC 2047 encoded word, the form S3 itself
     * uses for non-ASCII metadata, since header values must be ASCII.
     */
    public static String encodeValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
            }
        }
        return value;
    }

    /** The inverse of {@link #encodeValue(String)}. */
    public static String decodeValue(String value) {
        if (value != null && value.startsWith("=?UTF-8?B?") && value.endsWith("?=")) {
            return new String(Base64.getDecoder().decode(value.substring(10, value.length() - 2)), StandardCharsets.UTF_8);
        }
        return value;
    }
}
