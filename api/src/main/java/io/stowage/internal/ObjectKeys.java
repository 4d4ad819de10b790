package io.stowage.internal;

import io.stowage.ModelException;
import java.nio.charset.StandardCharsets;

/**
 * The checks every object key and file name passes before anything is uploaded.
 * Internal, not API: public like its neighbours, though only this package uses it.
 *
 * <pre>{@code
 * ObjectKeys.checkFilename("../etc/passwd", "Document.content");   // ModelException: path separator
 * }</pre>
 */
public final class ObjectKeys {

    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
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

    /** Refuses keys over S3's 1,024-byte limit. */
    public static void checkKeyLength(String key, String where) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new ModelException(where + ": the object key would be " + bytes + " UTF-8 bytes, over S3's limit of "
                    + MAX_KEY_BYTES + "; shorten the prefix, the key values or the file name (key starts '"
                    + key.substring(0, Math.min(80, key.length())) + "...')");
        }
        if (bytes == 0) {
            throw new ModelException(where + ": the object key is empty");
        }
    }
}
