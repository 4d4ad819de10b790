package io.stowage.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The bytes of an upload: an array, a file (streamed, never read whole), or a stream
 * of known or unknown length.
 *
 * <pre>{@code
 * BlobContent small = BlobContent.fromBytes("hello".getBytes(UTF_8));
 * BlobContent big = BlobContent.fromPath(Path.of("/tmp/video.mp4"));
 * BlobContent piped = BlobContent.fromStream(in, 1_048_576);
 * }</pre>
 */
public final class BlobContent {

    /**
     * What backs the content. Providers take the cheapest path for each: an array needs
     * no copy, a file can be handed to the SDK, a stream can be read only once.
     *
     * <pre>{@code
     * byte[] data = content.kind() == BlobContent.Kind.BYTES
     *         ? content.bytes()
     *         : content.openStream().readAllBytes();
     * }</pre>
     */
    public enum Kind { BYTES, PATH, STREAM }

    private final Kind kind;
    private final byte[] bytes;
    private final Path path;
    private final InputStream stream;
    private final long length;

    private BlobContent(Kind kind, byte[] bytes, Path path, InputStream stream, long length) {
        this.kind = kind;
        this.bytes = bytes;
        this.path = path;
        this.stream = stream;
        this.length = length;
    }

    /** Content from an array; the array is not copied and must not change until the upload ends. */
    public static BlobContent fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new BlobContent(Kind.BYTES, bytes, null, null, bytes.length);
    }

    /** Content from a regular file, streamed. */
    public static BlobContent fromPath(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return new BlobContent(Kind.PATH, null, path, null, Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + path, e);
        }
    }

    /**
     * Content from a stream that yields exactly {@code length} bytes, or any number when
     * {@code length} is -1. The stream is read once and closed by the store.
     */
    public static BlobContent fromStream(InputStream stream, long length) {
        Objects.requireNonNull(stream, "stream");
        if (length < -1) {
            throw new IllegalArgumentException("length must be >= 0, or -1 when unknown; was " + length);
        }
        return new BlobContent(Kind.STREAM, null, null, stream, length);
    }

    public Kind kind() {
        return kind;
    }

    /** The array, for {@link Kind#BYTES}. */
    public byte[] bytes() {
        if (kind != Kind.BYTES) {
            throw new IllegalStateException("Content is a " + kind + ", not bytes");
        }
        return bytes;
    }

    /** The file, for {@link Kind#PATH}. */
    public Path path() {
        if (kind != Kind.PATH) {
            throw new IllegalStateException("Content is a " + kind + ", not a path");
        }
        return path;
    }

    /** The length in bytes, when known. */
    public Optional<Long> length() {
        return length < 0 ? Optional.empty() : Optional.of(length);
    }

    /**
     * Opens the content as a stream: the array or file afresh, or the one stream (once).
     */
    public InputStream openStream() throws IOException {
        switch (kind) {
            case BYTES:
                return new java.io.ByteArrayInputStream(bytes);
            case PATH:
                return Files.newInputStream(path);
            default:
                return stream;
        }
    }

    /** Whether the content can be read more than once (needed to retry an upload). */
    public boolean isRepeatable() {
        return kind != Kind.STREAM;
    }

    @Override
    public String toString() {
        return "BlobContent(" + kind + (kind == Kind.PATH ? " " + path : "") + ", length=" + (length < 0 ? "unknown" : length) + ")";
    }
}
