package io.stowage.provider.inmemory;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * S3's user metadata rules: keys are HTTP header tokens that S3 lowercases; keys and
 * values together take at most 2 KB of UTF-8.
 *
 * <pre>{@code
 * Map<String, String> stored = UserMetadata.normalize(bucket, key, Map.of("Department", "finance"));
 * // {department=finance}
 * }</pre>
 */
final class UserMetadata {

    /** S3's limit on the user metadata of one object: keys plus values, in UTF-8 bytes. */
    static final int MAX_BYTES = 2048;

    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    private UserMetadata() {
    }

    /** Validates and lowercases the keys, as S3 does when it stores {@code x-amz-meta-*} headers. */
    static Map<String, String> normalize(String bucket, String key, Map<String, String> metadata) {
        Map<String, String> result = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (name == null || name.isEmpty() || !isToken(name)) {
                throw Failures.invalid("User metadata key '" + name + "' is not a valid HTTP header name;"
                        + " use letters, digits and - _ .").bucket(bucket).key(key);
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw Failures.invalid("User metadata value of '" + name + "' contains a line break,"
                        + " which an HTTP header cannot carry").bucket(bucket).key(key);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (result.put(lower, value) != null) {
                throw Failures.invalid("User metadata keys '" + name + "' and another differ only in case;"
                        + " S3 lowercases them, so keep one").bucket(bucket).key(key);
            }
            total += name.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_BYTES) {
            throw Failures.invalid("User metadata is " + total + " bytes, over S3's limit of " + MAX_BYTES
                    + " (keys plus values, UTF-8); store less metadata").bucket(bucket).key(key);
        }
        return Collections.unmodifiableMap(result);
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_CHARS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
