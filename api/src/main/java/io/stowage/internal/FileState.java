package io.stowage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What a file to upload was when its save began (which file the path named, its size and
 * when it was last modified), so that the save can tell, once the upload and the checksum
 * have read it, whether it was rewritten or replaced meanwhile: the two reads would then
 * have seen different bytes, and the recorded checksum would not describe the stored object.
 * A rewrite within the file system's timestamp granularity that keeps the size escapes it.
 *
 * <pre>{@code
 * FileState before = FileState.of(path);
 * // ... upload and checksum ...
 * String change = before.changeSince();   // null when unchanged
 * }</pre>
 */
record FileState(Path path, Object fileKey, long size, FileTime modified) {

    /** The file's state now. */
    static FileState of(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileState(path, a.fileKey(), a.size(), a.lastModifiedTime());
    }

    /**
     * What changed since this state, in words; {@code null} when nothing did. A file that
     * is gone now is not a change: both reads had opened it already.
     */
    String changeSince() {
        FileState now;
        try {
            now = of(path);
        } catch (IOException gone) {
            return null;
        }
        if (!Objects.equals(fileKey, now.fileKey)) {
            return "was replaced by another file";
        }
        if (size != now.size || !modified.equals(now.modified)) {
            return "was modified (" + size + " bytes at " + modified + ", now " + now.size + " bytes at " + now.modified + ")";
        }
        return null;
    }
}
