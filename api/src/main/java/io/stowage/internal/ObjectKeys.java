package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.s3support.S3Rules;

/**
 * The checks every object key and file name passes before anything is uploaded.
 * Internal, not API: public like its neighbours, though only this package uses it.
 *
 * <pre>{@code
 * ObjectKeys.checkFilename("../etc/passwd", "Document.content");   // ModelException: path separator
 * }</pre>
 */
public final class ObjectKeys {

    private static final char[] TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int TOKEN_LENGTH = 12;
    /** Made once: every save checks its keys with it. */
    private static final String TOKEN_PLACEHOLDER = "a".repeat(TOKEN_LENGTH);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private ObjectKeys() {
    }

    /**
     * A fresh token for {@link io.stowage.KeyLayout#derivedKey}: 12 characters of
     * {@code [a-z2-7]} (60 random bits), safe in keys, URLs and file systems.
     */
    public static String token() {
        // One draw of 8 bytes, 5 bits a character: the platform's SecureRandom takes a global
        // lock (and may read /dev/urandom) per call, which twelve calls a token made a point
        // of contention for concurrent re-saves.
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        long bits = java.nio.ByteBuffer.wrap(bytes).getLong();
        char[] out = new char[TOKEN_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = TOKEN_ALPHABET[(int) (bits >>> (5 * i)) & 31];
        }
        return new String(out);
    }

    /**
     * The seed key the default layout derived {@code key} from ({@code docs/a/~k3x7ab2cd4ef/f.pdf}
     * gives {@code docs/a/f.pdf}); empty when {@code key} has no token segment before its file name.
     */
    static java.util.Optional<String> seedOfDerived(String key) {
        int last = key.lastIndexOf('/');
        int before = last < 0 ? -1 : key.lastIndexOf('/', last - 1);
        String segment = last < 0 ? "" : key.substring(before + 1, last);
        if (segment.length() != TOKEN_LENGTH + 1 || segment.charAt(0) != '~') {
            return java.util.Optional.empty();
        }
        for (int i = 1; i < segment.length(); i++) {
            if (new String(TOKEN_ALPHABET).indexOf(segment.charAt(i)) < 0) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(key.substring(0, before + 1) + key.substring(last + 1));
    }

    /**
     * Whether {@code key} is a key {@code layout} derives from {@code seedKey} with some token:
     * the layout is asked with two different tokens, and what differs must be a token.
     */
    public static boolean isDerivedFrom(io.stowage.KeyLayout layout, String seedKey, String key) {
        String a = layout.derivedKey(seedKey, "a".repeat(TOKEN_LENGTH));
        String b = layout.derivedKey(seedKey, "b".repeat(TOKEN_LENGTH));
        int prefix = 0;
        while (prefix < a.length() && prefix < b.length() && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length() - prefix && a.charAt(a.length() - 1 - suffix) == b.charAt(b.length() - 1 - suffix)) {
            suffix++;
        }
        int tokenStart = prefix;
        int tokenEnd = a.length() - suffix;
        // The differing run may start or end inside the token (an 'a' or 'b' beside it): widen to the token's length.
        tokenStart = Math.max(0, tokenEnd - TOKEN_LENGTH);
        String before = a.substring(0, tokenStart);
        String after = a.substring(tokenStart + TOKEN_LENGTH);
        if (key.length() != a.length() || !key.startsWith(before) || !key.endsWith(after)) {
            return false;
        }
        for (char c : key.substring(tokenStart, tokenStart + TOKEN_LENGTH).toCharArray()) {
            if (new String(TOKEN_ALPHABET).indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A token of the real length, for checks made before any upload. */
    public static String tokenPlaceholder() {
        return TOKEN_PLACEHOLDER;
    }

    /**
     * What makes text unfit for a segment of an object key, or {@code null}: an unpaired
     * surrogate (it travels as {@code ?}, so two different values would name one object), a
     * C0 or C1 control character or DEL (logs, shells and HTTP tools split or drop them), or a
     * bidirectional control (U+202E and its kin make {@code exe.txt} read as {@code txt.exe}).
     */
    public static String segmentProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "has an unpaired surrogate (U+" + hex(c) + " at index " + i + "), which is not valid Unicode and "
                        + "would be sent as '?', naming another object";
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return "has the control character U+" + hex(c) + " at index " + i;
            }
            if (isBidiControl(c)) {
                return "has the bidirectional control U+" + hex(c) + " at index " + i
                        + ", which makes the name display differently from what it is";
            }
        }
        return null;
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    /** The text with characters {@link #segmentProblem} refuses shown as {@code ?}, safe to put in a message. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidiControl(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The folder {@code key} is in, ending with {@code /} (empty for a key at the top of its bucket). */
    static String folderOf(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    /** Refuses names that could escape the item's folder or confuse tools: separators, dots, controls. */
    public static void checkFilename(String filename, String where) {
        if (filename == null || filename.isEmpty()) {
            throw new ModelException(where + ": the file name is empty; give the S3File a name such as \"report.pdf\"");
        }
        if (filename.equals(".") || filename.equals("..")) {
            throw new ModelException(where + ": the file name '" + filename + "' is not allowed; use a real file name");
        }
        if (filename.indexOf('/') >= 0 || filename.indexOf('\\') >= 0) {
            throw new ModelException(where + ": the file name '" + printable(filename)
                    + "' contains a path separator; pass only the last segment (S3File.withName)");
        }
        String problem = segmentProblem(filename);
        if (problem != null) {
            throw new ModelException(where + ": the file name '" + printable(filename) + "' " + problem
                    + "; rename the file (S3File.withName)");
        }
    }

    /**
     * Refuses an {@code @S3Attribute} prefix that is not a clean relative folder: it must not
     * start with {@code /}, hold {@code .}, {@code ..} or empty segments, or characters
     * {@link #segmentProblem} refuses.
     */
    public static void checkPrefix(String prefix, String where) {
        if (prefix == null || prefix.isEmpty()) {
            return;
        }
        String problem = segmentProblem(prefix);
        if (problem == null && prefix.startsWith("/")) {
            problem = "starts with '/'; S3 keys are relative, so write it without the leading slash";
        }
        if (problem == null) {
            String[] segments = prefix.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                boolean last = i == segments.length - 1;
                if (segment.equals(".") || segment.equals("..")) {
                    problem = "has a '" + segment + "' segment, which servers and tools resolve as a directory step";
                    break;
                }
                if (segment.isEmpty() && !last) {
                    problem = "has an empty segment ('//'), which some servers and tools collapse";
                    break;
                }
                if (segment.startsWith("~")) {
                    problem = "has a segment that starts with '~', which Stowage keeps for the keys an upload moves to "
                            + "when its key is taken (a prefix like that could spell another item's such key)";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new ModelException(where + ": the @S3Attribute prefix '" + printable(prefix) + "' " + problem
                    + "; use a prefix such as \"documents/\"");
        }
    }

    /**
     * Refuses a key value (partition or sort key) that would make an unsafe object-key segment:
     * {@code .} or {@code ..} as a whole, or, where the layout turns {@code #} into {@code /}
     * ({@code splitsOnHash}), as a {@code #}-separated part; or characters
     * {@link #segmentProblem} refuses.
     */
    public static void checkKeyValue(String value, String which, boolean splitsOnHash, String where) {
        String problem = segmentProblem(value);
        if (problem == null) {
            String[] parts = splitsOnHash ? value.split("#", -1) : new String[] {value};
            for (String part : parts) {
                if (part.isEmpty() && parts.length > 1) {
                    problem = "has an empty '#'-part (a '#' at the start, at the end or twice in a row), which becomes an "
                            + "empty segment ('//') of the object key; S3-compatible servers and tools collapse those, so "
                            + "two items could share one object";
                    break;
                }
                if (part.equals(".") || part.equals("..")) {
                    problem = (parts.length > 1 ? "has the part '" + part + "'" : "is '" + part + "'")
                            + ", which becomes a '" + part + "' segment of the object key: servers and tools resolve it "
                            + "as a directory step, so two items could share one object";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new ModelException(where + ": the " + which + " '" + printable(value) + "' " + problem
                    + "; change the " + which + " value (files are stored under it)");
        }
    }

    /** Refuses an object key a layout built with {@code .}, {@code ..} or empty segments, or a leading {@code /}. */
    public static void checkKeySegments(String key, String where) {
        if (key.startsWith("/")) {
            throw new ModelException(where + ": the object key '" + printable(key) + "' starts with '/'; the key layout "
                    + "must build relative keys");
        }
        // Scanned in place: every save checks its keys, and splitting them allocated a string per segment.
        for (int start = 0; start <= key.length(); ) {
            int slash = key.indexOf('/', start);
            int end = slash < 0 ? key.length() : slash;
            if (end == start) {
                throw new ModelException(where + ": the object key '" + printable(key) + "' has an empty segment ('//'), "
                        + "which S3-compatible servers and tools collapse; change the key values or the key layout");
            }
            if (key.startsWith(".", start) && (end == start + 1 || (end == start + 2 && key.charAt(start + 1) == '.'))) {
                throw new ModelException(where + ": the object key '" + printable(key) + "' has a '" + key.substring(start, end)
                        + "' segment, which servers and tools resolve as a directory step; change the key values "
                        + "or the key layout");
            }
            start = end + 1;
        }
    }

    /** Refuses keys S3 would refuse or mangle: over 1,024 UTF-8 bytes, empty, or not valid Unicode. */
    public static void checkKey(String key, String where) {
        String problem = S3Rules.keyProblem(key);
        if (problem != null) {
            throw new ModelException(where + ": " + problem);
        }
    }
}
