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

    /**
     * Closes the stream of a {@link io.stowage.spi.BlobContent#fromStream stream content}
     * (the store owns it once given it, also when it refuses the upload); other contents hold
     * nothing open. Closing twice is harmless.
     */
    public static void close(io.stowage.spi.BlobContent content) {
        if (content != null && content.kind() == io.stowage.spi.BlobContent.Kind.STREAM) {
            try {
                close(content.openStream());
            } catch (IOException ignored) {
                // openStream() of a stream content only hands back the stream.
            }
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
