package io.stowage.s3support;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Clean-up after an operation whose own outcome is what the caller needs: a failure to
 * clean up is swallowed rather than allowed to mask that outcome.
 *
 * <pre>{@code
 * upload.whenComplete((r, e) -> Quietly.close(callerStream));
 * download.whenComplete((r, e) -> { if (e != null) Quietly.delete(temp); });
 * }</pre>
 */
public final class Quietly {

    private Quietly() {
    }

    /** Closes {@code closeable}, ignoring a failure to do so. */
    public static void close(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // The operation's own outcome is what the caller needs; a failed close adds nothing.
        }
    }

    /** Deletes {@code path} if it exists, ignoring a failure to do so. */
    public static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover hidden .part file is harmless and better than masking the real failure.
        }
    }
}
