package io.stowage.s3support;

import io.stowage.spi.BlobId;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.Utf8;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * S3's rules on names, keys, metadata, presigned URLs, listings and version ids, written
 * once: the API checks a save against them before it uploads anything, and every S3
 * provider and the in-memory store enforce them on each request, so that a request S3
 * would refuse is refused the same way everywhere.
 *
 * <p>Each rule comes as a {@code ...Problem} method that returns {@code null} when the
 * value is fine and otherwise a sentence that says what is wrong and what to do (for
 * callers that raise their own exception type), and as a {@code require...} method that
 * throws a {@link StoreException} with {@link StoreErrorCode#INVALID_INPUT} naming the
 * bucket and key.
 *
 * <pre>{@code
 * String problem = S3Rules.keyProblem("docs/" + name);          // null when S3 takes the key
 * S3Rules.requireBucketName("company-docs");                     // fine
 * S3Rules.requirePresignExpiry(id, Duration.ofDays(8));          // StoreException INVALID_INPUT
 * }</pre>
 */
public final class S3Rules {

    /** S3's limit on object keys, in UTF-8 bytes (longer ones get KeyTooLongError). */
    public static final int MAX_KEY_BYTES = 1024;
    /** S3's limit on the user metadata of one object: keys plus values as sent, in UTF-8 bytes. */
    public static final int MAX_METADATA_BYTES = 2048;
    /** The shortest presigned URL lifetime SigV4 signs. */
    public static final Duration MIN_PRESIGN_EXPIRY = Duration.ofSeconds(1);
    /** SigV4 presigned URLs live at most seven days. */
    public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);
    /** The most keys one ListObjectsV2 answer holds. */
    public static final int MAX_LIST_KEYS = 1000;
    /** S3's version id of an object stored while versioning was off; valid on every bucket. */
    public static final String NULL_VERSION = "null";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    private S3Rules() {
    }

    // ------------------------------------------------------------------ buckets

    /** What is wrong with a bucket name (S3's general-purpose bucket rules), or {@code null}. */
    public static String bucketNameProblem(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            return "the bucket name is empty; name the bucket";
        }
        if (!BUCKET.matcher(bucket).matches()) {
            return "bucket name '" + bucket + "' is not valid: use 3 to 63 lowercase letters, digits, '.' and '-', "
                    + "starting and ending with a letter or digit";
        }
        if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
            return "bucket name '" + bucket + "' is not valid: a '.' must not stand next to another '.' or a '-'";
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            return "bucket name '" + bucket + "' is not valid: it must not look like an IP address";
        }
        return null;
    }

    /** Refuses a bucket name S3 would refuse, with {@code INVALID_INPUT}. */
    public static void requireBucketName(String bucket) {
        String problem = bucketNameProblem(bucket);
        if (problem != null) {
            throw StoreException.builder(StoreErrorCode.INVALID_INPUT, capitalise(problem)).bucket(bucket).build();
        }
    }

    // --------------------------------------------------------------------- keys

    /**
     * What is wrong with an object key, or {@code null}: empty, not valid Unicode (an
     * unpaired surrogate, which would travel as {@code ?} and so name another object), or
     * over {@value #MAX_KEY_BYTES} UTF-8 bytes.
     */
    public static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "the object key is empty";
        }
        int bytes = utf8Length(key);
        if (bytes < 0) {
            return "the object key is not valid Unicode (it has an unpaired surrogate, which S3 would store as '?' "
                    + "under another object's name); fix the key value";
        }
        if (bytes > MAX_KEY_BYTES) {
            return "the object key is " + bytes + " UTF-8 bytes, over S3's limit of " + MAX_KEY_BYTES
                    + "; shorten the prefix, the key values or the file name (key starts '" + head(key) + "...')";
        }
        return null;
    }

    /** Refuses an object key S3 would refuse or mangle, with {@code INVALID_INPUT} naming bucket and key. */
    public static void requireKey(BlobId id) {
        String problem = keyProblem(id.key());
        if (problem != null) {
            throw StoreException.builder(StoreErrorCode.INVALID_INPUT, capitalise(problem))
                    .bucket(id.bucket()).key(utf8Length(id.key()) < 0 ? id.key().replaceAll("\\p{Cs}", "?") : id.key())
                    .build();
        }
    }

    /** The UTF-8 length of a string, or -1 when it is not valid Unicode (an unpaired surrogate). */
    public static int utf8Length(String text) {
        return (int) Math.min(Utf8.length(text), Integer.MAX_VALUE);
    }

    // ----------------------------------------------------------------- metadata

    /**
     * What is wrong with user metadata, or {@code null}: keys must be HTTP tokens, must not
     * start with {@code x-amz-}, must not differ only in case (S3 lowercases them); keys and
     * values as sent (see {@link S3UserMetadata#encode}) take at most
     * {@value #MAX_METADATA_BYTES} UTF-8 bytes.
     */
    public static String metadataProblem(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return null;
        }
        if (metadata.size() > MAX_METADATA_BYTES) {
            // Every key takes a byte at least; and the scan below must stay short.
            return "the object's metadata has " + metadata.size() + " keys, over S3's limit of " + MAX_METADATA_BYTES
                    + " bytes (keys plus values as sent); shorten the metadata";
        }
        // A scan, not a map of lower-cased names: a few keys per object, checked on every upload.
        String[] seen = new String[metadata.size()];
        int count = 0;
        long total = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || !isToken(name)) {
                return "metadata key '" + (name == null ? null : name.replaceAll("\\p{Cntrl}", "?")) + "' has a character HTTP "
                        + "headers cannot carry; use letters, digits, '-' and '_'";
            }
            if (name.regionMatches(true, 0, "x-amz-", 0, 6)) {
                return "metadata key '" + name + "' must not start with 'x-amz-', which S3 keeps for itself";
            }
            if (e.getValue() == null) {
                return "metadata key '" + name + "' has a null value; pass \"\" for an empty one";
            }
            for (int i = 0; i < count; i++) {
                // Tokens are ASCII, where ignoring case is lower-casing both.
                if (seen[i].equalsIgnoreCase(name)) {
                    return "metadata keys '" + seen[i] + "' and '" + name + "' differ only in case; S3 lowercases metadata "
                            + "keys, so they would collide: keep one of them";
                }
            }
            seen[count++] = name;
            total += Math.max(0, Utf8.length(name)) + Math.max(0, Utf8.length(S3UserMetadata.encodeValue(e.getValue())));
        }
        if (total > MAX_METADATA_BYTES) {
            return "the object's metadata would be " + total + " bytes, over S3's limit of " + MAX_METADATA_BYTES
                    + " (keys plus values as sent); shorten the metadata";
        }
        return null;
    }

    /** Refuses user metadata S3 would refuse, with {@code INVALID_INPUT} naming bucket and key. */
    public static void requireMetadata(BlobId id, Map<String, String> metadata) {
        String problem = metadataProblem(metadata);
        if (problem != null) {
            throw StoreException.builder(StoreErrorCode.INVALID_INPUT, capitalise(problem))
                    .bucket(id.bucket()).key(id.key()).build();
        }
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

    // ------------------------------------------------------------- content type

    /** The longest content type taken: far above any real media type, far below S3's header limit. */
    public static final int MAX_CONTENT_TYPE_LENGTH = 256;

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** A content type {@link #contentTypeProblem} found valid (a string is immutable: safe to share). */
    private static volatile String lastValidContentType;
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN
            + "(?:[ \t]*;[ \t]*" + TOKEN + "=(?:" + TOKEN + "|\"(?:[^\"\\\\\\x00-\\x1f\\x7f]|\\\\[\\x20-\\x7e])*\"))*");

    /**
     * What is wrong with a content type, or {@code null}: it must be an HTTP media type
     * ({@code type/subtype} with optional {@code ; name=value} parameters, RFC 9110), so no
     * line breaks or other controls that would split the request's headers.
     */
    public static String contentTypeProblem(String contentType) {
        // Most uploads of a process send one of a few content types: the last one found valid
        // is kept, so that the media-type expression (in the profile of saves under load) runs
        // once per change rather than once per upload.
        if (contentType != null && contentType.equals(lastValidContentType)) {
            return null;
        }
        if (contentType == null || contentType.isBlank()) {
            return "the content type is empty; pass a media type such as \"application/pdf\"";
        }
        if (contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
            return "the content type is " + contentType.length() + " characters, over " + MAX_CONTENT_TYPE_LENGTH
                    + "; pass a media type such as \"application/pdf\"";
        }
        if (!MEDIA_TYPE.matcher(contentType).matches()) {
            return "the content type '" + contentType.replaceAll("\\p{Cntrl}", "?") + "' is not a media type; pass "
                    + "type/subtype with optional parameters, such as \"text/plain; charset=utf-8\"";
        }
        lastValidContentType = contentType;
        return null;
    }

    // ------------------------------------------------------------ presign, list

    /** What is wrong with a presigned URL's lifetime (SigV4 signs 1 second to 7 days), or {@code null}. */
    public static String presignExpiryProblem(Duration expiry) {
        if (expiry == null || expiry.compareTo(MIN_PRESIGN_EXPIRY) < 0 || expiry.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
            return "the presign expiry was " + expiry + "; pass one between 1 second and 7 days (SigV4's limits)";
        }
        return null;
    }

    /** Refuses a presign expiry SigV4 cannot sign, with {@code INVALID_INPUT} naming bucket and key. */
    public static void requirePresignExpiry(BlobId id, Duration expiry) {
        String problem = presignExpiryProblem(expiry);
        if (problem != null) {
            throw StoreException.builder(StoreErrorCode.INVALID_INPUT, capitalise(problem))
                    .bucket(id.bucket()).key(id.key()).build();
        }
    }

    /** The page size to ask for: {@code maxKeys}, or S3's maximum when it is 0 or above it. */
    public static int listPageSize(int maxKeys) {
        return maxKeys <= 0 ? MAX_LIST_KEYS : Math.min(maxKeys, MAX_LIST_KEYS);
    }

    // ----------------------------------------------------------------- versions

    /**
     * Whether a version id names no particular version: none, empty, or S3's
     * {@value #NULL_VERSION} (the version of an object written while versioning was off),
     * which every bucket accepts.
     */
    public static boolean isNullVersion(String versionId) {
        return versionId == null || versionId.isEmpty() || NULL_VERSION.equals(versionId);
    }

    // ------------------------------------------------------------------ helpers

    private static String head(String key) {
        int end = key.offsetByCodePoints(0, Math.min(64, key.codePointCount(0, key.length())));
        return key.substring(0, end);
    }

    private static String capitalise(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
