package io.stowage.s3support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Downloads into a file that appears whole or not at all: the body goes into a hidden
 * temporary file beside the target, which is then renamed over it. Beside, so that the
 * rename stays on one file system and can be atomic; a failed download leaves the target
 * as it was.
 *
 * <pre>{@code
 * Path target = Downloads.prepareTarget(requested);
 * Path temp = Downloads.tempFileBeside(target);
 * // ... write the body into temp ...
 * Downloads.moveIntoPlace(temp, target);
 * }</pre>
 */
public final class Downloads {

    private Downloads() {
    }

    /**
     * The absolute target, its directory created; refuses a target that is a directory.
     *
     * @throws IllegalArgumentException when the target is a directory
     * @throws IOException when the directory cannot be created
     */
    public static Path prepareTarget(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("Download target is a directory: " + absolute
                    + "; pass the path of a file (it is created, or replaced if it exists)");
        }
        Files.createDirectories(absolute.getParent());
        return absolute;
    }

    /**
     * A fresh hidden {@code .part} file name in the directory of the absolute {@code target};
     * not created. At most 64 characters of the target's name are kept, so that a temporary
     * file beside a temporary file still fits the file system's name limit.
     */
    public static Path tempFileBeside(Path target) {
        String name = target.getFileName().toString();
        String kept = name.length() <= 64 ? name : name.substring(0, name.offsetByCodePoints(0, name.codePointCount(0, 64)));
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return target.getParent().resolve("." + kept + "." + random + ".part");
    }

    /**
     * Renames {@code temp} over {@code target}, atomically where the file system can.
     *
     * @throws UncheckedIOException when the rename fails
     */
    public static void moveIntoPlace(Path temp, Path target) {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the download into " + target, e);
        }
    }
}
