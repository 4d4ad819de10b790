package io.stowage;

import io.stowage.internal.Futures;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A file kept in a blob store for an {@code @S3Attribute} field. A loaded model holds
 * the stored value: its metadata comes from the item (no blob-store call); its bytes
 * are fetched only when asked for, with If-Match on the recorded etag (and version),
 * so a changed object fails with {@link S3AttributeException.Reason#CONTENT_CHANGED}
 * instead of returning other bytes. A value not yet saved is an {@link S3File}.
 *
 * <p>I/O methods are asynchronous; each has a blocking {@code sync} twin that throws
 * the unwrapped {@link StowageException}.
 *
 * <pre>{@code
 * Document doc = documents.syncGet("DOC#1").orElseThrow();
 * long size = doc.content.size();                      // from the item
 * doc.content.syncSaveTo(Path.of("/tmp/report.pdf"));  // streamed
 * URI url = doc.content.syncPresignedUrl(Duration.ofMinutes(15));
 * }</pre>
 */
public interface S3Value {

    /** The default presigned URL lifetime: one hour. */
    Duration DEFAULT_PRESIGN_EXPIRY = Duration.ofHours(1);

    /** Whether the value is stored (false for an {@link S3File} not yet saved). */
    boolean isStored();

    /** The bucket. @throws IllegalStateException if not saved yet */
    String bucket();

    /** The object key. @throws IllegalStateException if not saved yet */
    String key();

    /** The size in bytes; -1 for an unsaved {@code S3File} of a stream of unknown length. */
    long size();

    /** The etag, without quotes. @throws IllegalStateException if not saved yet */
    String etag();

    /** The MIME type. */
    String contentType();

    /** When the object was last written; empty until saved. */
    Optional<Instant> lastModified();

    /** The object's version id, when the bucket is versioned. */
    Optional<String> versionId();

    /** The user's metadata, exactly as given (the back-link to the item is kept on the object only). */
    Map<String, String> metadata();

    /** The file name (the last segment of the key). */
    String filename();

    /**
     * The CRC32C of the bytes the save uploaded, as the item records it
     * ({@code "crc32c:" + base64}); reads check the bytes against it. Empty for a file not
     * yet saved and for items written without one (by pydynox or an older Stowage).
     */
    default Optional<String> checksum() {
        return Optional.empty();
    }

    /**
     * Downloads the whole object into memory; for large files prefer {@link #saveTo(Path)}.
     * An object over 2 GiB, which no array holds, fails with
     * {@link S3AttributeException.Reason#INVALID_INPUT} before any call.
     */
    CompletableFuture<byte[]> getBytes();

    /**
     * Streams the object to {@code target} through a temporary file beside it, then renames
     * it: a download that fails, or that the caller cancels or times out
     * ({@code saveTo(path).orTimeout(30, SECONDS)}), leaves the target as it was and no
     * temporary file behind (a cancelled one stops at its next buffer).
     */
    CompletableFuture<Path> saveTo(Path target);

    /** A URL that downloads the object without credentials until {@code expiry} passes. */
    CompletableFuture<URI> presignedUrl(Duration expiry);

    /** A presigned URL valid for one hour. */
    default CompletableFuture<URI> presignedUrl() {
        return presignedUrl(DEFAULT_PRESIGN_EXPIRY);
    }

    /**
     * Opens the object as a stream; the caller closes it. A stream that arrives after the
     * caller cancelled the future (or it timed out) is closed on arrival, so that it does not
     * hold its connection.
     */
    CompletableFuture<InputStream> openStream();

    /**
     * Reads {@code length} bytes from {@code offset} of exactly the object the item describes
     * (pinned by its etag and version): a changed object fails with
     * {@link S3AttributeException.Reason#CONTENT_CHANGED}, a range outside the object with
     * {@link S3AttributeException.Reason#INVALID_INPUT} before any call. A range is checked
     * against the etag only: the recorded checksum covers the whole object.
     *
     * <pre>{@code
     * byte[] header = doc.content.syncGetBytes(0, 512);
     * }</pre>
     */
    default CompletableFuture<byte[]> getBytes(long offset, long length) {
        return CompletableFuture.failedFuture(new S3AttributeException(S3AttributeException.Reason.INVALID_INPUT,
                getClass().getName() + " cannot read a range; use a value loaded from a table", null, null, null, null));
    }

    /**
     * Opens {@code length} bytes from {@code offset} of exactly the object the item describes
     * as a stream (the caller closes it); the same checks as {@link #getBytes(long, long)}.
     *
     * <pre>{@code
     * try (InputStream part = video.content.syncOpenStream(1_048_576, 1_048_576)) { part.transferTo(response); }
     * }</pre>
     */
    default CompletableFuture<InputStream> openStream(long offset, long length) {
        return CompletableFuture.failedFuture(new S3AttributeException(S3AttributeException.Reason.INVALID_INPUT,
                getClass().getName() + " cannot read a range; use a value loaded from a table", null, null, null, null));
    }

    /**
     * As {@link #saveTo(Path)}, telling {@code listener} the bytes received so far (growing,
     * ending at {@link #size()} once the file is in place and its checksum checked).
     *
     * <pre>{@code
     * doc.content.syncSaveTo(target, (received, total) -> bar.update(received, total));
     * }</pre>
     */
    default CompletableFuture<Path> saveTo(Path target, ProgressListener listener) {
        return CompletableFuture.failedFuture(new S3AttributeException(S3AttributeException.Reason.INVALID_INPUT,
                getClass().getName() + " cannot report progress; use a value loaded from a table", null, null, null, null));
    }

    /**
     * As {@link #openStream()}, telling {@code listener} the bytes read so far; the last
     * report, at {@link #size()}, comes when the stream reaches its end.
     *
     * <pre>{@code
     * try (InputStream in = doc.content.syncOpenStream((read, total) -> bar.update(read, total))) { in.transferTo(out); }
     * }</pre>
     */
    default CompletableFuture<InputStream> openStream(ProgressListener listener) {
        return CompletableFuture.failedFuture(new S3AttributeException(S3AttributeException.Reason.INVALID_INPUT,
                getClass().getName() + " cannot report progress; use a value loaded from a table", null, null, null, null));
    }

    /** Blocking {@link #saveTo(Path, ProgressListener)}. */
    default Path syncSaveTo(Path target, ProgressListener listener) {
        return Futures.join(saveTo(target, listener));
    }

    /** Blocking {@link #openStream(ProgressListener)}. */
    default InputStream syncOpenStream(ProgressListener listener) {
        return Futures.join(openStream(listener));
    }

    /** Blocking {@link #getBytes()}. */
    default byte[] syncGetBytes() {
        return Futures.join(getBytes());
    }

    /** Blocking {@link #saveTo(Path)}. */
    default Path syncSaveTo(Path target) {
        return Futures.join(saveTo(target));
    }

    /** Blocking {@link #presignedUrl(Duration)}. */
    default URI syncPresignedUrl(Duration expiry) {
        return Futures.join(presignedUrl(expiry));
    }

    /** Blocking {@link #presignedUrl()}. */
    default URI syncPresignedUrl() {
        return syncPresignedUrl(DEFAULT_PRESIGN_EXPIRY);
    }

    /** Blocking {@link #openStream()}. */
    default InputStream syncOpenStream() {
        return Futures.join(openStream());
    }

    /** Blocking {@link #getBytes(long, long)}. */
    default byte[] syncGetBytes(long offset, long length) {
        return Futures.join(getBytes(offset, length));
    }

    /** Blocking {@link #openStream(long, long)}. */
    default InputStream syncOpenStream(long offset, long length) {
        return Futures.join(openStream(offset, length));
    }
}
