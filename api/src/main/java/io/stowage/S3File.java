package io.stowage;

import io.stowage.internal.ContentTypes;
import io.stowage.spi.BlobContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A file to store: an {@link S3Value} not yet saved. Assign it to an
 * {@code @S3Attribute} field and save the model; afterwards the field holds the stored
 * value. Immutable: the {@code with...} methods return copies.
 *
 * <p>Content from a {@link Path} is streamed at save time, never read whole into
 * memory. Content from an {@link InputStream} is read once: if that save fails, assign
 * a new {@code S3File} before saving again.
 *
 * <pre>{@code
 * doc.content = S3File.of(Path.of("/tmp/invoice.pdf"))
 *         .withContentType("application/pdf")
 *         .withMetadata(Map.of("department", "finance"));
 * doc.attachment = S3File.of("hello".getBytes(UTF_8), "hello.txt");
 * }</pre>
 */
public final class S3File implements S3Value {

    private final byte[] bytes;
    private final Path path;
    private final InputStream stream;
    private final long size;
    private final String name;
    private final String contentType;
    private final Map<String, String> metadata;

    private S3File(byte[] bytes, Path path, InputStream stream, long size, String name, String contentType,
                   Map<String, String> metadata) {
        this.bytes = bytes;
        this.path = path;
        this.stream = stream;
        this.size = size;
        this.name = name;
        this.contentType = contentType;
        this.metadata = metadata;
    }

    /**
     * A file from bytes. The array is copied. The name is required: it becomes the last
     * segment of the object key and guides the content type.
     */
    public static S3File of(byte[] data, String name) {
        if (data == null) {
            throw new ModelException("S3File.of(byte[], name): data is null; pass the file's bytes (an empty array for an empty file)");
        }
        requireName(name);
        return new S3File(data.clone(), null, null, data.length, name, null, Map.of());
    }

    /** A file from a path; its name is the path's file name. The file is streamed when saved. */
    public static S3File of(Path path) {
        if (path == null) {
            throw new ModelException("S3File.of(Path): path is null");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ModelException("S3File.of(Path): " + path + " is not a readable regular file");
        }
        Path fileName = path.getFileName();
        if (fileName == null) {
            throw new ModelException("S3File.of(Path): " + path + " has no file name");
        }
        try {
            return new S3File(null, path, null, Files.size(path), fileName.toString(), null, Map.of());
        } catch (IOException e) {
            throw new ModelException("S3File.of(Path): cannot read the size of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file from a stream of exactly {@code size} bytes, read once when the model is
     * saved and closed afterwards.
     */
    public static S3File of(InputStream stream, long size, String name) {
        if (stream == null) {
            throw new ModelException("S3File.of(InputStream, size, name): stream is null");
        }
        if (size < 0) {
            throw new ModelException("S3File.of(InputStream, size, name): size must be >= 0, was " + size
                    + "; pass the exact number of bytes the stream holds");
        }
        requireName(name);
        return new S3File(null, null, stream, size, name, null, Map.of());
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ModelException("S3File needs a file name (such as \"report.pdf\"): it names the object and guides the content type");
        }
    }

    /** A copy with another file name. */
    public S3File withName(String newName) {
        requireName(newName);
        return new S3File(bytes, path, stream, size, newName, contentType, metadata);
    }

    /** A copy with an explicit content type (otherwise guessed from the name). */
    public S3File withContentType(String newContentType) {
        if (newContentType == null || newContentType.isBlank()) {
            throw new ModelException("S3File.withContentType: content type must not be blank (file " + name + ")");
        }
        return new S3File(bytes, path, stream, size, name, newContentType, metadata);
    }

    /** A copy with user metadata, stored on the object and, exactly, in the item. */
    public S3File withMetadata(Map<String, String> newMetadata) {
        if (newMetadata == null) {
            throw new ModelException("S3File.withMetadata(null) for file " + name + ": pass an empty map for no metadata");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        newMetadata.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new ModelException("S3File.withMetadata: null keys and values are not allowed (file " + name + ")");
            }
            copy.put(k, v);
        });
        return new S3File(bytes, path, stream, size, name, contentType, Collections.unmodifiableMap(copy));
    }

    /**
     * The bytes to upload, as the provider SPI takes them. Used by the save engine.
     */
    public BlobContent content() {
        if (bytes != null) {
            return BlobContent.fromBytes(bytes);
        }
        if (path != null) {
            return BlobContent.fromPath(path);
        }
        return BlobContent.fromStream(stream, size);
    }

    /** The local file this was made from, if any. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    @Override
    public boolean isStored() {
        return false;
    }

    @Override
    public String bucket() {
        throw notSaved("bucket");
    }

    @Override
    public String key() {
        throw notSaved("key");
    }

    @Override
    public String etag() {
        throw notSaved("etag");
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String contentType() {
        return contentType != null ? contentType : ContentTypes.guess(name);
    }

    /** Whether the content type was given rather than guessed. */
    public boolean hasExplicitContentType() {
        return contentType != null;
    }

    @Override
    public Optional<Instant> lastModified() {
        return Optional.empty();
    }

    @Override
    public Optional<String> versionId() {
        return Optional.empty();
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String filename() {
        return name;
    }

    @Override
    public CompletableFuture<byte[]> getBytes() {
        return CompletableFuture.failedFuture(notSaved("getBytes()"));
    }

    @Override
    public CompletableFuture<Path> saveTo(Path target) {
        return CompletableFuture.failedFuture(notSaved("saveTo()"));
    }

    @Override
    public CompletableFuture<URI> presignedUrl(Duration expiry) {
        return CompletableFuture.failedFuture(notSaved("presignedUrl()"));
    }

    @Override
    public CompletableFuture<InputStream> openStream() {
        return CompletableFuture.failedFuture(notSaved("openStream()"));
    }

    private IllegalStateException notSaved(String what) {
        return new IllegalStateException("S3File '" + name + "' is not saved yet: " + what
                + " is known only after the model is saved (then the field holds the stored S3Value)");
    }

    @Override
    public String toString() {
        return "S3File(" + name + ", " + size + " bytes, " + contentType() + (path != null ? ", from " + path : "") + ")";
    }
}
