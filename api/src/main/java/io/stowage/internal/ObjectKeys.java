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
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private ObjectKeys() {
    }

    /**
     * A fresh token for {@link io.stowage.KeyLayout#derivedKey}: 12 characters of
     * {@code [a-z2-7]} (60 random bits), safe in keys, URLs and file systems.
     */
    public static String token() {
        char[] out = new char[TOKEN_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = TOKEN_ALPHABET[RANDOM.nextInt(TOKEN_ALPHABET.length)];
        }
        return new String(out);
    }

    /** A token of the real length, for checks made before any upload. */
    public static String tokenPlaceholder() {
        return "a".repeat(TOKEN_LENGTH);
    }

    /** Refuses names that could escape the item's folder or confuse tools: separators, dots, controls. */
    public static void checkFilename(String filename, String where) {
        if (filename == null || filename.isEmpty()) {
            throw new ModelException(where + ": the file name is empty; give the S3File a name such as \"report.pdf\"");
        }
        if (filename.equals(".") || filename.equals("..")) {
            throw new ModelException(where + ": the file name '" + filename + "' is not allowed; use a real file name");
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c == '/' || c == '\\') {
                throw new ModelException(where + ": the file name '" + filename
                        + "' contains a path separator; pass only the last segment (S3File.withName)");
            }
            if (c < 0x20 || c == 0x7f) {
                throw new ModelException(where + ": the file name '" + filename.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character; rename the file");
            }
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
