package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.S3File;
import io.stowage.S3AttributeException;
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
 * The {@link S3File} the factories make: the bytes of a file not yet stored (an array, a
 * path, or a stream read once), its name, content type and metadata. Immutable.
 *
 * <pre>{@code
 * BlobContent content = PendingFile.contentOf(file);   // for the save engine
 * }</pre>
 */
public final class PendingFile implements S3File {

    private final byte[] bytes;
    private final Path path;
    private final InputStream stream;
    private final long size;
    private final String name;
    private final String contentType;
    private final Map<String, String> metadata;

    private PendingFile(byte[] bytes, Path path, InputStream stream, long size, String name, String contentType,
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
    public static S3File ofBytes(byte[] data, String name) {
        if (data == null) {
            throw new ModelException("S3File.of(byte[], name): data is null; pass the file's bytes (an empty array for an empty file)");
        }
        requireName(name);
        return new PendingFile(data.clone(), null, null, data.length, name, null, Map.of());
    }

    /** A file from a path; its name is the path's file name. The file is streamed when saved. */
    public static S3File ofPath(Path path) {
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
            return new PendingFile(null, path, null, Files.size(path), fileName.toString(), null, Map.of());
        } catch (IOException e) {
            throw new ModelException("S3File.of(Path): cannot read the size of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file from a stream of exactly {@code size} bytes, read once when the model is
     * saved and closed afterwards.
     */
    public static S3File ofStream(InputStream stream, long size, String name) {
        if (stream == null) {
            throw new ModelException("S3File.of(InputStream, size, name): stream is null");
        }
        if (size < 0) {
            throw new ModelException("S3File.of(InputStream, size, name): size must be >= 0, was " + size
                    + "; pass the exact number of bytes the stream holds");
        }
        requireName(name);
        return new PendingFile(null, null, stream, size, name, null, Map.of());
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ModelException("S3File needs a file name (such as \"report.pdf\"): it names the object and guides the content type");
        }
    }

    @Override
    public S3File withName(String newName) {
        requireName(newName);
        return new PendingFile(bytes, path, stream, size, newName, contentType, metadata);
    }

    @Override
    public S3File withContentType(String newContentType) {
        if (newContentType == null || newContentType.isBlank()) {
            throw new ModelException("S3File.withContentType: content type must not be blank (file " + name + ")");
        }
        return new PendingFile(bytes, path, stream, size, name, newContentType, metadata);
    }

    @Override
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
        return new PendingFile(bytes, path, stream, size, name, contentType, Collections.unmodifiableMap(copy));
    }

    /**
     * The bytes of a file to upload, as the provider SPI takes them; only files made by
     * {@code S3File.of} have them.
     */
    public static BlobContent contentOf(S3File file) {
        if (!(file instanceof PendingFile)) {
            throw new ModelException("The S3File " + file + " (" + file.getClass().getName() + ") was not made by "
                    + "Stowage; make files with S3File.of(...)");
        }
        return ((PendingFile) file).content();
    }

    /**
     * Whether the file's bytes can be sent twice (bytes and paths can; a stream is read
     * once), so that an upload refused because its key is taken can be retried elsewhere.
     */
    public static boolean isReplayable(S3File file) {
        return file instanceof PendingFile && ((PendingFile) file).stream == null;
    }

    private BlobContent content() {
        if (bytes != null) {
            return BlobContent.fromBytes(bytes);
        }
        if (path != null) {
            return BlobContent.fromPath(path);
        }
        return BlobContent.fromStream(stream, size);
    }

    @Override
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

    @Override
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

    private S3AttributeException notSaved(String what) {
        return new S3AttributeException(S3AttributeException.Reason.INVALID_INPUT, "S3File '" + name + "' is not saved yet: "
                + what + " is known only after the model is saved; use the model's field afterwards, which then holds "
                + "the stored S3Value", null, null, null, null);
    }

    @Override
    public String toString() {
        return "S3File(" + name + ", " + size + " bytes, " + contentType() + (path != null ? ", from " + path : "") + ")";
    }
}
