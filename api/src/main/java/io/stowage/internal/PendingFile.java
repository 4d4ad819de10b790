package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.ProgressListener;
import io.stowage.S3File;
import io.stowage.S3AttributeException;
import io.stowage.s3support.S3Rules;
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
import java.util.concurrent.atomic.AtomicBoolean;

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
    /** Shared by the copies {@code with...} makes: they hold the same stream. */
    private final AtomicBoolean streamRead;
    /** Told how the upload proceeds; {@code null} for none. */
    private final ProgressListener progress;

    private PendingFile(byte[] bytes, Path path, InputStream stream, long size, String name, String contentType,
                   Map<String, String> metadata, AtomicBoolean streamRead, ProgressListener progress) {
        this.streamRead = streamRead;
        this.progress = progress;
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
        return new PendingFile(data.clone(), null, null, data.length, name, null, Map.of(), null, null);
    }

    /** A file over the caller's array, not copied: it must not change until the save completes. */
    public static S3File wrapBytes(byte[] data, String name) {
        if (data == null) {
            throw new ModelException("S3File.wrap(byte[], name): data is null; pass the file's bytes (an empty array for an empty file)");
        }
        requireName(name);
        return new PendingFile(data, null, null, data.length, name, null, Map.of(), null, null);
    }

    /** A file from a path; its name is the path's file name. The file is streamed when saved. */
    public static S3File ofPath(Path path) {
        if (path == null) {
            throw new ModelException("S3File.of(Path): path is null; pass the path of the file to store");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ModelException("S3File.of(Path): " + path + " is not a readable regular file; pass the path of a file "
                    + "that exists and can be read");
        }
        Path fileName = path.getFileName();
        if (fileName == null) {
            throw new ModelException("S3File.of(Path): " + path + " has no file name; pass the path of a file");
        }
        try {
            return new PendingFile(null, path, null, Files.size(path), fileName.toString(), null, Map.of(), null, null);
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
            throw new ModelException("S3File.of(InputStream, size, name): stream is null; pass the stream to read");
        }
        if (size < 0) {
            throw new ModelException("S3File.of(InputStream, size, name): size must be >= 0, was " + size
                    + "; pass the exact number of bytes the stream holds");
        }
        requireName(name);
        return new PendingFile(null, null, stream, size, name, null, Map.of(), new AtomicBoolean(), null);
    }

    /**
     * A file from a stream whose length is unknown until it ends: read once when the model is
     * saved, in parts past the multipart threshold, so that memory stays bounded whatever its
     * length. Its {@link #size()} is -1 until then; the stored value has the real one.
     */
    public static S3File ofStream(InputStream stream, String name) {
        if (stream == null) {
            throw new ModelException("S3File.of(InputStream, name): stream is null; pass the stream to read");
        }
        requireName(name);
        return new PendingFile(null, null, stream, -1, name, null, Map.of(), new AtomicBoolean(), null);
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ModelException("S3File needs a file name (such as \"report.pdf\"): it names the object and guides the content type");
        }
    }

    @Override
    public S3File withName(String newName) {
        requireName(newName);
        return new PendingFile(bytes, path, stream, size, newName, contentType, metadata, streamRead, progress);
    }

    @Override
    public S3File withContentType(String newContentType) {
        String problem = S3Rules.contentTypeProblem(newContentType);
        if (problem != null) {
            throw new ModelException("S3File.withContentType for file '" + ObjectKeys.printable(name) + "': " + problem);
        }
        return new PendingFile(bytes, path, stream, size, name, newContentType, metadata, streamRead, progress);
    }

    @Override
    public S3File withProgress(ProgressListener listener) {
        if (listener == null) {
            throw new ModelException("S3File '" + name + "'.withProgress(null): pass a ProgressListener");
        }
        return new PendingFile(bytes, path, stream, size, name, contentType, metadata, streamRead, listener);
    }

    /** The listener told how the upload proceeds, or {@code null}. */
    public static ProgressListener progressOf(S3File file) {
        return file instanceof PendingFile ? ((PendingFile) file).progress : null;
    }

    @Override
    public S3File withMetadata(Map<String, String> newMetadata) {
        if (newMetadata == null) {
            throw new ModelException("S3File.withMetadata(null) for file " + name + ": pass an empty map for no metadata");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        newMetadata.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new ModelException("S3File.withMetadata: null keys and values are not allowed (file " + name
                        + "); remove them, or use \"\" for an empty value");
            }
            copy.put(k, v);
        });
        return new PendingFile(bytes, path, stream, size, name, contentType, Collections.unmodifiableMap(copy), streamRead,
                progress);
    }

    /**
     * The bytes of a file to upload, as the provider SPI takes them, with their CRC32C; only
     * files made by {@code S3File.of} have them.
     */
    public static CompletableFuture<UploadContent> contentOf(S3File file) {
        return contentOf(file, Long.MAX_VALUE);
    }

    /**
     * As {@link #contentOf(S3File)}; a file of {@code partsFrom} bytes or more, which goes in
     * parts whose requests carry no whole-object checksum, is checksummed while it uploads
     * rather than before (the upload need not wait for a read of the whole file).
     */
    public static CompletableFuture<UploadContent> contentOf(S3File file, long partsFrom) {
        if (!(file instanceof PendingFile)) {
            throw new ModelException("The S3File " + file + " (" + file.getClass().getName() + ") was not made by "
                    + "Stowage; make files with S3File.of(...)");
        }
        return ((PendingFile) file).content(partsFrom);
    }

    /**
     * What an upload sends and the CRC32C of it: known before sending for bytes and files
     * (so the store can verify it), learnt while the bytes are read for a stream.
     */
    public static final class UploadContent {
        private final BlobContent content;
        private final String knownChecksum;
        private final Crc32c.Counting counting;
        private final CompletableFuture<String> alongside;
        private final CompletableFuture<String> reading;
        private final FileState file;
        private final String fileName;

        UploadContent(BlobContent content, String knownChecksum, Crc32c.Counting counting) {
            this(content, knownChecksum, counting, null, null, null, null);
        }

        private UploadContent(BlobContent content, String knownChecksum, Crc32c.Counting counting,
                              CompletableFuture<String> alongside, CompletableFuture<String> reading, FileState file,
                              String fileName) {
            this.content = content;
            this.knownChecksum = knownChecksum;
            this.counting = counting;
            this.alongside = alongside;
            this.reading = reading;
            this.file = file;
            this.fileName = fileName;
        }

        public BlobContent content() {
            return content;
        }

        /** The checksum known before the upload, or {@code null} (a stream). */
        public String knownChecksum() {
            return knownChecksum;
        }

        /**
         * The checksum of what was sent, once the upload has completed: known before, learnt
         * as the stream was read through, or computed from the file while it uploaded; fails
         * if the file changed while the save read it.
         */
        public CompletableFuture<String> checksumOfSent() {
            CompletableFuture<String> checksum = alongside != null ? alongside : CompletableFuture.completedFuture(
                    knownChecksum != null ? knownChecksum : counting == null ? null : counting.checksum());
            return file == null ? checksum : checksum.thenApply(crc -> {
                requireUnchanged();
                return crc;
            });
        }

        /**
         * The upload failed: stops the checksum read that runs beside it (a large file's), which
         * would otherwise read the whole file for nothing, once per attempt.
         */
        public void abandon() {
            if (reading != null) {
                reading.cancel(false);
            }
        }

        /**
         * Once the upload and the checksum have read a file: refuses one that was rewritten or
         * replaced since the save began, whose stored bytes the checksum may not describe.
         */
        private void requireUnchanged() {
            String change = file.changeSince();
            if (change != null) {
                throw new ModelException("S3File '" + fileName + "': " + file.path() + " " + change + " while it was saved, so "
                        + "the checksum may not describe the uploaded bytes; the save deletes what it uploaded. Save again "
                        + "once nothing writes the file (or save a copy of it)");
            }
        }
    }

    /**
     * Whether the file's bytes can be sent twice (bytes and paths can; a stream is read
     * once), so that an upload refused because its key is taken can be retried elsewhere.
     */
    public static boolean isReplayable(S3File file) {
        return file instanceof PendingFile && ((PendingFile) file).stream == null;
    }

    /**
     * Refuses, before anything is written, a stream-made file that an earlier save already
     * read: a stream can be read once.
     */
    public static void checkUnread(S3File file, String where) {
        if (file instanceof PendingFile && ((PendingFile) file).streamRead != null && ((PendingFile) file).streamRead.get()) {
            throw new ModelException(where + ": S3File '" + ObjectKeys.printable(file.filename()) + "' was made from an "
                    + "InputStream that an earlier save already read, and a stream can be read once; assign a new "
                    + "S3File.of(stream, size, name), or make the file with S3File.of(Path) or S3File.of(byte[]), which can "
                    + "be saved again");
        }
    }

    /** Whether two files read the same stream (one stream cannot fill two objects). */
    public static boolean sameStream(S3File a, S3File b) {
        return a instanceof PendingFile && b instanceof PendingFile && ((PendingFile) a).stream != null
                && ((PendingFile) a).stream == ((PendingFile) b).stream;
    }

    private CompletableFuture<UploadContent> content(long partsFrom) {
        if (bytes != null) {
            return CompletableFuture.completedFuture(new UploadContent(BlobContent.fromBytes(bytes), Crc32c.of(bytes), null));
        }
        if (path != null) {
            // Read off the caller's thread. A single-part upload waits for it, so that the store
            // can verify the bytes it receives. Parts carry no whole-object checksum, so a large
            // file uploads while it is read. Either way the file's state is compared once both
            // reads are done: a file changed meanwhile fails the save (checksumOfSent).
            BlobContent content = pathContent();
            FileState before;
            try {
                before = FileState.of(path);
            } catch (IOException e) {
                throw unreadable(e);
            }
            CompletableFuture<String> reading = Crc32c.ofAsync(path);
            CompletableFuture<String> checksum = reading.handle((crc, failure) -> {
                if (failure != null) {
                    throw new java.util.concurrent.CompletionException(unreadable(failure.getCause() != null
                            ? failure.getCause() : failure));
                }
                return crc;
            });
            // The size now, as the store will see it, not the size when the S3File was made.
            if (content.length().orElse(0L) >= partsFrom) {
                return CompletableFuture.completedFuture(new UploadContent(content, null, null, checksum, reading, before, name));
            }
            return checksum.thenApply(crc -> new UploadContent(content, crc, null, null, null, before, name));
        }
        streamRead.set(true);
        Crc32c.Counting counting = Crc32c.counting(stream, size);
        return CompletableFuture.completedFuture(new UploadContent(BlobContent.fromStream(counting, size), null, counting));
    }

    private BlobContent pathContent() {
        try {
            return BlobContent.fromPath(path);
        } catch (java.io.UncheckedIOException e) {
            throw unreadable(e.getCause());
        }
    }

    private ModelException unreadable(Throwable cause) {
        return new ModelException("S3File '" + name + "': cannot read " + path + " (" + cause.getMessage()
                + "); pass the path of a file that exists and can be read", cause);
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

    @Override
    public CompletableFuture<InputStream> openStream(ProgressListener listener) {
        return CompletableFuture.failedFuture(notSaved("openStream(listener)"));
    }

    @Override
    public CompletableFuture<Path> saveTo(Path target, ProgressListener listener) {
        return CompletableFuture.failedFuture(notSaved("saveTo(target, listener)"));
    }

    @Override
    public CompletableFuture<byte[]> getBytes(long offset, long length) {
        return CompletableFuture.failedFuture(notSaved("getBytes(offset, length)"));
    }

    @Override
    public CompletableFuture<InputStream> openStream(long offset, long length) {
        return CompletableFuture.failedFuture(notSaved("openStream(offset, length)"));
    }

    private S3AttributeException notSaved(String what) {
        return new S3AttributeException(S3AttributeException.Reason.INVALID_INPUT, "S3File '" + name + "' is not saved yet: "
                + what + " is known only after the model is saved; use the model's field afterwards, which then holds "
                + "the stored S3Value", null, null, null, null);
    }

    @Override
    public String toString() {
        return "S3File(" + name + ", " + (size < 0 ? "length unknown" : size + " bytes") + ", " + contentType()
                + (path != null ? ", from " + path : "") + ")";
    }
}
